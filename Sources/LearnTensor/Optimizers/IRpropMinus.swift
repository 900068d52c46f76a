/// Full-batch resilient propagation, the iRprop⁻ variant (Igel & Hüsken 2000; PyTorch's `Rprop`): a step
/// size Δ per weight, adapted from the signs of successive gradients only, never from their size.
///
/// For each weight, with g the current and g⁻ the previous gradient (g⁻(0) = 0, Δ(0) = Δ₀):
///
///     g⁻·g > 0:  Δ ← min(Δ · η⁺, Δmax),  w ← w − sign(g) · Δ,  g⁻ ← g
///     g⁻·g < 0:  Δ ← max(Δ · η⁻, Δmin),  no step,              g⁻ ← 0
///     g⁻·g = 0:                          w ← w − sign(g) · Δ,  g⁻ ← g
///
/// Riedmiller's constants are the defaults: η⁺ = 1.2, η⁻ = 0.5, Δ ∈ [1e-6, 50], Δ₀ = 0.1 (Igel & Hüsken's
/// code and PyTorch use Δ₀ = 0.01). Meant for full-batch gradients (Hinton's counterexample shows why
/// not mini-batches: nine gradients of +0.1 and one of −0.9 move the weight up nine steps and down one).
/// State: `rprop.step` = Δ, `rprop.previousGradient` = g⁻.
public struct IRpropMinus: Optimizer, Sendable {
    /// η⁺ > 1 and η⁻ in (0, 1).
    public var increase: Float, decrease: Float
    /// Δ's bounds and its first value.
    public var minimumStep: Float, maximumStep: Float, initialStep: Float

    public init(initialStep: Float = 0.1, increase: Float = 1.2, decrease: Float = 0.5,
                minimumStep: Float = 1e-6, maximumStep: Float = 50) {
        precondition(increase > 1 && decrease > 0 && decrease < 1 && minimumStep > 0 && minimumStep <= initialStep
                     && initialStep <= maximumStep,
                     "IRpropMinus: η⁺ \(increase), η⁻ \(decrease), Δ₀ \(initialStep) in [\(minimumStep), \(maximumStep)]")
        (self.initialStep, self.increase, self.decrease) = (initialStep, increase, decrease)
        (self.minimumStep, self.maximumStep) = (minimumStep, maximumStep)
    }

    public func step(_ parameters: [Parameter]) {
        let (up, down, low, high) = (increase, decrease, minimumStep, maximumStep)
        for parameter in parameters {
            parameter.update(state: "rprop.step", initial: initialStep, "rprop.previousGradient", initial: 0) { w, g, delta, previous in
                for i in 0..<w.count {
                    let gradient = g[i], agreement = previous[i] * gradient
                    var step = delta[i]
                    if agreement > 0 { step = min(step * up, high) } else if agreement < 0 { step = max(step * down, low) }
                    delta[i] = step
                    let changed = agreement < 0
                    let direction: Float = gradient > 0 ? 1 : (gradient < 0 ? -1 : 0)
                    w[i] -= changed ? 0 : direction * step
                    previous[i] = changed ? 0 : gradient
                }
            }
        }
    }
}
