import Testing
import LearnCore
@testable import LearnCourse

/// The gradient-descent exercise: two full-batch steps on the linear neuron's bowl, plain and with momentum,
/// against the update rule written out here in Double.
@Suite struct GradientDescentExerciseTests {
    /// The lesson's four points (x_p, d_p).
    let x = [0.0, 1, 2, 3], d = [0.1, 0.3, 0.8, 0.9]

    /// ∂E/∂w0 = −Σ(d − y), ∂E/∂w1 = −Σ(d − y)·x for y = w0 + w1·x, and E = ½Σ(d − y)².
    func bowl(_ w0: Double, _ w1: Double) -> (e: Double, g0: Double, g1: Double) {
        var e = 0.0, g0 = 0.0, g1 = 0.0
        for p in 0..<4 {
            let r = d[p] - (w0 + w1 * x[p])
            e += 0.5 * r * r; g0 -= r; g1 -= r * x[p]
        }
        return (e, g0, g1)
    }

    @Test func variantsAreDeterministicOnTheirGridsAndAgreeWithTheUpdateRule() throws {
        for v in try checkedVariants(GradientDescent.self) {
            let (w0, w1, eta, alpha) = (v.number("w0_start"), v.number("w1_start"), v.number("eta_momentum"), v.number("alpha"))
            #expect(isOnGrid(w0, -1...1, step: 0.05) && isOnGrid(w1, -1...1, step: 0.05))
            #expect([0.01, 0.02, 0.05, 0.1].contains(eta) && [0.5, 0.8, 0.9].contains(alpha))
            // Below the bowl's critical rate 2/λ_max, λ_max = (4 + 14)/2 + √(5² + 6²) for H = [[4, 6], [6, 14]].
            #expect(eta < 2 / (9 + (25.0 + 36).squareRoot()))
            for p in 0..<4 {
                #expect(v.trace.value("x_\(p + 1)") == x[p] && v.trace.value("d_\(p + 1)") == d[p])
            }

            let start = bowl(w0, w1)
            #expect(abs(start.g0) >= 0.1 && abs(start.g1) >= 0.1)   // the exercise's own rule: a step that moves
            let (p0, p1) = (w0 - eta * start.g0, w1 - eta * start.g1)   // w ← w − η·∂E/∂w
            expectAgrees(v, "E_plain_0", start.e)
            expectAgrees(v, "w0_plain_1", p0)
            expectAgrees(v, "w1_plain_1", p1)
            expectAgrees(v, "E_plain_1", bowl(p0, p1).e)
            #expect(bowl(p0, p1).e < start.e)

            // Momentum: Δw(t) = −η·∂E/∂w + α·Δw(t − 1), Δw(0) = 0, so the first step is plain descent's.
            let step1 = -eta * start.g1
            let step2 = -eta * bowl(p0, p1).g1 + alpha * step1
            expectAgrees(v, "Δw1(1)", step1)
            expectAgrees(v, "Δw1(2)", step2)
            expectAgrees(v, "w1_momentum_2", w1 + step1 + step2)
        }
    }
}
