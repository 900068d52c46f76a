/// Flattens each sample to a vector: `[N, C, H, W]` → `[N, C·H·W]` (any `[N, …]` → `[N, product of the rest]`),
/// in row-major order, so feature `(c·H + y)·W + x` is pixel (y, x) of channel c. The backward pass
/// reshapes the gradient back to the input's shape; no element moves either way.
public final class Flatten: Layer {
    private var inputShape: [Int]?

    public init() {}

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank >= 1, "Flatten: input has no batch dimension")
        if training { inputShape = input.shape }
        return input.reshaped([input.shape[0], Tensor.count(of: Array(input.shape.dropFirst()))])
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape else { preconditionFailure("Flatten: backward without a training forward") }
        return outputGradient.reshaped(inputShape)
    }

    public var summary: String { "Flatten" }
}
