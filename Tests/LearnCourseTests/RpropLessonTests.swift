import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// Hinton's counterexample and full-batch RPROP, against REFERENCES.md and a direct simulation here.
@Suite struct RpropLessonTests {
    @Test func fullBatchMatchesTheRecomputedReference() throws {
        let t = try RpropFullbatch.run(Parameters(RpropFullbatch.parameters))
        // REFERENCES.md: Δ0 = 0.1, E for t = 0…3 in every variant, then they part.
        for variant in ["rprop+", "rprop-", "irprop+", "irprop-"] {
            for (k, e) in [0.298371109, 0.277291760, 0.252632317, 0.224120054].enumerated() {
                #expect(abs(t.value("E_\(k)_\(variant)")! - e) <= 0.5e-9)
            }
        }
        #expect(abs(t.value("E_4_rprop-")! - 0.191210529) <= 0.5e-9)
        #expect(abs(t.value("E_4_rprop+")! - 0.191043507) <= 0.5e-9)
        #expect(abs(t.value("E_4_irprop+")! - 0.191378634) <= 0.5e-9)
        #expect(abs(t.value("E_4_irprop-")! - 0.191378634) <= 0.5e-9)
        #expect(abs(t.value("E_1_gd")! - 0.291027774) <= 0.5e-9)   // one plain update, as in the backprop lesson
    }

    /// iRprop⁻ on 9 × (+0.1), 1 × (−0.9), simulated directly: Δ grows ×1.2 over batches 2…9, halves at
    /// the tenth (no step), and the next epoch starts from g⁻ = 0 with that Δ.
    @Test func miniBatchRpropDrifts() throws {
        let t = try RpropMinibatch.run(Parameters(RpropMinibatch.parameters))
        var w = 0.0, delta = 0.1
        for epoch in 1...5 {
            for b in 1...9 {
                if b > 1 { delta = min(delta * 1.2, 50) }
                w -= delta
            }
            delta = max(delta * 0.5, 1e-6)
            #expect(abs(t.value("rprop_w_\(epoch)")! - w) <= 1e-9)
        }
        #expect(t.value("sgd_w") == 0)
        #expect(t.value("rprop_w")! < -10)
        #expect(abs(t.value("rmsprop_w")!) < abs(t.value("rprop_w")!) / 10)
    }

    @Test func rmspropFollowsHintonsFormula() throws {
        var p = Parameters(RpropMinibatch.parameters)
        try p.set("epochs", to: "2")
        let t = try RpropMinibatch.run(p)
        var w = 0.0, meanSquare = 0.0
        for _ in 0..<2 {
            for g in Array(repeating: 0.1, count: 9) + [-0.9] {
                meanSquare = 0.9 * meanSquare + 0.1 * g * g
                w -= 0.1 * g / meanSquare.squareRoot()
            }
        }
        #expect(abs(t.value("rmsprop_w")! - w) <= 1e-12)
    }
}
