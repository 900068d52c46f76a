import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The `rnn` lesson's derivations against computations written out here: the recurrent unit and its
/// BPTT gradient by hand-written loops and central differences, the GRU equations in plain Doubles, and
/// the character RNN's gradients by finite differences of a loss computed independently.
@Suite struct RecurrentLessonTests {
    static func run(_ d: any Derivation.Type, _ settings: [String: String] = [:]) throws -> Trace { try runDerivation(d, settings) }

    /// J of the one-unit recurrent net, written independently of the derivation.
    static func rnnLoss(_ x: [Double], h0: Double, wxh: Double, whh: Double, why: Double, y: Double) -> Double {
        var h = h0
        for v in x { h = tanh(wxh * v + whh * h) }
        return 0.5 * pow(why * h - y, 2)
    }

    @Test(arguments: [
        ["x_1": "1", "x_2": "0.5", "x_3": "-1", "h_0": "0", "W_xh": "0.5", "W_hh": "0.8", "W_hy": "1.5", "y": "0.5"],
        ["x_1": "-2", "x_2": "3", "x_3": "0.25", "h_0": "0.7", "W_xh": "-1.2", "W_hh": "2.5", "W_hy": "-0.3", "y": "-1"],
    ])
    func bpttMatchesCentralDifferences(_ s: [String: String]) throws {
        let t = try Self.run(RNNBPTT.self, s)
        let d = s.mapValues { Double($0)! }
        let x = [d["x_1"]!, d["x_2"]!, d["x_3"]!]
        // Forward by hand.
        var h = [d["h_0"]!]
        for v in x { h.append(tanh(d["W_xh"]! * v + d["W_hh"]! * h.last!)) }
        #expect(abs(t.value("h_3")! - h[3]) <= 1e-15)
        let J = Self.rnnLoss(x, h0: d["h_0"]!, wxh: d["W_xh"]!, whh: d["W_hh"]!, why: d["W_hy"]!, y: d["y"]!)
        #expect(abs(t.value("J")! - J) <= 1e-15)
        // Gradients by central differences, h = 1e-6: error about h² · J''' ≈ 1e-12, tolerance 1e-8 absolute.
        let e = 1e-6
        func fd(_ f: (Double) -> Double) -> Double { (f(e) - f(-e)) / (2 * e) }
        let gHH = fd { Self.rnnLoss(x, h0: d["h_0"]!, wxh: d["W_xh"]!, whh: d["W_hh"]! + $0, why: d["W_hy"]!, y: d["y"]!) }
        let gXH = fd { Self.rnnLoss(x, h0: d["h_0"]!, wxh: d["W_xh"]! + $0, whh: d["W_hh"]!, why: d["W_hy"]!, y: d["y"]!) }
        let gHY = fd { Self.rnnLoss(x, h0: d["h_0"]!, wxh: d["W_xh"]!, whh: d["W_hh"]!, why: d["W_hy"]! + $0, y: d["y"]!) }
        let gH0 = fd { Self.rnnLoss(x, h0: d["h_0"]! + $0, wxh: d["W_xh"]!, whh: d["W_hh"]!, why: d["W_hy"]!, y: d["y"]!) }
        #expect(abs(t.value("dJ/dW_hh")! - gHH) <= 1e-8)
        #expect(abs(t.value("dJ/dW_xh")! - gXH) <= 1e-8)
        #expect(abs(t.value("dJ/dW_hy")! - gHY) <= 1e-8)
        #expect(abs(t.value("dJ/dh_0")! - gH0) <= 1e-8)
        // The three ways agree; the terms add up to the total.
        #expect(abs(t.value("dJ/dW_hh")! - t.value("engine_dJ/dW_hh")!) <= 1e-14)
        #expect(abs((1...3).reduce(0) { $0 + t.value("term_\($1)")! } - t.value("dJ/dW_hh")!) <= 1e-15)
        // ∂h_3/∂h_0 = ∏ W_hh(1 − h_t²).
        let product = (1...3).reduce(1.0) { $0 * d["W_hh"]! * (1 - h[$1] * h[$1]) }
        #expect(abs(t.value("dh_3/dh_0")! - product) <= 1e-15)
    }

    @Test func theGRUFollowsTheDecksEquations() throws {
        let s = ["x_1": "0.3", "x_2": "-2", "x_3": "1", "h_0": "0.4", "W_zh": "-0.7", "W_zx": "1.1",
                 "W_rh": "0.2", "W_rx": "-0.9", "W_h": "1.3", "W_x": "0.6"]
        let t = try Self.run(GRU.self, s)
        let d = s.mapValues { Double($0)! }
        func sigma(_ a: Double) -> Double { 1 / (1 + exp(-a)) }
        func step(_ h: Double, _ x: Double) -> (z: Double, r: Double, c: Double, h: Double) {
            let z = sigma(d["W_zh"]! * h + d["W_zx"]! * x)
            let r = sigma(d["W_rh"]! * h + d["W_rx"]! * x)
            let c = tanh(d["W_h"]! * (r * h) + d["W_x"]! * x)
            return (z, r, c, (1 - z) * h + z * c)
        }
        func final(_ h0: Double) -> Double {
            var h = h0
            for t in 1...3 { h = step(h, d["x_\(t)"]!).h }
            return h
        }
        var h = d["h_0"]!
        for i in 1...3 {
            let s = step(h, d["x_\(i)"]!)
            #expect(abs(t.value("z_\(i)")! - s.z) <= 1e-15)
            #expect(abs(t.value("r_\(i)")! - s.r) <= 1e-15)
            #expect(abs(t.value("htilde_\(i)")! - s.c) <= 1e-15)
            #expect(abs(t.value("h_\(i)")! - s.h) <= 1e-15)
            h = s.h
        }
        // ∂h_3/∂h_0 by a central difference, ε = 1e-6 (error ~1e-12).
        let e = 1e-6
        #expect(abs(t.value("dh_3/dh_0")! - (final(d["h_0"]! + e) - final(d["h_0"]! - e)) / (2 * e)) <= 1e-8)
    }

    @Test func theDeckDefaultsGiveTheLessonsNumbers() throws {
        // Written out by hand from the lesson's defaults, independently of the derivation.
        let h1 = tanh(0.5), h2 = tanh(0.25 + 0.8 * h1), h3 = tanh(-0.5 + 0.8 * h2)
        let t = try Self.run(RNNBPTT.self)
        #expect(abs(t.value("h_1")! - h1) <= 1e-15 && abs(t.value("h_3")! - h3) <= 1e-15)
        let z1 = 1 / (1 + exp(1.0)), c1 = tanh(1.5)
        let g = try Self.run(GRU.self)
        #expect(abs(g.value("h_1")! - z1 * c1) <= 1e-15)
    }

    /// Mean cross-entropy of the character RNN, written independently (biases none, h_0 = 0).
    static func charLoss(_ m: CharacterRNN, _ inputs: [Int], _ targets: [Int]) -> Double {
        let H = m.hiddenSize, V = m.vocabularySize
        var h = [Double](repeating: 0, count: H)
        var total = 0.0
        for (x, y) in zip(inputs, targets) {
            h = (0..<H).map { i in tanh(m.wxh[i * V + x] + (0..<H).reduce(0) { $0 + m.whh[i * H + $1] * h[$1] }) }
            let o = (0..<V).map { k in (0..<H).reduce(0) { $0 + m.why[k * H + $1] * h[$1] } }
            let logSum = log(o.map { exp($0) }.reduce(0, +))
            total += logSum - o[y]
        }
        return total / Double(inputs.count)
    }

    @Test func characterRNNGradientsMatchFiniteDifferences() {
        let text = Array("Have you ever been in Madrid?")
        let vocabulary = Array(Set(text)).sorted()
        let inputs = text.dropLast().map { vocabulary.firstIndex(of: $0)! }
        let targets = text.dropFirst().map { vocabulary.firstIndex(of: $0)! }
        // Larger weights than the default, so that the gradients are not tiny.
        let m = CharacterRNN(vocabularySize: vocabulary.count, hiddenSize: 5, seed: 7, scale: 0.8)
        let g = m.gradients(inputs, targets)
        #expect(abs(g.loss - Self.charLoss(m, inputs, targets)) <= 1e-12)
        let e = 1e-6
        // ε = 1e-6 on a loss of order 1: truncation ~1e-12, rounding ~1e-10; tolerance 1e-7 absolute.
        for i in stride(from: 0, to: m.whh.count, by: 3) {
            var a = m, b = m
            a.whh[i] += e; b.whh[i] -= e
            #expect(abs(g.whh[i] - (Self.charLoss(a, inputs, targets) - Self.charLoss(b, inputs, targets)) / (2 * e)) <= 1e-7)
        }
        for i in stride(from: 0, to: m.wxh.count, by: 7) {
            var a = m, b = m
            a.wxh[i] += e; b.wxh[i] -= e
            #expect(abs(g.wxh[i] - (Self.charLoss(a, inputs, targets) - Self.charLoss(b, inputs, targets)) / (2 * e)) <= 1e-7)
        }
        for i in stride(from: 0, to: m.why.count, by: 5) {
            var a = m, b = m
            a.why[i] += e; b.why[i] -= e
            #expect(abs(g.why[i] - (Self.charLoss(a, inputs, targets) - Self.charLoss(b, inputs, targets)) / (2 * e)) <= 1e-7)
        }
    }

    @Test func theCharacterLessonsStableNumbers() throws {
        let t = try Self.run(CharRNN.self)
        #expect(t.value("vocabulary_size") == 15)       // H a v e ␣ y o u r b n i M d ?
        #expect(t.value("pairs") == 28)
        #expect(t.value("input_dimension") == 520)       // the deck's 10 × 52
        #expect(t.value("target_index") == 4)            // 'd' is the 4th letter
        #expect(t.value("zero_rows") == 2)               // "been in Ma" holds two spaces
        #expect(t.value("parameter_count") == Double(16 * 15 + 16 * 16 + 15 * 16))
        #expect(abs(t.value("uniform_loss")! - log(15)) <= 1e-15)
        #expect(abs(t.value("loss_start")! - log(15)) < 0.1)
        #expect(t.value("loss_end")! < 0.1)
        // With no training the loss is the initial one, recomputed here.
        let untrained = try Self.run(CharRNN.self, ["epochs": "0", "hidden": "4", "seed": "3"])
        let text = Array("Have you ever been in Madrid?")
        let vocabulary = Array(Set(text)).sorted()
        let m = CharacterRNN(vocabularySize: 15, hiddenSize: 4, seed: 3)
        let expected = Self.charLoss(m, text.dropLast().map { vocabulary.firstIndex(of: $0)! }, text.dropFirst().map { vocabulary.firstIndex(of: $0)! })
        #expect(abs(untrained.value("loss_end")! - expected) <= 1e-12)
    }
}
