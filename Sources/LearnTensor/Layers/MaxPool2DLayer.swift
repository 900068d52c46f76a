/// A max-pooling layer: `[N, C, H, W]` → `[N, C, H', W']`, the largest value of each `window × window`
/// window moved by `stride` (see ``maxPool2D(_:window:stride:rounding:maxThreads:)``).
///
/// A training forward keeps the argmax positions; ``backward(_:)`` routes each output's gradient to the
/// input that was the maximum (the first one on a tie) and gives every other input zero.
public final class MaxPool2D: Layer {
    public let window: Int
    public let stride: Int
    public let rounding: PoolRounding
    /// Threads the kernels may use.
    public var maxThreads = availableCoreCount

    private var argmax: [Int32] = []
    private var inputShape: [Int]?

    /// `window × window` windows moved by `stride` (default: `window`, non-overlapping), with a ragged
    /// edge dropped (`.floor`) or kept as a partial window (`.ceil`, old Theano).
    public init(window: Int = 2, stride: Int? = nil, rounding: PoolRounding = .floor) {
        precondition(window >= 1 && (stride ?? window) >= 1, "MaxPool2D: window \(window), stride \(stride ?? window)")
        (self.window, self.stride, self.rounding) = (window, stride ?? window, rounding)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let result = maxPool2D(input, window: window, stride: stride, rounding: rounding, maxThreads: maxThreads)
        if training { (argmax, inputShape) = (result.argmax, input.shape) }
        return result.output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape else { preconditionFailure("MaxPool2D: backward without a training forward") }
        return maxPool2DBackward(outputGradient, argmax: argmax, inputShape: inputShape, maxThreads: maxThreads)
    }

    /// E.g. `MaxPool2D 2×2` or `MaxPool2D 3×3, stride 2, ceil`.
    public var summary: String {
        "MaxPool2D \(window)×\(window)" + (stride != window ? ", stride \(stride)" : "") + (rounding == .ceil ? ", ceil" : "")
    }
}
