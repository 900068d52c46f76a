import Foundation
import LearnCore
import LearnScalar

extension Backprop {
    /// The deck's printed numbers that a correct computation does not give, and the computations that do.
    ///
    /// The early companion code of Mazur's post updated w5…w8 *before* computing the hidden deltas, so
    /// the hidden layer saw the new output weights. That code gives the deck's 0.291027924 after one
    /// update and, after 10,000, the outputs 0.015912196 / 0.984065734 and the error 0.000035085.
    static func errata(_ sheet: inout Worksheet, _ p: Parameters) {
        sheet.section("errata")
        let steps = p.count("steps")
        let one = originalCode(p, steps: 1)
        let many = originalCode(p, steps: steps)
        sheet.record("E_after_1_as_published", one.error)
        sheet.record("E_after_steps_as_published", many.error)
        sheet.record("out_o1_after_steps_as_published", many.outputs[0])
        sheet.record("out_o2_after_steps_as_published", many.outputs[1])
        func row(_ what: String, _ correct: String, _ original: Double?) -> [TraceTable.Cell] {
            [.text(what), sheet.lookup(correct).map(TraceTable.Cell.number) ?? .text("—"),
             original.map(TraceTable.Cell.number) ?? .text("—")]
        }
        sheet.add(TraceTable(
            title: "Correct updates against the original code (hidden deltas from the updated w5…w8)",
            columns: ["quantity", "correct", "original code"],
            rows: [
                row("E_total after 1 update", "E_after_1", one.error),
                row("E_total after \(steps - 1) updates", "E_after_\(steps - 1)", nil),
                row("E_total after \(steps) updates", "E_after_\(steps)", many.error),
                row("out_o1 after \(steps) updates", "out_o1_after_steps", many.outputs[0]),
                row("out_o2 after \(steps) updates", "out_o2_after_steps", many.outputs[1]),
            ]))

        sheet.section("biases")
        var rows: [[TraceTable.Cell]] = []
        for (convention, meaning) in [("frozen", "biases fixed (the deck)"), ("layer", "one bias per layer, trained"),
                                      ("neuron", "one bias per neuron, trained")] {
            let net = network(p, biases: convention)
            forward(net, p).total.backward()
            net.descend(learningRate: p["eta"])
            let e = forward(net, p).total.data
            sheet.record("E_after_1_biases_\(convention)", e)
            rows.append([.text(convention), .text(meaning), .number(e)])
        }
        sheet.add(TraceTable(title: "E_total after one update, by bias convention",
                             columns: ["biases", "meaning", "E_total after 1 update"], rows: rows))
    }

    /// Mazur's early code, reproduced on purpose: after computing δ_o1, δ_o2 it updates w5…w8 and only
    /// then computes the hidden deltas, with the *updated* output weights. Returns the error and the
    /// outputs after `steps` updates (biases frozen).
    static func originalCode(_ p: Parameters, steps: Int) -> (error: Double, outputs: [Double]) {
        func s(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        var w = weightNames.map { p[$0] }
        let (i1, i2, b1, b2, eta) = (p["i1"], p["i2"], p["b1"], p["b2"], p["eta"])
        let (t1, t2) = (p["target_o1"], p["target_o2"])
        func forward() -> (h1: Double, h2: Double, o1: Double, o2: Double) {
            let h1 = s(w[0] * i1 + w[1] * i2 + b1), h2 = s(w[2] * i1 + w[3] * i2 + b1)
            return (h1, h2, s(w[4] * h1 + w[5] * h2 + b2), s(w[6] * h1 + w[7] * h2 + b2))
        }
        for _ in 0..<steps {
            let (h1, h2, o1, o2) = forward()
            let d1 = (o1 - t1) * o1 * (1 - o1), d2 = (o2 - t2) * o2 * (1 - o2)
            w[4] -= eta * d1 * h1; w[5] -= eta * d1 * h2; w[6] -= eta * d2 * h1; w[7] -= eta * d2 * h2
            // The bug: w[4]…w[7] are already the updated weights here.
            let dh1 = (d1 * w[4] + d2 * w[6]) * h1 * (1 - h1), dh2 = (d1 * w[5] + d2 * w[7]) * h2 * (1 - h2)
            w[0] -= eta * dh1 * i1; w[1] -= eta * dh1 * i2; w[2] -= eta * dh2 * i1; w[3] -= eta * dh2 * i2
        }
        let (_, _, o1, o2) = forward()
        return (0.5 * (t1 - o1) * (t1 - o1) + 0.5 * (t2 - o2) * (t2 - o2), [o1, o2])
    }
}
