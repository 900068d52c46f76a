import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The Kuzovkin deck's 2-2-2 example: every number the deck prints, at the precision it prints it, and
/// every value against an independent implementation (`Reference222`) to 1e-12.
@Suite struct BackpropTests {
    let trace = try! Backprop.run(Parameters(Backprop.parameters))

    /// |value − printed| ≤ half a unit of the printed number's last digit.
    func printed(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let decimals = text.split(separator: ".").last.map(\.count) ?? 0
        let value = trace.value(name)
        #expect(value != nil, "no quantity \(name)", sourceLocation: sourceLocation)
        guard let value else { return }
        let halfUnit = 0.5 * pow(10, -Double(decimals))
        #expect(abs(value - Double(text)!) <= halfUnit * (1 + 1e-9), "\(name) = \(value), deck prints \(text)",
                sourceLocation: sourceLocation)
    }

    @Test func theForwardPass() {
        printed("net_h1", "0.3775")                 // 0.15·0.05 + 0.2·0.1 + 0.35·1
        printed("out_h1", "0.593269992")            // 1/(1 + e^(−0.3775))
        printed("out_h2", "0.596884378")
        printed("net_o1", "1.105905967")
        printed("out_o1", "0.75136507")
        printed("out_o2", "0.772928465")
    }

    @Test func theTotalError() {
        printed("E_o1", "0.274811083")              // ½(0.01 − 0.75136507)²
        printed("E_o2", "0.023560026")
        printed("E_total", "0.298371109")           // 0.274811083 + 0.023560026
    }

    @Test func theChainRuleForW5() {
        printed("dE_total/dout_o1", "0.74136507")   // −(0.01 − 0.75136507)
        printed("dout_o1/dnet_o1", "0.186815602")   // 0.75136507·(1 − 0.75136507)
        printed("dout_o1/dnet_o1", "0.18681560")    // the deck's other frame
        printed("dnet_o1/dw5", "0.593269992")       // out_h1
        printed("dE_total/dw5", "0.082167041")      // 0.74136507·0.186815602·0.593269992
        printed("w5+", "0.35891648")                // 0.4 − 0.5·0.082167041
    }

    @Test func theChainRuleStepShowsEveryFactor() throws {
        let step = try #require(trace.step("dE_total/dw5"))
        #expect(step.forms.map { $0.plainText() } == [
            "∂E_total/∂out_o1·∂out_o1/∂net_o1·∂net_o1/∂w5", "0.74136507·0.186815602·0.593269992"])
        #expect(NumberFormat().string(step.value) == "0.082167041")
    }

    @Test func allUpdatedWeights() {
        // The post's values (REFERENCES.md): w1+…w4+ and w5+…w8+.
        for (name, text) in [("w1+", "0.149780716"), ("w2+", "0.19956143"), ("w3+", "0.24975114"), ("w4+", "0.29950229"),
                             ("w5+", "0.35891648"), ("w6+", "0.408666186"), ("w7+", "0.511301270"), ("w8+", "0.561370121")] {
            printed(name, text)
        }
    }

    @Test func everyValueAgreesWithTheIndependentImplementation() {
        let ref = Reference222()
        let f = ref.forward(), g = ref.gradients()
        let pairs: [(String, Double)] = [
            ("net_h1", f.netH[0]), ("net_h2", f.netH[1]), ("out_h1", f.outH[0]), ("out_h2", f.outH[1]),
            ("net_o1", f.netO[0]), ("net_o2", f.netO[1]), ("out_o1", f.outO[0]), ("out_o2", f.outO[1]),
            ("E_o1", f.eO[0]), ("E_o2", f.eO[1]), ("E_total", f.total),
        ] + (0..<8).map { ("dE_total/dw\($0 + 1)", g[$0]) } + (0..<8).map { ("w\($0 + 1)+", ref.w[$0] - 0.5 * g[$0]) }
        for (name, expected) in pairs {
            #expect(abs(trace.value(name)! - expected) <= 1e-12, "\(name): \(trace.value(name)!) vs \(expected)")
        }
    }

    @Test func theErrorAfterOneAndAfterTenThousandUpdates() {
        var ref = Reference222()
        ref.update()
        #expect(abs(trace.value("E_after_1")! - ref.forward().total) <= 1e-12)
        printed("E_after_1", "0.291027774")         // REFERENCES.md, exact simultaneous update
        for _ in 1..<10_000 { ref.update() }
        #expect(abs(trace.value("E_after_10000")! - ref.forward().total) <= 1e-14)
        #expect(abs(trace.value("E_after_10000")! - 3.5102e-5) <= 0.00005e-5)   // "about 3.5102e-5"
        #expect(abs(trace.value("out_o1_after_steps")! - 0.0159136204) <= 0.5e-10)
        #expect(abs(trace.value("out_o2_after_steps")! - 0.9840642735) <= 0.5e-10)
    }

    /// The printed numbers a correct computation does not give, and the computations that do.
    @Test func theDecksErrata() {
        printed("E_after_1_as_published", "0.291027924")             // deck
        printed("E_after_steps_as_published", "0.000035085")         // deck: "0.000035085"
        printed("out_o1_after_steps_as_published", "0.015912196")    // post
        printed("out_o2_after_steps_as_published", "0.984065734")    // post
        printed("E_after_9999", "0.0000351085")                      // post's later figure: off by one
        #expect(abs(trace.value("E_after_1")! - 0.291027924) > 1e-7)  // the printed value is not the correct one
        #expect(abs(0.35801648 - trace.value("w5+")!) > 1e-4)         // one frame's typo
    }

    @Test func biasConventions() {
        printed("E_after_1_biases_frozen", "0.291027774")   // REFERENCES.md (recomputed)
        printed("E_after_1_biases_layer", "0.285750887")
        printed("E_after_1_biases_neuron", "0.280471447")
    }

    @Test(arguments: [[("i1", 0.2), ("w5", 0.1)], [("eta", 0.25), ("target_o2", 0.5), ("b2", -0.3)]])
    func otherNumbersAgreeWithTheIndependentImplementation(_ settings: [(String, Double)]) throws {
        var p = Parameters(Backprop.parameters)
        try p.set("steps", to: "50")
        var ref = Reference222()
        for (name, value) in settings {
            try p.set(name, to: String(value))
            switch name {
            case "i1": ref.i[0] = value
            case "w5": ref.w[4] = value
            case "eta": ref.eta = value
            case "target_o2": ref.t[1] = value
            case "b2": ref.b2 = value
            default: Issue.record("unhandled \(name)")
            }
        }
        let t = try Backprop.run(p)
        let f = ref.forward(), g = ref.gradients()
        #expect(abs(t.value("out_o1")! - f.outO[0]) <= 1e-12)
        #expect(abs(t.value("E_total")! - f.total) <= 1e-12)
        for k in 0..<8 { #expect(abs(t.value("dE_total/dw\(k + 1)")! - g[k]) <= 1e-12) }
        for _ in 0..<50 { ref.update() }
        #expect(abs(t.value("E_after_steps")! - ref.forward().total) <= 1e-12)
    }
}
