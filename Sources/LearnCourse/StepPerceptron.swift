import LearnCore

/// The ULB deck's perceptron y = f(wx) with the unit step f(z) = 1 if z ≥ 0, else 0, on its AND table:
/// why wx alone (no bias) cannot give AND, then the deck's update Δw = (ŷ − y)x, w = w − αΔw with a
/// constant input x0 = 1, until the table is reproduced — the Week 10 rule with 0/1 outputs and η = α/2.
public enum StepPerceptron: Derivation {
    public static let name = "step-perceptron"
    public static let summary = "The ULB deck's y = f(wx) with the unit step: why AND needs a bias, the update Δw = (ŷ − y)x, w = w − αΔw, the AND table reproduced."
    public static let sections = ["no-bias", "training", "table"]
    public static let parameters: [Parameter] = [
        .choice("gate", "AND", ["AND", "OR", "NAND", "NOR", "XOR"], "the truth table to learn"),
        .number("alpha", 1, "learning rate α", in: 0.001...1),
        .number("w1", 1, "weight w1 of the perceptron without a bias", in: -1e3...1e3),
        .number("w2", 1, "weight w2 of the perceptron without a bias", in: -1e3...1e3),
        .count("epochs", 100, "the most epochs to try", in: 1...10_000),
    ]

    static func step(_ z: Double) -> Double { z >= 0 ? 1 : 0 }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let gate = p.choice("gate"), alpha = p["alpha"], maxEpochs = p.count("epochs")
        // The deck's table with outputs 0 and 1.
        let samples = PerceptronTraining.samples(gate).map { (x1: $0.x1, x2: $0.x2, y: $0.y > 0 ? 1.0 : 0) }
        let names = ["a", "b", "c", "d"]
        let f = NumberFormat()
        var sheet = Worksheet(inputs: ["w1": p["w1"], "w2": p["w2"], "alpha": alpha])

        sheet.section("no-bias")
        sheet.derive("wx_a", .sum([.product(["w1", 0]), .product(["w2", 0])]), value: 0,
                     note: "At sample a = (0, 0) the product wx is 0 whatever the weights.")
        sheet.derive("f_a", .function("step", ["wx_a"]), value: step(0),
                     note: "So f(wx) = f(0) = 1 at (0, 0) for every w = (w1, w2), but the \(gate) table wants \(f.string(samples[0].y)) there\(samples[0].y == 1 ? "" : ": without a bias the perceptron cannot be trained to it"). A constant input x0 = 1 with its own weight w0 (the bias) fixes that: x = (1, x1, x2).")

        sheet.section("training")
        var w = [0.0, 0.0, 0.0]
        var rows: [[TraceTable.Cell]] = []
        var seen: Set<[Double]> = []
        var updates = 0, converged = false, epochsRun = 0
        for epoch in 1...maxEpochs {
            guard seen.insert(w).inserted else { break }
            epochsRun = epoch
            var mistakes = 0
            for (k, s) in samples.enumerated() {
                let z = w[0] + w[1] * s.x1 + w[2] * s.x2
                let yHat = step(z)
                let dw = [(yHat - s.y), (yHat - s.y) * s.x1, (yHat - s.y) * s.x2]
                if yHat != s.y { mistakes += 1; updates += 1 }
                w = zip(w, dw).map { $0 - alpha * $1 }
                rows.append([.text(String(epoch)), .text(names[k]), .number(s.x1), .number(s.x2), .number(s.y), .number(z),
                             .number(yHat), .number(yHat - s.y), .number(w[0]), .number(w[1]), .number(w[2])])
            }
            if mistakes == 0 { converged = true; break }
        }
        sheet.add(TraceTable(title: "f(wx) on \(gate), x = (1, x1, x2), w starts at 0, α = \(f.string(alpha))",
                             columns: ["epoch", "sample", "x1", "x2", "y", "wx", "ŷ = f(wx)", "ŷ − y", "w0", "w1", "w2"],
                             rows: rows))
        sheet.record("updates", Double(updates))
        sheet.record("epochs", Double(epochsRun))
        sheet.record("converged", converged ? 1 : 0)
        for i in 0...2 { sheet.record("w\(i)", w[i]) }
        sheet.note(converged
            ? "Epoch \(epochsRun) makes no mistake after \(updates) updates: w = (\(w.map { f.string($0) }.joined(separator: ", ")))."
            : "No convergence: after \(epochsRun) epochs and \(updates) updates the weights \(epochsRun < maxEpochs ? "repeat those at the start of an earlier epoch, so the rule cycles forever" : "still change").")

        sheet.section("table")
        var outputs: [[TraceTable.Cell]] = []
        for (k, s) in samples.enumerated() {
            let z = w[0] + w[1] * s.x1 + w[2] * s.x2
            sheet.record("y_\(names[k])", step(z))
            outputs.append([.text(names[k]), .number(s.x1), .number(s.x2), .number(s.y), .number(z), .number(step(z))])
        }
        sheet.add(TraceTable(title: "The learned perceptron on the \(gate) table", columns: ["", "x1", "x2", "y", "wx", "f(wx)"],
                             rows: outputs))
        sheet.add(PerceptronMap.single("f(wx) = 1 and f(wx) = 0 on the plane, w = (\(w.map { f.string($0) }.joined(separator: ", ")))",
                                       samples: samples.map { ($0.x1, $0.x2, $0.y > 0 ? 1 : -1) },
                                       regionNames: ["f(wx) = 0", "f(wx) = 1"], sampleNames: ["y = 0", "y = 1"],
                                       classify: PerceptronMap.side(w)))
        return sheet.trace
    }
}
