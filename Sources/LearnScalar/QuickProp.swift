/// QuickProp (Fahlman 1988): a Newton step for each weight on its own, with the curvature estimated
/// from the last two slopes, as if the error were a parabola in that weight alone.
///
/// For each weight, with S = ∂E/∂w now, S⁻ the slope at the previous step and Δw⁻ the previous change:
///
///     Δw⁻ = 0 (the first step):  Δw = −ε·S                                   (a gradient step)
///     otherwise:                 Δw = f·Δw⁻  (+ −ε·S when S·S⁻ > 0)
///         f = S / (S⁻ − S)        the parabola through the two slopes: its minimum is f·Δw⁻ away
///         f = μ                   when S·S⁻ > 0 and |S| ≥ |S⁻| (the parabola opens downward or is a line)
///         f ≤ μ                   the maximum growth factor bounds the step (μ = 1.75)
///
/// The gradient term −ε·S is added only while the slope keeps its sign (the minimum is still ahead); once
/// it changes sign the parabola's minimum lies between the last two points and the quadratic step alone
/// goes there. Defaults ε = 0.5 (the backprop lesson's η) and μ = 1.75 (Fahlman's).
public struct QuickProp: Sendable {
    /// ε, the gradient step's learning rate; μ, the maximum growth factor.
    public var learningRate: Double, maximumGrowth: Double
    /// Per weight: the previous slope S⁻ and the previous change Δw⁻.
    public private(set) var previousSlopes: [Double]
    public private(set) var previousChanges: [Double]

    public init(count: Int, learningRate: Double = 0.5, maximumGrowth: Double = 1.75) {
        precondition(count >= 0 && learningRate > 0 && maximumGrowth > 0,
                     "QuickProp: \(count) weights, ε \(learningRate), μ \(maximumGrowth)")
        (self.learningRate, self.maximumGrowth) = (learningRate, maximumGrowth)
        previousSlopes = Array(repeating: 0, count: count)
        previousChanges = Array(repeating: 0, count: count)
    }

    /// The growth factor f for slope `s` after slope `previous` (see the type's description).
    public func factor(slope s: Double, previous: Double) -> Double {
        if s * previous > 0 && abs(s) >= abs(previous) { return maximumGrowth }
        return min(s / (previous - s), maximumGrowth)
    }

    /// The changes to make to the weights for these slopes (∂E/∂w), remembered for the next step.
    public mutating func changes(gradients: [Double]) -> [Double] {
        precondition(gradients.count == previousChanges.count,
                     "QuickProp: \(previousChanges.count) weights, \(gradients.count) gradients")
        var result = Array(repeating: 0.0, count: gradients.count)
        for i in gradients.indices {
            let s = gradients[i], previous = previousSlopes[i], last = previousChanges[i]
            if last == 0 {
                result[i] = -learningRate * s
            } else {
                result[i] = factor(slope: s, previous: previous) * last + (s * previous > 0 ? -learningRate * s : 0)
            }
        }
        previousSlopes = gradients
        previousChanges = result
        return result
    }

    /// One step on `parameters` with the gradients that `backward()` left in them.
    public mutating func step(_ parameters: [Value]) {
        let delta = changes(gradients: parameters.map(\.grad))
        for (p, d) in zip(parameters, delta) { p.data += d }
    }
}
