import Foundation

/// Adam (Kingma & Ba 2015): running averages of the gradient and of its square, corrected for their
/// start at zero, at step t = 1, 2, …
///
///     m ← β₁ · m + (1 − β₁) · g,          v ← β₂ · v + (1 − β₂) · g²
///     m̂ = m / (1 − β₁ᵗ),                  v̂ = v / (1 − β₂ᵗ)
///     w ← w − η · m̂ / (√v̂ + ε)
///
/// Defaults η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8. State: `adam.m`, `adam.v`, and `adam.t` (one
/// element: the parameter's step count t, so parameters may join later and still be corrected).
public struct Adam: Optimizer, Sendable {
    /// η.
    public var learningRate: Float
    /// β₁, β₂, in [0, 1).
    public var beta1: Float, beta2: Float
    /// ε, added to √v̂.
    public var epsilon: Float

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        precondition(learningRate > 0 && (0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon > 0,
                     "Adam: learning rate \(learningRate), β₁ \(beta1), β₂ \(beta2), ε \(epsilon)")
        (self.learningRate, self.beta1, self.beta2, self.epsilon) = (learningRate, beta1, beta2, epsilon)
    }

    public func step(_ parameters: [Parameter]) {
        let (eta, b1, b2, epsilon) = (learningRate, beta1, beta2, epsilon)
        for parameter in parameters {
            let t = (parameter.optimizerState["adam.t"]?.scalars[0] ?? 0) + 1
            parameter.optimizerState["adam.t"] = Tensor(shape: [1], scalars: [t])
            // The corrections in Double: 1 − β₂ᵗ is 0.001 at t = 1, and Float's powf would cost digits.
            let correction1 = Float(1 - pow(Double(b1), Double(t))), correction2 = Float(1 - pow(Double(b2), Double(t)))
            parameter.update(state: "adam.m", initial: 0, "adam.v", initial: 0) { w, g, m, v in
                // Eight weights at a time, as in RMSprop.
                let (w, g, m, v, n) = (w.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, w.count)
                let (b1v, b2v) = (SIMD8(repeating: b1), SIMD8(repeating: b2))
                let (c1, c2) = (SIMD8(repeating: correction1), SIMD8(repeating: correction2))
                let (eta8, epsilon8) = (SIMD8(repeating: eta), SIMD8(repeating: epsilon))
                for i in stride(from: 0, to: n, by: 8) {
                    let gradient = load8(g, i, count: n)
                    let mean = multiplyAdd(b1v, load8(m, i, count: n), (1 - b1v) * gradient)
                    let square = multiplyAdd(b2v, load8(v, i, count: n), (1 - b2v) * gradient * gradient)
                    store8(mean, m, i, count: n)
                    store8(square, v, i, count: n)
                    let step = eta8 * (mean / c1) / (squareRoot8(square / c2) + epsilon8)
                    store8(load8(w, i, count: n) - step, w, i, count: n)
                }
            }
        }
    }
}
