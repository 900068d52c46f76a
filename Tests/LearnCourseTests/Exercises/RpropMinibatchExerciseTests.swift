import Testing
import LearnCore
@testable import LearnCourse

/// The RPROP exercise: step sizes and weights mini-batch by mini-batch, against the rule of REFERENCES.md
/// (Riedmiller & Braun; Igel & Hüsken) simulated here, and SGD and rmsprop by Hinton's formulas.
@Suite struct RpropMinibatchExerciseTests {
    @Test func variantsAreDeterministicOnTheirGridsAndAgreeWithTheStepSizeRule() throws {
        var variants = Set<String>()
        for v in try checkedVariants(RpropMinibatch.self) {
            let (gSmall, gLarge, batches) = (v.number("g_small"), v.number("g_large"), Int(v.number("batches")))
            let (delta0, eta, decay, variant) = (v.number("delta0"), v.number("eta"), v.number("decay"), v.text("variant"))
            variants.insert(variant)
            #expect(isOnGrid(gSmall, -0.5...0.5, step: 0.1) && gSmall != 0)
            #expect(isOnGrid(gLarge, -1.5...1.5, step: 0.1) && gLarge != 0)
            #expect(gSmall * gLarge < 0, "the last mini-batch's gradient changes the sign")
            #expect((3...5).contains(batches) && ["irprop-", "rprop-"].contains(variant))
            #expect([0.05, 0.1, 0.2].contains(delta0) && [0.1, 0.5].contains(eta) && [0.5, 0.9].contains(decay))
            #expect(v.parameters["eta_plus"] == 1.2 && v.parameters["eta_minus"] == 0.5)   // Riedmiller's, listed on the sheet
            #expect(v.asked.count == 1 + 2 * batches + 4 + 3)

            let gradients = (1...batches).map { $0 == batches ? gLarge : gSmall }
            let sum = gradients.reduce(0, +)
            expectAgrees(v, "sum_gradients", abs(sum) < 1e-12 ? 0 : sum)
            expectAgrees(v, "sgd_w_1", -eta * sum)

            // Per mini-batch: Δ grows ×1.2 while g keeps its sign, halves when it flips (iRprop⁻ then makes no
            // step and forgets g; Rprop⁻ steps as usual); w ← w − sign(g)·Δ.
            var w = 0.0, delta = delta0, previous = 0.0
            for epoch in 1...2 {
                for (b, g) in gradients.enumerated() {
                    var moves = true
                    if previous * g > 0 {
                        delta = min(delta * 1.2, 50)
                    } else if previous * g < 0 {
                        delta = max(delta * 0.5, 1e-6)
                        if variant == "irprop-" { moves = false }
                    }
                    if moves { w -= (g > 0 ? 1 : -1) * delta; previous = g } else { previous = 0 }
                    if epoch == 1 || b < 2 {
                        expectAgrees(v, "rprop_step_\(epoch),\(b + 1)", delta)
                        expectAgrees(v, "rprop_w_\(epoch),\(b + 1)", w)
                    }
                }
            }

            // rmsprop: MeanSquare ← decay·MeanSquare + (1 − decay)·g², w ← w − η·g/√MeanSquare.
            var meanSquare = 0.0, rms = 0.0
            for b in 0..<2 {
                meanSquare = decay * meanSquare + (1 - decay) * gradients[b] * gradients[b]
                rms -= eta * gradients[b] / meanSquare.squareRoot()
                expectAgrees(v, "rmsprop_w_1,\(b + 1)", rms)
            }
        }
        #expect(variants.count == 2)
    }
}
