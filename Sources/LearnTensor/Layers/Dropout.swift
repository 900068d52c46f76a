import LearnCore

/// Inverted dropout with rate p: while training, each element is dropped (set to 0) with probability p
/// and the others are scaled by `1 / (1 − p)`, so that the expected output equals the input and
/// inference needs no rescaling; with `training: false` the layer is the identity.
///
/// Training forward: `y = x · m` with `mᵢ = 0` if `uᵢ < p`, else `1 / (1 − p)`, where `uᵢ ∈ [0, 1)` are
/// uniforms from the layer's own ``SplitMix64`` (53 bits each, one draw per element in row-major order).
/// Backward: `∂L/∂x = ∂L/∂y · m` with the mask of the last training forward. Any shape.
///
/// Deterministic: the same seed and the same sequence of training forwards give the same masks.
/// Radford's modern net uses p = 0.2 on the input and 0.5 on the hidden layers.
public final class Dropout: Layer {
    /// p, the probability of dropping an element, in [0, 1).
    public let rate: Float
    private var generator: SplitMix64
    private var mask: Tensor?

    /// A layer dropping with probability `rate` (0 ≤ rate < 1), its masks drawn from `SplitMix64(seed)`.
    public init(rate: Float, seed: UInt64) {
        precondition(rate >= 0 && rate < 1, "Dropout: rate is \(rate), must be in [0, 1)")
        self.rate = rate
        self.generator = SplitMix64(seed: seed)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        guard training else { return input }
        let count = input.count, p = Double(rate), scale = 1 / (1 - rate)
        // Large masks are drawn by two threads from the two halves of the same sequence (`advanced(by:)`),
        // so they are the numbers one thread would draw, in half the time.
        let parts = elementwiseParts(count)
        let start = generator
        let maskScalars = [Float](unsafeUninitializedCapacity: count) { m, initialized in
            let target = UnsafeSendable(m.baseAddress)
            parallelFor(parts) { part in
                guard let m = target.value else { return }
                let range = elementwiseRange(part, of: parts, count: count)
                var g = start.advanced(by: range.lowerBound)
                for i in range { m[i] = g.nextUnit() < p ? 0 : scale }
            }
            initialized = count
        }
        generator = start.advanced(by: count)
        let mask = Tensor(shape: input.shape, scalars: maskScalars)
        self.mask = mask
        return mapElements(input, mask, Product())
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let mask else { preconditionFailure("Dropout: backward without a training forward") }
        return mapElements(outputGradient, mask, Product())
    }

    /// E.g. `Dropout 0.5`.
    public var summary: String { "Dropout \(rate)" }
}
