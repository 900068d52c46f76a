import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The RNN exercise: the unit unrolled over three steps and backpropagation through time, against the
/// deck's formulas written out here in Double.
@Suite struct RNNBPTTExerciseTests {
    @Test func variantsAreDeterministicOnTheirGridsAndAgreeWithBPTT() throws {
        for v in try checkedVariants(RNNBPTT.self) {
            let x = [v.number("x_1"), v.number("x_2"), v.number("x_3")]
            let (h0, wxh, whh, why, y) = (v.number("h_0"), v.number("W_xh"), v.number("W_hh"), v.number("W_hy"), v.number("y"))
            #expect(x.allSatisfy { isOnGrid($0, -1...1, step: 0.1) && $0 != 0 })
            #expect(isOnGrid(h0, -0.5...0.5, step: 0.1) && h0 != 0 && isOnGrid(y, -1...1, step: 0.1))
            #expect([wxh, whh, why].allSatisfy { isOnGrid($0, -1...1, step: 0.05) && $0 != 0 })

            // Forward: h_t = tanh(W_xh·x_t + W_hh·h_(t−1)), ŷ = W_hy·h_3, J = ½(ŷ − y)².
            var h = [h0]
            for t in 0..<3 { h.append(tanh(wxh * x[t] + whh * h[t])) }
            #expect(h.dropFirst().allSatisfy { (0.05...0.9).contains(abs($0)) }, "a saturated or vanishing state")
            let yHat = why * h[3]
            #expect(abs(yHat - y) >= 0.1)
            for t in 1...3 { expectAgrees(v, "h_\(t)", h[t]) }
            expectAgrees(v, "y_hat", yHat)
            expectAgrees(v, "J", 0.5 * (yHat - y) * (yHat - y))

            // Backward: ∂J/∂h_3 = (ŷ − y)·W_hy; δ_t = ∂J/∂h_t·(1 − h_t²); ∂J/∂h_(t−1) = δ_t·W_hh.
            expectAgrees(v, "dJ/dy_hat", yHat - y)
            var dh = (yHat - y) * why
            var delta = [Double](repeating: 0, count: 4)
            for t in stride(from: 3, through: 1, by: -1) {
                expectAgrees(v, "dJ/dh_\(t)", dh)
                delta[t] = dh * (1 - h[t] * h[t])
                expectAgrees(v, "δ_\(t)", delta[t])
                dh = delta[t] * whh
            }
            expectAgrees(v, "dJ/dh_0", dh)
            // W_hh and W_xh are shared by the three steps: one term per step, summed.
            for t in 1...3 { expectAgrees(v, "term_\(t)", delta[t] * h[t - 1]) }
            expectAgrees(v, "dJ/dW_hh", (1...3).reduce(0) { $0 + delta[$1] * h[$1 - 1] })
            expectAgrees(v, "dJ/dW_xh", (1...3).reduce(0) { $0 + delta[$1] * x[$1 - 1] })
            expectAgrees(v, "dJ/dW_hy", (yHat - y) * h[3])
            let memory = (1...3).reduce(1.0) { $0 * whh * (1 - h[$1] * h[$1]) }
            expectAgrees(v, "dh_3/dh_0", memory)
            #expect((1...3).allSatisfy { abs(delta[$0] * h[$0 - 1]) >= 0.001 } && abs(memory) >= 0.001, "a term too small to practise on")

            // And J's slope by a central difference of the unrolled unit, independent of every formula above.
            func loss(_ w: Double) -> Double {
                var state = h0
                for t in 0..<3 { state = tanh(wxh * x[t] + w * state) }
                return 0.5 * (why * state - y) * (why * state - y)
            }
            let eps = 1e-5
            #expect(abs(v.trace.value("dJ/dW_hh")! - (loss(whh + eps) - loss(whh - eps)) / (2 * eps)) <= 1e-8)
        }
    }
}
