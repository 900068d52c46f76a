import Foundation
import Testing
import LearnNotebook

/// Slips of an update w⁺ = w − η·g, of old and updated weights, and of the bias.
extension SlipDiagnosisTests {
    // MARK: The update not applied

    @Test func updateNotAppliedInBackprop() throws {
        // w5⁺ written as w5 = 0.4, and w1⁺ as w1 = 0.15 (the example, now with enough digits).
        try Self.expectSlip(.updateNotApplied, at: "w5+", on: Self.backprop, [("w5+", Mazur.w5)])
        try Self.expectSlip(.updateNotApplied, at: "w1+", on: Self.backprop, [("w1+", Mazur.w1)])
    }

    @Test func updateNotAppliedWithTiedWeights() throws {
        // w⁺ = w1 − η·(∂E/∂w1 + ∂E/∂w2) written as w1 = 0.3.
        try Self.expectSlip(.updateNotApplied, at: "w+", on: Self.sharedWeights, [("w+", Tied.w)])
    }

    // MARK: η left out

    @Test func learningRateMissingInBackprop() throws {
        // w5⁺ = w5 − ∂E_total/∂w5 = 0.4 − 0.082167041 = 0.317833.
        try Self.expectSlip(.learningRateMissing, at: "w5+", on: Self.backprop, [("w5+", Mazur.w5 - Mazur.dEdw5)])
    }

    @Test func learningRateMissingInTheDeltaRule() throws {
        // Δw_11^2 = η·δ_1^2·y_1^1 without η: −0.138498562 · 0.593269992 = −0.0821670.
        try Self.expectSlip(.learningRateMissing, at: "Dw_11^2", on: Self.deltaRule, [("Dw_11^2", -Mazur.deltaO1 * Mazur.outH1)])
    }

    @Test func learningRateMissingInTheOptimizers() throws {
        // Gradient descent's first step on w5, Δw5 = −η·g5 with g5 = ∂E/∂w5 = 0.082167041, without η.
        try Self.expectSlip(.learningRateMissing, at: "gd_dw5_1", on: Self.optimizers, [("gd_dw5_1", -Mazur.dEdw5)])
    }

    // MARK: η applied twice

    @Test func learningRateTwiceInBackprop() throws {
        // w5⁺ = 0.4 − 0.5 · 0.5 · 0.082167041 = 0.379458. (With η = 0.5, w − 2·η·g is w − g: η left out.)
        try Self.expectSlip(.learningRateTwice, at: "w5+", on: Self.backprop, [("w5+", Mazur.w5 - Mazur.eta * Mazur.eta * Mazur.dEdw5)])
    }

    @Test func learningRateTwiceInTheDeltaRule() throws {
        // Δw_11^2 = η·η·δ_1^2·y_1^1 = 0.25 · (−0.138498562) · 0.593269992.
        try Self.expectSlip(.learningRateTwice, at: "Dw_11^2", on: Self.deltaRule,
                            [("Dw_11^2", Mazur.eta * Mazur.eta * -Mazur.deltaO1 * Mazur.outH1)])
    }

    @Test func learningRateTwiceWithTiedWeights() throws {
        // w⁺ = 0.3 − 0.5 · 0.5 · (∂E/∂w1 + ∂E/∂w2) = 0.3 − 0.25 · (−0.150366240).
        try Self.expectSlip(.learningRateTwice, at: "w+", on: Self.sharedWeights,
                            [("w+", Tied.w - Tied.eta * Tied.eta * (Tied.dEdw1 + Tied.dEdw2))])
    }

    // MARK: The updated weight where the original belongs, and the reverse

    /// The deck's own erratum: early companion code computed the hidden layer's gradients with the
    /// already updated w5…w8. (The course has no other step that uses an original weight after its
    /// update; in `perceptron-update`, v⁺ + η·e·‖x‖² is v + 2·η·e·‖x‖², η applied twice.)
    @Test func updatedForOriginalInBackprop() throws {
        // ∂net_o1/∂out_h1 = w5 written as w5⁺ = 0.4 − 0.5 · 0.082167041 = 0.35891648, carried on into
        // ∂E_o1/∂out_h1 = 0.138498562 · 0.35891648.
        let slip = Self.asWritten(Mazur.w5Updated)
        try Self.expectSlip(.updatedForOriginal, at: "dnet_o1/dout_h1", carried: ["dE_o1/dout_h1"], on: Self.backprop, [
            ("dnet_o1/dout_h1", slip),
            ("dE_o1/dout_h1", Mazur.deltaO1 * slip),
        ])

        // Only ∂E_total/∂out_h1 written: δ_o1·w5⁺ + δ_o2·w7 = 0.138498562 · 0.35891648 − 0.0380982365 · 0.5.
        try Self.expectSlip(.updatedForOriginal, at: "dE_total/dout_h1", step: "dnet_o1/dout_h1", on: Self.backprop, [
            ("dE_total/dout_h1", Mazur.deltaO1 * Mazur.w5Updated + Mazur.deltaO2 * Mazur.w7),
        ])
    }

    /// The course's only step that uses updated weights is the perceptron's v⁺ = w⁺·x. On the slides'
    /// numbers (η = 1) the old w1 there gives −3, as w1⁺·x0 for w1⁺·x1 does (a neighbour, preferred);
    /// with η = ½ the two differ.
    @Test func originalForUpdatedInThePerceptron() throws {
        // η = ½: e = y − ŷ = −1 − sign(−1 · 1 + 2 · ½ + 1 · 1) = −2; w0⁺ = −1 + ½ · (−2) · 1 = −2,
        // w2⁺ = 1 + ½ · (−2) · 1 = 0. v⁺ = w0⁺·x0 + w1·x1 + w2⁺·x2 with the old w1 = 2: −2 + 2 · ½ + 0 = −1.
        let eta = 0.5, e = -1.0 - 1.0
        let w0Updated = -1 + eta * e * 1, w2Updated = 1 + eta * e * 1
        let found = try Self.expectSlip(.originalForUpdated, at: "v+", on: Self.document("perceptron-update eta=0.5"),
                                        [("v+", w0Updated * 1 + 2 * 0.5 + w2Updated * 1)])
        #expect(found?.detail == "w1 for w1+")
    }

    // MARK: The bias left out, or counted twice

    @Test func biasOmittedInBackprop() throws {
        // net_h1 = w1·i1 + w2·i2 without b1: 0.15 · 0.05 + 0.2 · 0.1 = 0.0275, carried into out_h1 = σ(0.0275).
        let slip = Self.asWritten(Mazur.w1 * Mazur.i1 + Mazur.w2 * Mazur.i2)
        try Self.expectSlip(.biasOmitted, at: "net_h1", carried: ["out_h1"], on: Self.backprop, [
            ("net_h1", slip),
            ("out_h1", Mazur.σ(slip)),
        ])
    }

    @Test func biasOmittedInTheDeltaRule() throws {
        // Drchal's bias is the weight w_01^1 of the constant input x_0 = 1:
        // s_1^1 = w_11^1·x_1 + w_21^1·x_2 without it = 0.0275, carried into y_1^1.
        let slip = Self.asWritten(Mazur.w1 * Mazur.i1 + Mazur.w2 * Mazur.i2)
        try Self.expectSlip(.biasOmitted, at: "s_1^1", carried: ["y_1^1"], on: Self.deltaRule, [
            ("s_1^1", slip),
            ("y_1^1", Mazur.σ(slip)),
        ])
    }

    @Test func biasOmittedWithTiedWeights() throws {
        // net = 0.3 · 1 + 0.3 · 0.5 without b = −0.1: 0.45, carried into y = σ(0.45).
        let slip = Self.asWritten(Tied.w * Tied.x1 + Tied.w * Tied.x2)
        try Self.expectSlip(.biasOmitted, at: "net", carried: ["y"], on: Self.sharedWeights, [
            ("net", slip),
            ("y", 1 / (1 + exp(-slip))),
        ])
    }

    @Test func biasTwiceInBackprop() throws {
        // net_h1 = 0.3775 + b1 = 0.3775 + 0.35 = 0.7275, carried into out_h1.
        let slip = Self.asWritten(Mazur.netH1 + Mazur.b1)
        try Self.expectSlip(.biasTwice, at: "net_h1", carried: ["out_h1"], on: Self.backprop, [
            ("net_h1", slip),
            ("out_h1", Mazur.σ(slip)),
        ])
    }

    @Test func biasTwiceInTheDeltaRule() throws {
        // s_1^2 = w_11^2·y_1^1 + w_21^2·y_2^1 + 2·w_01^2 = 1.10590597 + 0.6.
        let slip = Self.asWritten(Mazur.netO1 + Mazur.b2)
        try Self.expectSlip(.biasTwice, at: "s_1^2", carried: ["y_1^2"], on: Self.deltaRule, [
            ("s_1^2", slip),
            ("y_1^2", Mazur.σ(slip)),
        ])
    }

    @Test func biasTwiceWithTiedWeights() throws {
        // net = 0.3 · 1 + 0.3 · 0.5 − 0.1 − 0.1 = 0.25.
        try Self.expectSlip(.biasTwice, at: "net", on: Self.sharedWeights, [("net", Tied.net + Tied.b)])
    }
}
