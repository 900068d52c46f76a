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

    /// What each variant does on the −0.9 batch of the first epoch, simulated by hand: Δ has grown to
    /// 0.1·1.2⁸ over batches 2…9; iRprop⁻ halves it and makes no step, Rprop⁻ halves it and steps +Δ/2,
    /// Rprop⁺ halves it and undoes the ninth step (+0.1·1.2⁸).
    @Test func eachVariantOnTheLargeBatch() throws {
        let grown = 0.1 * pow(1.2, 8)
        let before = -(0...8).reduce(0.0) { $0 + 0.1 * pow(1.2, Double($1)) }
        for (variant, change) in [("irprop-", 0.0), ("rprop-", grown / 2), ("rprop+", grown)] {
            var p = Parameters(RpropMinibatch.parameters)
            try p.set("variant", to: variant)
            let t = try RpropMinibatch.run(p)
            #expect(abs(t.value("rprop_step_before_large")! - grown) <= 1e-12, "\(variant)")
            #expect(abs(t.value("rprop_step_after_large")! - grown / 2) <= 1e-12, "\(variant)")
            #expect(abs(t.value("rprop_change_large")! - change) <= 1e-12, "\(variant)")
            #expect(abs(t.value("rprop_w_before_large")! - before) <= 1e-12, "\(variant)")
        }
    }

    /// rmsprop's divisor √MeanSquare over the last epoch at decay 0.9 is far from constant: simulated here,
    /// and its steady state worked by hand (MeanSquare just after the −0.9 is M = 0.0865132/0.6513 ≈ 0.1328,
    /// so the −0.9 is divided by √M ≈ 0.364, and the last +0.1 by √(0.9⁹M + 0.01(1 − 0.9⁹)) ≈ 0.240).
    @Test func rmspropsDivisorChangesAcrossTheEpoch() throws {
        let t = try RpropMinibatch.run(Parameters(RpropMinibatch.parameters))
        var meanSquare = 0.0, w = 0.0, divisors: [Double] = [], start = 0.0
        for epoch in 1...5 {
            if epoch == 5 { start = w }
            for g in Array(repeating: 0.1, count: 9) + [-0.9] {
                meanSquare = 0.9 * meanSquare + 0.1 * g * g
                w -= 0.1 * g / meanSquare.squareRoot()
                if epoch == 5 { divisors.append(meanSquare.squareRoot()) }
            }
        }
        #expect(abs(t.value("rms_divisor_min")! - divisors.min()!) <= 1e-12)
        #expect(abs(t.value("rms_divisor_max")! - divisors.max()!) <= 1e-12)
        #expect(abs(t.value("rms_divisor_large")! - divisors.last!) <= 1e-12)
        #expect(abs(t.value("rms_epoch_change")! - (w - start)) <= 1e-12)
        // The steady state, by hand: M(1 − 0.9¹⁰) = 0.009(1 − 0.9⁹) + 0.081.
        let m = (0.009 * (1 - pow(0.9, 9)) + 0.081) / (1 - pow(0.9, 10))
        #expect(abs(t.value("rms_divisor_large")! - m.squareRoot()) <= 0.01)
        #expect(abs(t.value("rms_divisor_min")! - (pow(0.9, 9) * m + 0.01 * (1 - pow(0.9, 9))).squareRoot()) <= 0.01)
        #expect(t.value("rms_divisor_max")! / t.value("rms_divisor_min")! > 1.4)
        // A drift the same way as RPROP's, and far smaller.
        #expect(t.value("rms_epoch_change")! < 0 && t.value("rprop_epoch_change")! < 10 * t.value("rms_epoch_change")!)
    }
}
