import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The cricket-match neuron: 3·4 + 2·2 + 4·2 + 2·1 = 26 against the threshold 25, worked out here by hand.
@Suite struct CricketMatchTests {
    func run(_ settings: [String: String] = [:]) throws -> Trace {
        var p = Parameters(CricketMatch.parameters)
        for (name, value) in settings { try p.set(name, to: value) }
        return try CricketMatch.run(p)
    }

    @Test func theDecksDecision() throws {
        let t = try run()
        // Scores (weather, music, company, money) = (3, 2, 4, 2); importance (4, 2, 2, 1).
        #expect([t.value("k1"), t.value("k2"), t.value("k3"), t.value("k4")] == [12, 4, 8, 2])
        #expect(t.value("total") == 26)
        #expect(t.value("go") == 1)
        #expect(t.value("b") == -25)
        #expect(t.value("z") == 1)
        #expect(t.value("y") == 1)
        #expect(t.value("b_flip") == -26)
        // ∂z/∂xᵢ = wᵢ.
        #expect([t.value("dz/dx1"), t.value("dz/dx2"), t.value("dz/dx3"), t.value("dz/dx4")] == [4, 2, 2, 1])
        #expect(t.value("z_if_x1_minus_1") == -3)
        #expect(t.value("z_if_x4_minus_1") == 0)
        // σ(1) = e/(1 + e); σ(−25) = 1/(1 + e^25).
        #expect(abs(t.value("y_sigmoid")! - M_E / (1 + M_E)) <= 1e-15)
        #expect(abs(t.value("y_no_input")! - 1 / (1 + exp(25.0))) <= 1e-25)
        #expect(t.value("y_step") == 1)
        #expect(t.value("y_relu") == 1)
    }

    @Test func otherPreferences() throws {
        // Rain (weather 1) and a higher threshold: 1·4 + 2·2 + 4·2 + 2·1 = 18 < 20.
        let t = try run(["x1": "1", "threshold": "20"])
        #expect(t.value("total") == 18)
        #expect(t.value("go") == 0)
        #expect(t.value("z") == -2)
        #expect(t.value("y_relu") == 0)
        #expect(abs(t.value("y_sigmoid")! - 1 / (1 + exp(2.0))) <= 1e-15)
        // A tie goes, as the binary step (1 for x ≥ 0) says.
        #expect(try run(["threshold": "26"]).value("go") == 1)
    }
}
