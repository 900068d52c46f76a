import Testing
import LearnScalar

/// The four RPROP variants on hand-made gradient sequences, each step worked by hand in the comments.
@Suite struct RpropTests {
    @Test func stepsGrowWhileTheSignHolds() {
        var r = Rprop(count: 1, variant: .iRpropMinus, initialStep: 0.1)
        #expect(r.changes(gradients: [1])[0] == -0.1)         // no previous gradient: Δ stays 0.1
        #expect(abs(r.changes(gradients: [2])[0] + 0.12) < 1e-15)   // same sign: Δ = 0.12
        #expect(abs(r.changes(gradients: [0.5])[0] + 0.144) < 1e-15) // Δ = 0.144
    }

    @Test func iRpropMinusSkipsTheStepAfterASignChange() {
        var r = Rprop(count: 1, variant: .iRpropMinus, initialStep: 0.1)
        _ = r.changes(gradients: [1])
        #expect(r.changes(gradients: [-1])[0] == 0)    // sign change: Δ = 0.05, no step, g⁻ = 0
        #expect(r.steps[0] == 0.05)
        #expect(r.changes(gradients: [-1])[0] == 0.05) // g⁻ = 0: Δ unchanged, step against the sign
    }

    @Test func rpropMinusStepsAnyway() {
        var r = Rprop(count: 1, variant: .rpropMinus, initialStep: 0.1)
        _ = r.changes(gradients: [1])
        #expect(r.changes(gradients: [-1])[0] == 0.05)
    }

    @Test func rpropPlusUndoesItsLastStep() {
        var r = Rprop(count: 1, variant: .rpropPlus, initialStep: 0.1)
        _ = r.changes(gradients: [1])                              // −0.1
        #expect(abs(r.changes(gradients: [1])[0] + 0.12) < 1e-15)  // −0.12
        #expect(abs(r.changes(gradients: [-1])[0] - 0.12) < 1e-15) // undo the −0.12
    }

    @Test func iRpropPlusUndoesOnlyWhenTheErrorRose() {
        var a = Rprop(count: 1, variant: .iRpropPlus, initialStep: 0.1)
        _ = a.changes(gradients: [1], error: 1.0)
        #expect(a.changes(gradients: [-1], error: 0.5)[0] == 0)
        var b = Rprop(count: 1, variant: .iRpropPlus, initialStep: 0.1)
        _ = b.changes(gradients: [1], error: 1.0)
        #expect(b.changes(gradients: [-1], error: 2.0)[0] == 0.1)
    }

    @Test func stepsStayWithinTheirBounds() {
        var r = Rprop(count: 1, initialStep: 40, maximumStep: 50)
        _ = r.changes(gradients: [1]); _ = r.changes(gradients: [1]); _ = r.changes(gradients: [1])
        #expect(r.steps[0] == 50)
        var s = Rprop(count: 1, variant: .rpropMinus, initialStep: 2e-6, minimumStep: 1e-6)
        for k in 0..<6 { _ = s.changes(gradients: [k % 2 == 0 ? 1 : -1]) }
        #expect(s.steps[0] == 1e-6)
    }
}
