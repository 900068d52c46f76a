/// Nesterov's accelerated gradient in the form of Sutskever et al. (2013) rewritten for the current
/// weights (Bengio et al. 2013; PyTorch's `nesterov=True` with the same scaling): the velocity is
/// updated as for ``Momentum`` and the step looks ahead along it,
///
///     v(t) = α · v(t−1) − η · (g + λ·w),    w ← w + α · v(t) − η · (g + λ·w),    v(0) = 0
///
/// State: `nesterov.velocity` = v.
public struct Nesterov: Optimizer, Sendable {
    /// η.
    public var learningRate: Float
    /// α, in [0, 1).
    public var momentum: Float
    /// λ (0: none).
    public var weightDecay: Float

    public init(learningRate: Float, momentum: Float = 0.9, weightDecay: Float = 0) {
        precondition(learningRate > 0 && momentum >= 0 && momentum < 1 && weightDecay >= 0,
                     "Nesterov: learning rate \(learningRate), momentum \(momentum), weight decay \(weightDecay)")
        (self.learningRate, self.momentum, self.weightDecay) = (learningRate, momentum, weightDecay)
    }

    public func step(_ parameters: [Parameter]) {
        let (eta, alpha, lambda) = (learningRate, momentum, weightDecay)
        for parameter in parameters {
            parameter.update(state: "nesterov.velocity", initial: 0) { w, g, v in
                for i in 0..<w.count {
                    let gradientStep = eta * (g[i] + lambda * w[i])
                    let velocity = alpha * v[i] - gradientStep
                    v[i] = velocity
                    w[i] += alpha * velocity - gradientStep
                }
            }
        }
    }
}
