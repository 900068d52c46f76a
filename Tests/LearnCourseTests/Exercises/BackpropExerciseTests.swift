import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// `learn exercise backprop`: fresh 2-2-2 networks, each key checked against a plain-Double forward and
/// backward pass written here from the variant's givens.
@Suite struct BackpropExerciseTests {
    let checks = GridChecks(
        derivation: Backprop.self,
        grids: ["i1": .numbers(0.05...1, step: 0.05), "i2": .numbers(0.05...1, step: 0.05),
                "b1": .numbers(0.01...0.99, step: 0.01), "b2": .numbers(0.01...0.99, step: 0.01),
                "target_o1": .numbers(0.01...0.99, step: 0.01), "target_o2": .numbers(0.01...0.99, step: 0.01),
                "eta": .words(["0.1", "0.25", "0.5", "1"])]
            .merging((1...8).map { ("w\($0)", Grid.numbers(-1...1, step: 0.01, nonZero: true)) }) { a, _ in a },
        fixed: ["steps": "0", "biases": "frozen"])

    @Test func variantsAreDeterministicOnTheirGridsAndAccepted() throws {
        let variants = try checks.check()
        for v in variants {
            for name in ["out_h1", "out_h2", "out_o1", "out_o2"] { #expect((0.05...0.95).contains(v.trace.value(name)!)) }
            for k in 1...8 { #expect(abs(v.trace.value("dE_total/dw\(k)")!) >= 0.001, "seed \(v.seed): w\(k)'s gradient") }
        }
    }

    @Test func theKeyAgreesWithAPlainDoubleNetwork() throws {
        for v in try checks.check() { checks.compare(v, with: Self.network(v.parameters)) }
    }

    /// The 2-2-2 network of the variant, by hand: σ everywhere, E = Σ ½(target − out)², every chain-rule
    /// factor and update (with the original weights throughout, biases untouched).
    static func network(_ p: Parameters) -> [String: Double] {
        func σ(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        let i = [p["i1"], p["i2"]], w = (1...8).map { p["w\($0)"] }, t = [p["target_o1"], p["target_o2"]]
        let (b1, b2, eta) = (p["b1"], p["b2"], p["eta"])
        var r: [String: Double] = [:]
        // Forward: h1 from w1, w2; h2 from w3, w4; o1 from w5, w6; o2 from w7, w8.
        let netH = [w[0] * i[0] + w[1] * i[1] + b1, w[2] * i[0] + w[3] * i[1] + b1]
        let outH = netH.map(σ)
        let netO = [w[4] * outH[0] + w[5] * outH[1] + b2, w[6] * outH[0] + w[7] * outH[1] + b2]
        let outO = netO.map(σ)
        let errors = (0..<2).map { 0.5 * (t[$0] - outO[$0]) * (t[$0] - outO[$0]) }
        for k in 0..<2 {
            r["net_h\(k + 1)"] = netH[k]; r["out_h\(k + 1)"] = outH[k]
            r["net_o\(k + 1)"] = netO[k]; r["out_o\(k + 1)"] = outO[k]
            r["E_o\(k + 1)"] = errors[k]
        }
        r["E_total"] = errors[0] + errors[1]
        // Output layer: δ_o = −(t − out)·out(1 − out); ∂E/∂w = δ_o·out_h.
        var delta = [0.0, 0.0]
        for k in 0..<2 {
            let o = "o\(k + 1)"
            let dEdOut = -(t[k] - outO[k]), dOutdNet = outO[k] * (1 - outO[k])
            delta[k] = dEdOut * dOutdNet
            r["dE_total/dout_\(o)"] = dEdOut; r["dout_\(o)/dnet_\(o)"] = dOutdNet; r["dE_total/dnet_\(o)"] = delta[k]
            for j in 0..<2 {
                let index = 4 + 2 * k + j, g = delta[k] * outH[j]
                r["dE_total/dw\(index + 1)"] = g
                r["w\(index + 1)+"] = w[index] - eta * g
            }
        }
        // Hidden layer: ∂E_ok/∂out_hj = δ_ok·w(hj → ok); both outputs reach each hidden neuron.
        for j in 0..<2 {
            let h = "h\(j + 1)"
            let fromO1 = delta[0] * w[4 + j], fromO2 = delta[1] * w[6 + j]
            let dOutdNet = outH[j] * (1 - outH[j])
            r["dE_o1/dout_\(h)"] = fromO1; r["dE_o2/dout_\(h)"] = fromO2
            r["dE_total/dout_\(h)"] = fromO1 + fromO2; r["dout_\(h)/dnet_\(h)"] = dOutdNet
            for m in 0..<2 {
                let index = 2 * j + m, g = (fromO1 + fromO2) * dOutdNet * i[m]
                r["dE_total/dw\(index + 1)"] = g
                r["w\(index + 1)+"] = w[index] - eta * g
            }
        }
        return r
    }

    /// The slides' own network through the same hand computation: the test's arithmetic is right.
    @Test func theHandComputationGivesTheDecksNumbers() throws {
        let r = Self.network(Parameters(Backprop.parameters))
        #expect(abs(r["E_total"]! - 0.298371109) < 5e-10)
        #expect(abs(r["dE_total/dw5"]! - 0.082167041) < 5e-10)
        #expect(abs(r["w5+"]! - 0.35891648) < 5e-9)
        #expect(abs(r["w1+"]! - 0.149780716) < 5e-10)
    }
}
