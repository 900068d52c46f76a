/// RMSprop (Hinton, lecture 6e), in the form of Radford's Theano tutorial (ε inside the square root):
///
///     r ← ρ · r + (1 − ρ) · g²,    w ← w − η · g / √(r + ε),    r(0) = 0
///
/// Dividing by the running root mean square of the gradient makes the step size per weight about η
/// whatever the gradient's scale, yet (unlike Rprop) averages over mini-batches. Defaults are
/// Radford's: η = 0.001, ρ = 0.9, ε = 1e-6. State: `rmsprop.meanSquare` = r.
public struct RMSprop: Optimizer, Sendable {
    /// η.
    public var learningRate: Float
    /// ρ, the decay of the running mean square, in [0, 1).
    public var decay: Float
    /// ε, added to r inside the square root.
    public var epsilon: Float

    public init(learningRate: Float = 0.001, decay: Float = 0.9, epsilon: Float = 1e-6) {
        precondition(learningRate > 0 && decay >= 0 && decay < 1 && epsilon > 0,
                     "RMSprop: learning rate \(learningRate), decay \(decay), epsilon \(epsilon)")
        (self.learningRate, self.decay, self.epsilon) = (learningRate, decay, epsilon)
    }

    public func step(_ parameters: [Parameter]) {
        let (eta, rho, epsilon) = (learningRate, decay, epsilon)
        for parameter in parameters {
            parameter.update(state: "rmsprop.meanSquare", initial: 0) { w, g, r in
                // Eight weights at a time, with a vectorized 1/√ (`Float.squareRoot()` would keep the loop
                // scalar, see `reciprocalSquareRoot8`); the last chunk's missing lanes are zeros, not stored.
                // A large parameter is updated by both cores, each on its own range.
                // (`w.count`, not `parameter.value.count`: the weights are being modified.)
                guard let base = w.baseAddress, let g = g.baseAddress, let r = r.baseAddress else { return }
                let shared = UnsafeSendable((w: base, g: g, r: r))
                let (rho8, eta8, epsilon8) = (SIMD8(repeating: rho), SIMD8(repeating: eta), SIMD8(repeating: epsilon))
                forEachElementRange(w.count) { range in
                    let (w, g, r) = shared.value
                    let n = range.upperBound
                    for i in stride(from: range.lowerBound, to: n, by: 8) {
                        let gradient = load8(g, i, count: n)
                        let meanSquare = multiplyAdd(rho8, load8(r, i, count: n), (1 - rho8) * gradient * gradient)
                        store8(meanSquare, r, i, count: n)
                        store8(load8(w, i, count: n) - eta8 * gradient * reciprocalSquareRoot8(meanSquare + epsilon8), w, i, count: n)
                    }
                }
            }
        }
    }
}
