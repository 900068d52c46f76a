import Testing
import LearnCore
@testable import LearnCourse

/// The Week 10 deck's gradient ascent x ← x + η∇f(x), on f(x) = 4x − x².
@Suite struct GradientAscentTests {
    @Test func theStepsClimbToTheMaximum() throws {
        // By hand, η = 1/4 from x₀ = 0: f′(0) = 4 → x₁ = 1; f′(1) = 2 → x₂ = 1.5, f(1.5) = 6 − 2.25 = 3.75;
        // then the distance to x = 2 halves (|1 − 2η| = ½): x₆ = 2 − 2·2⁻⁶ = 1.96875.
        let t = try runDerivation(GradientAscent.self)
        #expect(t.value("x_1") == 1)
        #expect(t.value("x_2") == 1.5)
        #expect(t.value("f_2") == 3.75)
        #expect(t.value("x_6") == 1.96875)
        #expect(t.value("x_last") == 1.96875)
        #expect(t.value("same_path") == 1)
        // Descending f instead: x ← x − η(4 − 2x) = 1.5x − 1, from 0: −1, −2.5, −4.75, −8.125, −13.1875, −20.78125.
        #expect(t.value("wrong_last") == -20.78125)
    }

    @Test func halfTheInverseCurvatureLandsAtOnce() throws {
        // η = ½: x₁ = x₀ + ½(4 − 2x₀) = 2 from any start.
        let t = try runDerivation(GradientAscent.self, ["eta": "0.5", "x0": "-7"])
        #expect(t.value("x_1") == 2)
        #expect(t.value("f_1") == 4)
    }
}
