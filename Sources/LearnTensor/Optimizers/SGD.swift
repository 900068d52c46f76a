/// Plain stochastic gradient descent with optional L2 weight decay λ:
///
///     w ← w − η · (g + λ·w)
///
/// Radford's logistic regression and sigmoid MLP use η = 0.05, λ = 0; the Kuzovkin 2-2-2 example η = 0.5.
public struct SGD: Optimizer, Sendable {
    /// η.
    public var learningRate: Float
    /// λ (0: none).
    public var weightDecay: Float

    public init(learningRate: Float, weightDecay: Float = 0) {
        precondition(learningRate > 0 && weightDecay >= 0, "SGD: learning rate \(learningRate), weight decay \(weightDecay)")
        (self.learningRate, self.weightDecay) = (learningRate, weightDecay)
    }

    public func step(_ parameters: [Parameter]) {
        let (eta, lambda) = (learningRate, weightDecay)
        for parameter in parameters {
            parameter.update { w, g in
                // (`w.count`, not `parameter.value.count`: the weights are being modified.)
                guard let base = w.baseAddress, let g = g.baseAddress else { return }
                let shared = UnsafeSendable((w: base, g: g))
                forEachElementRange(w.count) { range in
                    let (w, g) = shared.value
                    for i in range { w[i] -= eta * (g[i] + lambda * w[i]) }
                }
            }
        }
    }
}
