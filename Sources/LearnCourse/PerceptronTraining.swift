import LearnCore

/// The perceptron learning algorithm of the Week 10 deck on AND, OR and XOR: w = 0, then sample by
/// sample w ← w + η(y − ŷ)x until an epoch makes no mistake — or, for XOR, until the weights at the
/// start of an epoch repeat, which proves the rule cycles forever.
public enum PerceptronTraining: Derivation {
    public static let name = "perceptron-training"
    public static let summary = "The perceptron rule on a truth table until it converges or cycles."
    public static let sections = ["training"]
    public static let parameters: [Parameter] = [
        .choice("gate", "AND", ["AND", "OR", "XOR", "NAND", "NOR"], "the truth table to learn"),
        .number("eta", 1, "learning rate η (0 < η ≤ 1)", in: 0.001...1),
        .count("epochs", 100, "the most epochs to try", in: 1...10_000),
    ]

    /// The deck's tables, with its 0/1 outputs as the perceptron's −1/+1.
    static func samples(_ gate: String) -> [(x1: Double, x2: Double, y: Double)] {
        let inputs: [(Double, Double)] = [(0, 0), (0, 1), (1, 0), (1, 1)]
        let table: [Bool]
        switch gate {
        case "OR": table = [false, true, true, true]
        case "XOR": table = [false, true, true, false]
        case "NAND": table = [true, true, true, false]
        case "NOR": table = [true, false, false, false]
        default: table = [false, false, false, true]
        }
        return zip(inputs, table).map { ($0.0, $0.1, $1 ? 1 : -1) }
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let gate = p.choice("gate"), eta = p["eta"], maxEpochs = p.count("epochs")
        var sheet = Worksheet()
        sheet.section("training")
        var w = [0.0, 0.0, 0.0]
        var seen: [[Double]: Int] = [:]
        var rows: [[TraceTable.Cell]] = []
        var updates = 0
        var outcome = "stopped after \(maxEpochs) epochs without converging"
        var converged = false, cycleStart = 0, cycleEpoch = 0
        let names = ["a", "b", "c", "d"]
        epochs: for epoch in 1...maxEpochs {
            if let first = seen[w] {
                cycleStart = first; cycleEpoch = epoch
                outcome = "the weights at the start of epoch \(epoch) are those at the start of epoch \(first): every later epoch repeats epochs \(first)…\(epoch - 1), so the rule never converges"
                break epochs
            }
            seen[w] = epoch
            var mistakes = 0
            for (k, s) in samples(gate).enumerated() {
                let v = w[0] + w[1] * s.x1 + w[2] * s.x2
                let yHat: Double = v >= 0 ? 1 : -1
                let e = s.y - yHat
                if e != 0 {
                    mistakes += 1; updates += 1
                    w[0] += eta * e; w[1] += eta * e * s.x1; w[2] += eta * e * s.x2
                }
                rows.append([.text(String(epoch)), .text(names[k]), .number(s.x1), .number(s.x2), .number(s.y),
                             .number(v), .number(yHat), .number(e), .number(w[0]), .number(w[1]), .number(w[2])])
            }
            if mistakes == 0 {
                converged = true
                outcome = "epoch \(epoch) made no mistake: converged after \(updates) updates"
                sheet.record("epochs", Double(epoch))
                break epochs
            }
        }
        sheet.add(TraceTable(title: "Perceptron on \(gate) (w starts at 0, η = \(NumberFormat().string(eta)))",
                             columns: ["epoch", "sample", "x1", "x2", "y", "v", "ŷ", "e", "w0", "w1", "w2"], rows: rows))
        sheet.note("**\(gate)**: \(outcome). Final weights w = (\(w.map { NumberFormat().string($0) }.joined(separator: ", "))).")
        sheet.record("converged", converged ? 1 : 0)
        sheet.record("updates", Double(updates))
        if cycleEpoch > 0 {
            sheet.record("cycle_start", Double(cycleStart))
            sheet.record("cycle_length", Double(cycleEpoch - cycleStart))
        }
        for i in 0...2 { sheet.record("w\(i)", w[i]) }
        return sheet.trace
    }
}
