import Foundation
import Testing
import LearnNotebook

/// Slips of the activation and its derivative: σ′ left out, written out(1 + out), taken at net; net
/// used for out and out for net.
extension SlipDiagnosisTests {
    // MARK: σ′ left out

    @Test func derivativeOmittedInBackprop() throws {
        // ∂E_total/∂w5 without ∂out_o1/∂net_o1: 0.74136507 · 0.593269992 = 0.439829,
        // carried on into w5⁺ = 0.4 − 0.5 · 0.439829.
        let slip = Self.asWritten(Mazur.dEdOutO1 * Mazur.outH1)
        try Self.expectSlip(.derivativeOmitted, at: "dE_total/dw5", carried: ["w5+"], on: Self.backprop, [
            ("dE_total/dw5", slip),
            ("w5+", Mazur.w5 - Mazur.eta * slip),
        ])
    }

    @Test func derivativeOmittedInTheDeltaRule() throws {
        // δ_1^2 = γ·y(1 − y)·(d_1 − y) without y(1 − y): 1 · (0.01 − 0.75136507), carried into Δw_11^2.
        let slip = Self.asWritten(1 * (Mazur.target1 - Mazur.outO1))
        try Self.expectSlip(.derivativeOmitted, at: "delta_1^2", carried: ["Dw_11^2"], on: Self.deltaRule, [
            ("delta_1^2", slip),
            ("Dw_11^2", Mazur.eta * slip * Mazur.outH1),
        ])
    }

    @Test func derivativeOmittedWithTiedWeights() throws {
        // ∂E/∂net = −(d − y)·y(1 − y) without y(1 − y): −(1 − 0.586617579); carried into ∂E/∂w1 = (that)·x1
        // and ∂E/∂w2 = (that)·x2.
        let slip = Self.asWritten(-(Tied.d - Tied.y))
        try Self.expectSlip(.derivativeOmitted, at: "dE/dnet", carried: ["dE/dw1", "dE/dw2"], on: Self.sharedWeights, [
            ("dE/dnet", slip),
            ("dE/dw1", slip * Tied.x1),
            ("dE/dw2", slip * Tied.x2),
        ])
    }

    // MARK: σ′ written out(1 + out)

    @Test func derivativeOnePlusInBackprop() throws {
        // ∂out_o1/∂net_o1 = 0.75136507 · (1 + 0.75136507) = 1.315914, carried on into
        // ∂E_total/∂net_o1 = 0.74136507 · 1.315914.
        let slip = Self.asWritten(Mazur.outO1 * (1 + Mazur.outO1))
        try Self.expectSlip(.derivativeOnePlus, at: "dout_o1/dnet_o1", carried: ["dE_total/dnet_o1"], on: Self.backprop, [
            ("dout_o1/dnet_o1", slip),
            ("dE_total/dnet_o1", Mazur.dEdOutO1 * slip),
        ])
    }

    @Test func derivativeOnePlusInTheSigmoidDerivative() throws {
        // S′(s) = γ·y(1 − y) at s = 1, γ = 1 written γ·y(1 + y): y = 1/(1 + e⁻¹) = 0.731058579,
        // 0.731058579 · 1.731058579 = 1.265486.
        let y = 1 / (1 + exp(-1.0))
        try Self.expectSlip(.derivativeOnePlus, at: "dy/ds", on: Self.sigmoidDerivative, [("dy/ds", 1 * y * (1 + y))])
    }

    @Test func derivativeOnePlusInTheDeltaRule() throws {
        // δ_1^2 = γ·y(1 + y)·(d_1 − y): 0.75136507 · 1.75136507 · (0.01 − 0.75136507).
        let slip = Self.asWritten(Mazur.outO1 * (1 + Mazur.outO1) * (Mazur.target1 - Mazur.outO1))
        try Self.expectSlip(.derivativeOnePlus, at: "delta_1^2", carried: ["Dw_11^2"], on: Self.deltaRule, [
            ("delta_1^2", slip),
            ("Dw_11^2", Mazur.eta * slip * Mazur.outH1),
        ])
    }

    @Test func derivativeOnePlusInTheActivationTable() throws {
        // σ′(x) = σ(1 − σ) at x = −1 written σ(1 + σ): σ(−1) = 0.268941421, 0.268941421 · 1.268941421.
        let sigma = 1 / (1 + exp(1.0))
        try Self.expectSlip(.derivativeOnePlus, at: "dsigma/dx", on: Self.activations, [("dsigma/dx", sigma * (1 + sigma))])
    }

    // MARK: σ′ taken at net

    @Test func derivativeAtNetInBackprop() throws {
        // ∂out_o1/∂net_o1 = net_o1·(1 − net_o1) = 1.10590597 · (−0.10590597) = −0.117122,
        // carried on into ∂E_total/∂net_o1.
        let slip = Self.asWritten(Mazur.netO1 * (1 - Mazur.netO1))
        try Self.expectSlip(.derivativeAtNet, at: "dout_o1/dnet_o1", carried: ["dE_total/dnet_o1"], on: Self.backprop, [
            ("dout_o1/dnet_o1", slip),
            ("dE_total/dnet_o1", Mazur.dEdOutO1 * slip),
        ])
    }

    @Test func derivativeAtNetInTheDeltaRule() throws {
        // δ_1^2 = γ·s(1 − s)·(d_1 − y) with s_1^2 = 1.10590597 for y_1^2 in σ′.
        let slip = Self.asWritten(Mazur.netO1 * (1 - Mazur.netO1) * (Mazur.target1 - Mazur.outO1))
        let found = try Self.expectSlip(.derivativeAtNet, at: "delta_1^2", carried: ["Dw_11^2"], on: Self.deltaRule, [
            ("delta_1^2", slip),
            ("Dw_11^2", Mazur.eta * slip * Mazur.outH1),
        ])
        #expect(found?.detail == "s_1^2 for y_1^2")
    }

    @Test func derivativeAtNetWithTiedWeights() throws {
        // ∂E/∂net = −(d − y)·net(1 − net): −(1 − 0.586617579) · 0.35 · 0.65, carried into ∂E/∂w1.
        let slip = Self.asWritten(-(Tied.d - Tied.y) * Tied.net * (1 - Tied.net))
        try Self.expectSlip(.derivativeAtNet, at: "dE/dnet", carried: ["dE/dw1"], on: Self.sharedWeights, [
            ("dE/dnet", slip),
            ("dE/dw1", slip * Tied.x1),
        ])
    }

    // MARK: net used for out

    @Test func netForOutInBackprop() throws {
        // The sigmoid never applied: out_h1 = net_h1 = 0.15 · 0.05 + 0.2 · 0.1 + 0.35 = 0.3775, carried on
        // into net_o1 = 0.4 · 0.3775 + 0.45 · 0.596884378 + 0.6 and out_o1 = σ(net_o1).
        let slip = Self.asWritten(Mazur.netH1)
        let netO1 = Self.asWritten(Mazur.w5 * slip + Mazur.w6 * Mazur.outH2 + Mazur.b2)
        try Self.expectSlip(.netForOut, at: "out_h1", carried: ["net_o1", "out_o1"], on: Self.backprop, [
            ("out_h1", slip),
            ("net_o1", netO1),
            ("out_o1", Mazur.σ(netO1)),
        ])

        // The same number for net_o1 with out_h1 not written down.
        let found = try Self.expectSlip(.netForOut, at: "net_o1", on: Self.backprop, [("net_o1", netO1)])
        #expect(found?.detail == "net_h1 for out_h1")
    }

    @Test func netForOutInTheDeltaRule() throws {
        // s_1^2 = w_11^2·y_1^1 + w_21^2·y_2^1 + w_01^2 with s_1^1 = 0.3775 for y_1^1, carried into y_1^2.
        let slip = Self.asWritten(Mazur.w5 * Mazur.netH1 + Mazur.w6 * Mazur.outH2 + Mazur.b2)
        let found = try Self.expectSlip(.netForOut, at: "s_1^2", carried: ["y_1^2"], on: Self.deltaRule, [
            ("s_1^2", slip),
            ("y_1^2", Mazur.σ(slip)),
        ])
        #expect(found?.detail == "s_1^1 for y_1^1")
    }

    @Test func netForOutInBackpropagationThroughTime() throws {
        // h_2 = tanh(W_xh·x_2 + W_hh·h_1) with h_1's net input for h_1 (tanh never applied):
        // tanh(0.5 · 0.5 + 0.8 · (0.5 · 1 + 0.8 · 0)) = tanh(0.65), carried into h_3.
        let slip = Self.asWritten(tanh(RNN.wXH * RNN.x2 + RNN.wHH * (RNN.wXH * RNN.x1 + RNN.wHH * RNN.h0)))
        try Self.expectSlip(.netForOut, at: "h_2", carried: ["h_3"], on: Self.rnn, [
            ("h_2", slip),
            ("h_3", tanh(RNN.wXH * RNN.x3 + RNN.wHH * slip)),
        ])
    }

    // MARK: out used for net

    /// The course's formulas use a net input after its output exists only in the activation table,
    /// where the derivatives of arctan and SoftPlus are written at x: taking them at the output instead
    /// is "out used for net". (Elsewhere σ′ and tanh′ are written with the output, and a net input is
    /// used only by its own activation.)
    @Test func outForNetInTheActivationTable() throws {
        // arctan′(x) = 1/(x² + 1) at x = −1 taken at arctan(−1) = −π/4: 1/(π²/16 + 1) = 0.618486.
        let arctan = atan(-1.0)
        let found = try Self.expectSlip(.outForNet, at: "darctan/dx", on: Self.activations, [("darctan/dx", 1 / (arctan * arctan + 1))])
        #expect(found?.detail == "arctan for x")

        // SoftPlus′(x) = σ(x) taken at SoftPlus(−1) = ln(1 + e⁻¹) = 0.313261688: σ(0.313261688) = 0.577681.
        let softplus = log(1 + exp(-1.0))
        try Self.expectSlip(.outForNet, at: "dsoftplus/dx", on: Self.activations, [("dsoftplus/dx", 1 / (1 + exp(-softplus)))])
    }
}
