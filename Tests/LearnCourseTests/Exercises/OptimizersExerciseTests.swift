import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The optimizers exercise: the first steps of w5 (and QuickProp's of w1) against the update rules written
/// out here, on gradients of the 2-2-2 network computed by the tests' own `Reference222`.
@Suite struct OptimizersExerciseTests {
    /// Fahlman's QuickProp for one weight, as the lesson states it: a gradient step −ε·S first; then
    /// f = S/(S⁻ − S), at most μ, and μ when the slope kept its sign without getting flatter; Δw = f·Δw⁻,
    /// plus −ε·S while the slope keeps its sign.
    static func quickProp(slope s: Double, previous: Double, last: Double, epsilon: Double, mu: Double) -> (f: Double?, change: Double) {
        if last == 0 { return (nil, -epsilon * s) }
        let f = s * previous > 0 && abs(s) >= abs(previous) ? mu : min(s / (previous - s), mu)
        return (f, f * last + (s * previous > 0 ? -epsilon * s : 0))
    }

    @Test func variantsAreDeterministicOnTheirGridsAndAgreeWithTheUpdateRules() throws {
        for v in try checkedVariants(Optimizers.self) {
            let (eta, alpha, delta0, mu) = (v.number("eta"), v.number("alpha"), v.number("delta0"), v.number("growth"))
            #expect([0.1, 0.25, 0.5, 1].contains(eta) && [0.5, 0.8, 0.9].contains(alpha))
            #expect([0.01, 0.05, 0.1, 0.2].contains(delta0) && [1.5, 1.75, 2].contains(mu))

            // Gradient descent and momentum start alike: g(1) at the deck's weights, g(2) after −η·g(1).
            var net = Reference222()
            net.eta = eta
            let g1 = net.gradients()
            net.update()
            let g2 = net.gradients()
            expectAgrees(v, "g_5(1)", g1[4])
            expectAgrees(v, "g_5(2)", g2[4])
            expectAgrees(v, "gd_dw5_1", -eta * g1[4])
            expectAgrees(v, "momentum_dw5_2", -eta * g2[4] + alpha * (-eta * g1[4]))
            expectAgrees(v, "rprop_dw5_1", -(g1[4] > 0 ? 1 : -1) * delta0)

            // QuickProp on all eight weights for four epochs (ε = η), every weight by the same rule.
            var quick = Reference222()
            var slopes: [[Double]] = [], changes: [[Double]] = []
            var factors: [[Double?]] = []
            for t in 0..<4 {
                let s = quick.gradients()
                var step: [Double] = [], fs: [Double?] = []
                for i in 0..<8 {
                    let (f, change) = Self.quickProp(slope: s[i], previous: t == 0 ? 0 : slopes[t - 1][i],
                                                     last: t == 0 ? 0 : changes[t - 1][i], epsilon: eta, mu: mu)
                    step.append(change); fs.append(f)
                }
                slopes.append(s); changes.append(step); factors.append(fs)
                for i in 0..<8 { quick.w[i] += step[i] }
            }
            expectAgrees(v, "f_5(2)", factors[1][4]!)
            expectAgrees(v, "quickprop_dw5_2", changes[1][4])
            expectAgrees(v, "S_1(3)", slopes[2][0])
            expectAgrees(v, "S_1(4)", slopes[3][0])
            expectAgrees(v, "Δw_1(3)", changes[2][0])
            expectAgrees(v, "f_1(4)", factors[3][0]!)
            expectAgrees(v, "quickprop_dw1_4", changes[3][0])
        }
    }
}
