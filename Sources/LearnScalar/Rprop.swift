/// Resilient propagation: a step size per weight, adapted from the signs of successive gradients only.
///
/// For each weight, with g the current and g⁻ the stored previous gradient (Igel & Hüsken 2000):
/// - g⁻·g > 0: Δ ← min(Δ·η⁺, Δmax); g⁻·g < 0: Δ ← max(Δ·η⁻, Δmin); otherwise Δ is unchanged.
/// - On a sign change, `Variant` decides: Rprop⁺ undoes its last step and sets g⁻ ← 0; Rprop⁻ steps as
///   usual; iRprop⁺ undoes its last step only if the error rose, and sets g⁻ ← 0; iRprop⁻ makes no
///   step and sets g⁻ ← 0.
/// - Otherwise w ← w − sign(g)·Δ and g⁻ ← g.
/// Riedmiller's constants are the defaults: η⁺ = 1.2, η⁻ = 0.5, Δ ∈ [10⁻⁶, 50], Δ0 = 0.1.
public struct Rprop: Sendable {
    /// The four published variants.
    public enum Variant: String, Sendable, CaseIterable {
        case rpropPlus = "rprop+", rpropMinus = "rprop-", iRpropPlus = "irprop+", iRpropMinus = "irprop-"
    }
    public var variant: Variant
    public var increase: Double, decrease: Double, minimumStep: Double, maximumStep: Double
    /// Per weight: the step size Δ, the previous gradient g⁻ and the last change made.
    public private(set) var steps: [Double]
    public private(set) var previousGradients: [Double]
    private var lastChanges: [Double]
    private var previousError: Double = .infinity

    public init(count: Int, variant: Variant = .iRpropMinus, initialStep: Double = 0.1, increase: Double = 1.2,
                decrease: Double = 0.5, minimumStep: Double = 1e-6, maximumStep: Double = 50) {
        self.variant = variant
        self.increase = increase; self.decrease = decrease
        self.minimumStep = minimumStep; self.maximumStep = maximumStep
        steps = Array(repeating: initialStep, count: count)
        previousGradients = Array(repeating: 0, count: count)
        lastChanges = Array(repeating: 0, count: count)
    }

    /// The changes to make to the weights for these gradients; `error` (the error at the current
    /// weights) is used by iRprop⁺ only.
    public mutating func changes(gradients: [Double], error: Double = .nan) -> [Double] {
        precondition(gradients.count == steps.count, "Rprop: \(steps.count) weights, \(gradients.count) gradients")
        let errorRose = error > previousError
        previousError = error
        var result = Array(repeating: 0.0, count: gradients.count)
        for i in gradients.indices {
            let g = gradients[i], agreement = previousGradients[i] * g
            if agreement > 0 {
                steps[i] = min(steps[i] * increase, maximumStep)
            } else if agreement < 0 {
                steps[i] = max(steps[i] * decrease, minimumStep)
                switch variant {
                case .rpropMinus: break
                case .rpropPlus:
                    result[i] = -lastChanges[i]; lastChanges[i] = 0; previousGradients[i] = 0; continue
                case .iRpropPlus:
                    result[i] = errorRose ? -lastChanges[i] : 0; lastChanges[i] = 0; previousGradients[i] = 0; continue
                case .iRpropMinus:
                    lastChanges[i] = 0; previousGradients[i] = 0; continue
                }
            }
            let change = g > 0 ? -steps[i] : (g < 0 ? steps[i] : 0)
            result[i] = change
            lastChanges[i] = change
            previousGradients[i] = g
        }
        return result
    }

    /// One step on `parameters` with the gradients that `backward()` left in them.
    public mutating func step(_ parameters: [Value], error: Double = .nan) {
        let delta = changes(gradients: parameters.map(\.grad), error: error)
        for (p, d) in zip(parameters, delta) { p.data += d }
    }
}
