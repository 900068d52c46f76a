import Foundation
import Testing
import LearnNotebook

/// An intermediate rounded early and not written down is a slip; a rounded intermediate the learner
/// wrote down and carried on is their own number, and what follows from it is right.
extension SlipDiagnosisTests {
    // MARK: Rounded early

    @Test func roundedEarlyInBackprop() throws {
        // out_h1 rounded to 0.59 and carried into net_o1 without being written:
        // 0.4 · 0.59 + 0.45 · 0.596884378 + 0.6 = 1.104598 (the lesson's 1.105906).
        let found = try Self.expectSlip(.roundedEarly, at: "net_o1", step: "out_h1", on: Self.backprop,
                                        [("net_o1", Mazur.w5 * 0.59 + Mazur.w6 * Mazur.outH2 + Mazur.b2)])
        #expect(found?.detail == "out_h1 rounded to 0.59")
    }

    @Test func roundedEarlyInBackpropagationThroughTime() throws {
        // h_1 = 0.462117157 rounded to 0.46 and carried into h_2 = tanh(0.5 · 0.5 + 0.8 · 0.46) = tanh(0.618).
        let found = try Self.expectSlip(.roundedEarly, at: "h_2", step: "h_1", on: Self.rnn,
                                        [("h_2", tanh(RNN.wXH * RNN.x2 + RNN.wHH * 0.46))])
        #expect(found?.detail == "h_1 rounded to 0.46")
    }

    @Test func roundedEarlyInTheSigmoidDerivative() throws {
        // y = σ(1) = 0.731058579 rounded to 0.7 before S′ = γ·y(1 − y): 0.7 · 0.3 = 0.21 (the lesson's 0.196612).
        // (Rounded to 0.73 it gives 0.1971: that is the right answer to 3 digits, where the rounding does no harm.)
        let found = try Self.expectSlip(.roundedEarly, at: "dy/ds", step: "y", on: Self.sigmoidDerivative, [("dy/ds", 0.7 * 0.3)])
        #expect(found?.detail == "y rounded to 0.7")
    }

    // MARK: Rounded, written down and carried on: right from the learner's numbers

    @Test func writtenRoundedNumbersCarriedOnAreRight() throws {
        // delta-rule-kuzovkin: y_1^1 = 0.5933 written, then s_1^2 = 0.4 · 0.5933 + 0.45 · 0.596884378 + 0.6
        // = 1.1059180 (the lesson's 1.1059060): right from the learner's own y_1^1.
        let s = Mazur.w5 * 0.5933 + Mazur.w6 * Mazur.outH2 + Mazur.b2
        let delta = try Self.judge(Self.deltaRule, written: [("y_1^1", "0.5933"), ("s_1^2", Self.written(s, digits: 7))])
        #expect(delta["y_1^1"]?.judgement == .right)
        #expect(delta["s_1^2"]?.judgement == .rightFromYourNumbers(["y_1^1"]))

        // sigmoid-derivative: y = 0.731 written, then S′ = 0.731 · 0.269 = 0.196639 (the lesson's 0.196612).
        let sigmoid = try Self.judge(Self.sigmoidDerivative, written: [("y", "0.731"), ("dy/ds", Self.written(0.731 * 0.269))])
        #expect(sigmoid["y"]?.judgement == .right)
        #expect(sigmoid["dy/ds"]?.judgement == .rightFromYourNumbers(["y"]))

        // rnn-bptt: h_1 = 0.4621 written, then h_2 = tanh(0.5 · 0.5 + 0.8 · 0.4621) = tanh(0.61968)
        // = 0.550861 (the lesson's 0.550915).
        let h2 = tanh(RNN.wXH * RNN.x2 + RNN.wHH * 0.4621)
        let rnn = try Self.judge(Self.rnn, written: [("h_1", "0.4621"), ("h_2", Self.written(h2))])
        #expect(rnn["h_1"]?.judgement == .right)
        #expect(rnn["h_2"]?.judgement == .rightFromYourNumbers(["h_1"]))
    }
}
