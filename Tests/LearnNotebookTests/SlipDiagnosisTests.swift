import Foundation
import Testing
import LearnNotebook
import LearnText

/// Each slip of `learn verify`'s catalogue on synthetic sheets: a sheet holds exactly one slip, its
/// wrong number worked in the test from the derivation's own inputs (the `Mazur`, `RNN`, … references
/// below), and the diagnosis must name that slip, on at least two derivations where the course has
/// them. Answers carried on from the slip must be consequential on it; the slip's number written to 3
/// significant digits must never be ✓.
///
/// The sheets, by slip: this file (sign flipped, factor 2, neighbouring weight),
/// `+Derivatives` (σ′ slips, net and out), `+Updates` (update, η, old and updated weights, bias),
/// `+Rounding` (rounded early, and rounded numbers carried on that are right).
@Suite struct SlipDiagnosisTests {
    // MARK: The sheets

    /// The document of a lesson whose only cell is `run LINE`.
    static func document(_ line: String) -> Document {
        try! LessonEvaluator().evaluate(try! LessonParser.parse(
            "---\ntitle: T\nsummary: S\ndeck: D\n---\n```learn\nrun \(line)\n```\n", name: "t", file: "t.md"))
    }

    static let backprop = document("backprop steps=1")
    static let deltaRule = document("delta-rule-kuzovkin")
    static let rnn = document("rnn-bptt")
    static let sharedWeights = document("shared-weights")
    static let sigmoidDerivative = document("sigmoid-derivative")
    static let activations = document("activation-functions")
    static let perceptron = document("perceptron-update")
    static let optimizers = document("optimizers")

    /// `x` as a learner writes it with `digits` significant digits, trailing zeros kept (0.4 → 0.40000).
    static func written(_ x: Double, digits: Int = 6) -> String { String(format: "%#.*g", digits, x) }

    /// `x` as the learner has it once written down with 6 significant digits: the number they carry on,
    /// and the one `verify` recomputes the later steps from.
    static func asWritten(_ x: Double) -> Double { Double(written(x))! }

    /// The verdicts on a sheet of (name, number) answers, each written with `digits` significant digits.
    static func judge(_ document: Document, _ sheet: [(String, Double)], digits: Int = 6) throws -> [String: Verifier.Verdict] {
        try judge(document, written: sheet.map { ($0.0, written($0.1, digits: digits)) })
    }

    /// The verdicts on a sheet of (name, text) answers, by name.
    static func judge(_ document: Document, written sheet: [(String, String)]) throws -> [String: Verifier.Verdict] {
        let verdicts = try Verifier(document: document).check(sheet.map { Argument(name: $0.0, value: $0.1) })
        return Dictionary(uniqueKeysWithValues: verdicts.map { ($0.name, $0) })
    }

    /// Checks that `sheet` is diagnosed with `kind` at the answer `name` (the slip made in the step
    /// `step`, `name` itself unless the slip was made in a step the learner did not write down), that
    /// the answers `carried` are consequential on `name`, and that the slip's number written to 3
    /// significant digits is wrong or ambiguous, never right. Returns the slip.
    @discardableResult
    static func expectSlip(_ kind: SlipKind, at name: String, step: String? = nil, carried: [String] = [],
                           on document: Document, _ sheet: [(String, Double)],
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> Slip? {
        let verdicts = try judge(document, sheet)
        guard let verdict = verdicts[name] else {
            Issue.record("\(name) is not on the sheet", sourceLocation: sourceLocation)
            return nil
        }
        var found: Slip?
        if case .wrong(let slip?) = verdict.judgement, slip.kind == kind {
            found = slip
            #expect(slip.step == (step ?? name), "the slip is placed at \(slip.step)", sourceLocation: sourceLocation)
        } else {
            Issue.record("\(name) = \(verdict.written.text): \(verdict.judgement), expected \(kind.name)", sourceLocation: sourceLocation)
        }
        for later in carried {
            #expect(verdicts[later]?.judgement == .consequential([name]),
                    "\(later) = \(verdicts[later]?.written.text ?? "?"): \(String(describing: verdicts[later]?.judgement))",
                    sourceLocation: sourceLocation)
        }
        let value = sheet.first { $0.0 == name }!.1
        let short = try judge(document, [(name, value)], digits: 3)[name]!
        switch short.judgement {
        case .wrong, .ambiguous: break
        default: Issue.record("\(name) = \(short.written.text) (3 digits): \(short.judgement)", sourceLocation: sourceLocation)
        }
        return found
    }

    // MARK: Sign flipped

    @Test func signFlippedInBackprop() throws {
        // ∂E_total/∂out_o1 = −(target_o1 − out_o1) written without its minus: 0.01 − 0.75136507 = −0.74136507,
        // carried on: ∂E_total/∂net_o1 = −0.74136507 · 0.186815602 and w5⁺ = 0.4 − 0.5 · (that · 0.593269992).
        let slip = Self.asWritten(Mazur.target1 - Mazur.outO1)
        try Self.expectSlip(.signFlipped, at: "dE_total/dout_o1", carried: ["dE_total/dnet_o1", "w5+"], on: Self.backprop, [
            ("dE_total/dout_o1", slip),
            ("dE_total/dnet_o1", slip * Mazur.dOutO1dNetO1),
            ("w5+", Mazur.w5 - Mazur.eta * slip * Mazur.dOutO1dNetO1 * Mazur.outH1),
        ])
    }

    @Test func signFlippedInTheDeltaRule() throws {
        // δ_1^2 = γ·y(1 − y)·(d_1 − y) with (y − d_1): 0.186815602 · (0.75136507 − 0.01) = +0.138498562,
        // carried on into Δw_11^2 = η·δ_1^2·y_1^1 = 0.5 · 0.138498562 · 0.593269992.
        let slip = Self.asWritten(Mazur.dOutO1dNetO1 * (Mazur.outO1 - Mazur.target1))
        try Self.expectSlip(.signFlipped, at: "delta_1^2", carried: ["Dw_11^2"], on: Self.deltaRule, [
            ("delta_1^2", slip),
            ("Dw_11^2", Mazur.eta * slip * Mazur.outH1),
        ])
    }

    @Test func signFlippedInBackpropagationThroughTime() throws {
        // ∂J/∂ŷ = ŷ − y written y − ŷ: 0.5 − 1.5·h_3, carried on into ∂J/∂h_3 = (that)·W_hy and
        // δ_3 = ∂J/∂h_3·(1 − h_3²).
        let slip = Self.asWritten(RNN.y - RNN.yHat)
        try Self.expectSlip(.signFlipped, at: "dJ/dy_hat", carried: ["dJ/dh_3", "δ_3"], on: Self.rnn, [
            ("dJ/dy_hat", slip),
            ("dJ/dh_3", slip * RNN.wHY),
            ("δ_3", slip * RNN.wHY * (1 - RNN.h3 * RNN.h3)),
        ])
    }

    // MARK: A factor 2

    @Test func factorTwoInBackprop() throws {
        // E = ½(target − out)² differentiated without cancelling the ½: ∂E_total/∂w5 =
        // 2 · 0.74136507 · 0.186815602 · 0.593269992 = 0.164334081, with nothing before it written.
        let slip = Self.asWritten(2 * Mazur.dEdOutO1 * Mazur.dOutO1dNetO1 * Mazur.outH1)
        try Self.expectSlip(.factorTwo, at: "dE_total/dw5", on: Self.backprop, [("dE_total/dw5", slip)])

        // The same slip written at ∂E_total/∂out_o1 = 2 · 0.74136507, carried on.
        let twice = Self.asWritten(2 * Mazur.dEdOutO1)
        try Self.expectSlip(.factorTwo, at: "dE_total/dout_o1", carried: ["dE_total/dw5", "w5+"], on: Self.backprop, [
            ("dE_total/dout_o1", twice),
            ("dE_total/dw5", twice * Mazur.dOutO1dNetO1 * Mazur.outH1),
            ("w5+", Mazur.w5 - Mazur.eta * twice * Mazur.dOutO1dNetO1 * Mazur.outH1),
        ])
    }

    @Test func factorTwoInTheDeltaRule() throws {
        // δ_1^2 from d/dy (d − y)² = −2(d − y): 2 · 0.186815602 · (0.01 − 0.75136507), carried into Δw_11^2.
        let slip = Self.asWritten(2 * Mazur.dOutO1dNetO1 * (Mazur.target1 - Mazur.outO1))
        try Self.expectSlip(.factorTwo, at: "delta_1^2", carried: ["Dw_11^2"], on: Self.deltaRule, [
            ("delta_1^2", slip),
            ("Dw_11^2", Mazur.eta * slip * Mazur.outH1),
        ])
    }

    @Test func factorTwoInBackpropagationThroughTime() throws {
        // J = ½(ŷ − y)²: ∂J/∂ŷ = 2(ŷ − y), carried on into ∂J/∂h_3 = 2(ŷ − y)·W_hy.
        let slip = Self.asWritten(2 * (RNN.yHat - RNN.y))
        try Self.expectSlip(.factorTwo, at: "dJ/dy_hat", carried: ["dJ/dh_3"], on: Self.rnn, [
            ("dJ/dy_hat", slip),
            ("dJ/dh_3", slip * RNN.wHY),
        ])
    }

    // MARK: A neighbouring weight, transposed indices

    @Test func neighbourInBackprop() throws {
        // w5⁺ = w5 − η·∂E_total/∂w5 started from w6: 0.45 − 0.5 · 0.082167041 = 0.40891648.
        let slip = Self.asWritten(Mazur.w6 - Mazur.eta * Mazur.dEdw5)
        let found = try Self.expectSlip(.neighbour, at: "w5+", on: Self.backprop, [("w5+", slip)])
        #expect(found?.detail == "w6 for w5")
    }

    @Test func transposedIndicesInTheDeltaRule() throws {
        // δ_1^1 = γ·y_1^1(1 − y_1^1)·(δ_1^2·w_11^2 + δ_2^2·w_12^2) with w_21^2 (0.45, hidden 2 → output 1)
        // for w_12^2 (0.5, hidden 1 → output 2); Drchal's δ is −∂E/∂s: δ_1^2 = −0.138498562,
        // δ_2^2 = 0.0380982365. Carried on into Δw_01^1 = η·δ_1^1.
        let slip = Self.asWritten(Mazur.outH1 * (1 - Mazur.outH1) * (-Mazur.deltaO1 * Mazur.w5 + -Mazur.deltaO2 * Mazur.w6))
        let found = try Self.expectSlip(.neighbour, at: "delta_1^1", carried: ["Dw_01^1"], on: Self.deltaRule, [
            ("delta_1^1", slip),
            ("Dw_01^1", Mazur.eta * slip),
        ])
        #expect(found?.detail == "w_21^2 for w_12^2")
    }

    @Test func neighbourInBackpropagationThroughTime() throws {
        // h_2 = tanh(W_xh·x_2 + W_hh·h_1) with x_1 = 1 for x_2 = 0.5: tanh(0.5 · 1 + 0.8 · h_1),
        // carried on into h_3 = tanh(0.5 · (−1) + 0.8 · h_2).
        let slip = Self.asWritten(tanh(RNN.wXH * RNN.x1 + RNN.wHH * RNN.h1))
        let found = try Self.expectSlip(.neighbour, at: "h_2", carried: ["h_3"], on: Self.rnn, [
            ("h_2", slip),
            ("h_3", tanh(RNN.wXH * RNN.x3 + RNN.wHH * slip)),
        ])
        #expect(found?.detail == "x_1 for x_2")
    }
}

// MARK: - The derivations' numbers, worked by hand from their inputs

/// The Kuzovkin deck's 2-2-2 network (Mazur's example), from the slides' inputs: `backprop`,
/// `delta-rule-kuzovkin` (the same network in Drchal's notation) and `optimizers` (its w5).
enum Mazur {
    static let i1 = 0.05, i2 = 0.1
    static let w1 = 0.15, w2 = 0.2, w3 = 0.25, w4 = 0.3, w5 = 0.4, w6 = 0.45, w7 = 0.5, w8 = 0.55
    static let b1 = 0.35, b2 = 0.6
    static let target1 = 0.01, target2 = 0.99
    static let eta = 0.5

    static func σ(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    static let netH1 = w1 * i1 + w2 * i2 + b1                   // 0.3775
    static let outH1 = σ(netH1)                                  // 0.593269992
    static let netH2 = w3 * i1 + w4 * i2 + b1                   // 0.3925
    static let outH2 = σ(netH2)                                  // 0.596884378
    static let netO1 = w5 * outH1 + w6 * outH2 + b2             // 1.105905967
    static let outO1 = σ(netO1)                                  // 0.75136507
    static let netO2 = w7 * outH1 + w8 * outH2 + b2             // 1.224921404
    static let outO2 = σ(netO2)                                  // 0.772928465

    static let dEdOutO1 = -(target1 - outO1)                     // 0.74136507
    static let dOutO1dNetO1 = outO1 * (1 - outO1)                // 0.186815602
    static let deltaO1 = dEdOutO1 * dOutO1dNetO1                 // 0.138498562 = ∂E_total/∂net_o1
    static let dEdOutO2 = -(target2 - outO2)                     // −0.217071535
    static let deltaO2 = dEdOutO2 * outO2 * (1 - outO2)          // −0.0380982365
    static let dEdw5 = deltaO1 * outH1                           // 0.082167041
    static let w5Updated = w5 - eta * dEdw5                      // 0.35891648
    static let dEdw6 = deltaO1 * outH2                           // 0.0826676278
    static let dEdw7 = deltaO2 * outH1                           // −0.0226025405
    static let w7Updated = w7 - eta * dEdw7                      // 0.51130127
    static let dEdOutH1 = deltaO1 * w5 + deltaO2 * w7            // 0.0363503064
    static let dEdw1 = dEdOutH1 * outH1 * (1 - outH1) * i1       // 0.000438567734
}

/// The ULB deck's recurrent unit h_t = tanh(W_xh·x_t + W_hh·h_{t−1}), ŷ = W_hy·h_3, J = ½(ŷ − y)²
/// (`rnn-bptt`).
enum RNN {
    static let wXH = 0.5, wHH = 0.8, wHY = 1.5
    static let x1 = 1.0, x2 = 0.5, x3 = -1.0, y = 0.5, h0 = 0.0

    static let h1 = tanh(wXH * x1 + wHH * h0)                    // 0.462117157
    static let h2 = tanh(wXH * x2 + wHH * h1)                    // 0.550914747
    static let h3 = tanh(wXH * x3 + wHH * h2)                    // −0.0591989025
    static let yHat = wHY * h3                                    // −0.0887983537
}

/// The Drchal deck's tied weights w1 = w2 on one sigmoid neuron (`shared-weights`).
enum Tied {
    static let w = 0.3, x1 = 1.0, x2 = 0.5, b = -0.1, d = 1.0, eta = 0.5

    static let net = w * x1 + w * x2 + b                          // 0.35
    static let y = 1 / (1 + exp(-net))                            // 0.586617579
    static let dEdNet = -(d - y) * y * (1 - y)                    // −0.10024416
    static let dEdw1 = dEdNet * x1, dEdw2 = dEdNet * x2
}
