import Testing
import LearnCore
@testable import LearnCourse

/// The Week 10 deck's worked update, and the rule trained on AND, OR and XOR.
@Suite struct PerceptronTests {
    @Test func theDecksWorkedUpdate() throws {
        // w = (−1, 2, 1), x = (½, 1), y = −1, η = 1:
        // v = 2·½ + 1·1 − 1 = 1; ŷ = sign(1) = 1; e = y − ŷ = −2; w_i ← w_i − 2x_i.
        let t = try PerceptronUpdate.run(Parameters(PerceptronUpdate.parameters))
        #expect(t.value("v") == 1)
        #expect(t.value("y_hat") == 1)
        #expect(t.value("e") == -2)
        #expect([t.value("w0+"), t.value("w1+"), t.value("w2+")] == [-3, 1, -1])
        // v' = v + ηe‖x‖² = 1 − 2·(1 + ¼ + 1) = −3.5, and directly (−3)·1 + 1·½ + (−1)·1 = −3.5.
        #expect(t.value("x_norm2") == 2.25)
        #expect(t.value("v+") == -3.5)
        #expect(t.value("v+_rule") == -3.5)
    }

    @Test func aCorrectSampleChangesNothing() throws {
        var p = Parameters(PerceptronUpdate.parameters)
        try p.set("y", to: "1")
        let t = try PerceptronUpdate.run(p)
        #expect(t.value("e") == 0)
        #expect([t.value("w0+"), t.value("w1+"), t.value("w2+")] == [-1, 2, 1])
    }

    /// An independent perceptron: the deck's algorithm, w = 0, samples a…d in order.
    func reference(_ targets: [Double], epochs: Int = 100) -> (converged: Bool, updates: Int, w: [Double]) {
        let xs: [(Double, Double)] = [(0, 0), (0, 1), (1, 0), (1, 1)]
        var w = [0.0, 0, 0], updates = 0
        for _ in 0..<epochs {
            var mistakes = 0
            for (k, x) in xs.enumerated() {
                let yHat: Double = w[0] + w[1] * x.0 + w[2] * x.1 >= 0 ? 1 : -1
                let e = targets[k] - yHat
                if e != 0 { mistakes += 1; updates += 1; w[0] += e; w[1] += e * x.0; w[2] += e * x.1 }
            }
            if mistakes == 0 { return (true, updates, w) }
        }
        return (false, updates, w)
    }

    @Test(arguments: [("AND", [-1.0, -1, -1, 1]), ("OR", [-1.0, 1, 1, 1])])
    func linearlySeparableGatesConverge(gate: String, targets: [Double]) throws {
        var p = Parameters(PerceptronTraining.parameters)
        try p.set("gate", to: gate)
        let t = try PerceptronTraining.run(p)
        let ref = reference(targets)
        #expect(ref.converged)
        #expect(t.value("converged") == 1)
        #expect(t.value("updates") == Double(ref.updates))
        #expect([t.value("w0"), t.value("w1"), t.value("w2")] == ref.w.map { Optional($0) })
    }

    @Test func xorCyclesForever() throws {
        var p = Parameters(PerceptronTraining.parameters)
        try p.set("gate", to: "XOR")
        let t = try PerceptronTraining.run(p)
        #expect(t.value("converged") == 0)
        #expect(!reference([-1, 1, 1, -1], epochs: 1000).converged)
        let length = try #require(t.value("cycle_length"))
        #expect(length >= 1)
    }
}
