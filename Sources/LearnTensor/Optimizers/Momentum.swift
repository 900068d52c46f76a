/// Gradient descent with (classical) momentum α and optional L2 weight decay λ: each change is the
/// gradient step plus α times the previous change,
///
///     Δw(t) = −η · (g + λ·w) + α · Δw(t−1),    w ← w + Δw(t),    Δw(0) = 0
///
/// so under a constant gradient the steps grow towards `η·g / (1 − α)`. State: `momentum.velocity` = Δw.
public struct Momentum: Optimizer, Sendable {
    /// η.
    public var learningRate: Float
    /// α, in [0, 1).
    public var momentum: Float
    /// λ (0: none).
    public var weightDecay: Float

    public init(learningRate: Float, momentum: Float = 0.9, weightDecay: Float = 0) {
        precondition(learningRate > 0 && momentum >= 0 && momentum < 1 && weightDecay >= 0,
                     "Momentum: learning rate \(learningRate), momentum \(momentum), weight decay \(weightDecay)")
        (self.learningRate, self.momentum, self.weightDecay) = (learningRate, momentum, weightDecay)
    }

    public func step(_ parameters: [Parameter]) {
        let (eta, alpha, lambda) = (learningRate, momentum, weightDecay)
        for parameter in parameters {
            parameter.update(state: "momentum.velocity", initial: 0) { w, g, v in
                for i in 0..<w.count {
                    let change = alpha * v[i] - eta * (g[i] + lambda * w[i])
                    v[i] = change
                    w[i] += change
                }
            }
        }
    }
}
