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
        let count = input.count, scale = 1 / (1 - rate)
        // uᵢ < p with uᵢ = kᵢ · 2⁻⁵³ (kᵢ the draw's top 53 bits) is kᵢ < p · 2⁵³, exactly (both sides are
        // exact in Double), i.e. kᵢ < ⌈p · 2⁵³⌉: an integer comparison, the same mask as `nextUnit() < p`.
        let threshold = UInt64((Double(rate) * 0x1p53).rounded(.up))
        // Large masks are drawn by two threads from the two halves of the same sequence (`advanced(by:)`),
        // so they are the numbers one thread would draw, in half the time; each thread also writes its
        // part of the output, in the same pass.
        let start = generator
        var output = [Float](unsafeUninitializedCapacity: count) { $1 = count }
        let maskScalars = [Float](unsafeUninitializedCapacity: count) { m, initialized in
            input.scalars.withUnsafeBufferPointer { x in
                output.withUnsafeMutableBufferPointer { y in
                    let shared = UnsafeSendable((m: m.baseAddress, x: x.baseAddress, y: y.baseAddress))
                    forEachElementRange(count) { range in
                        guard let m = shared.value.m, let x = shared.value.x, let y = shared.value.y else { return }
                        var g = start.advanced(by: range.lowerBound)
                        for i in range {
                            let keep: Float = g.next() >> 11 < threshold ? 0 : scale
                            m[i] = keep
                            y[i] = x[i] * keep
                        }
                    }
                }
            }
            initialized = count
        }
        generator = start.advanced(by: count)
        mask = Tensor(shape: input.shape, scalars: maskScalars)
        return Tensor(shape: input.shape, scalars: output)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let mask else { preconditionFailure("Dropout: backward without a training forward") }
        return mapElements(outputGradient, mask, Product())
    }

    /// E.g. `Dropout 0.5`.
    public var summary: String { "Dropout \(rate)" }
}
