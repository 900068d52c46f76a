import Foundation
import LearnCore
import LearnScalar

/// The intuitive deck's neuron (course file 003, "What happens in a neuron?"): whether to go to a cricket
/// match. Scores x = (3, 2, 4, 2) for weather, music, company and money, weighted by their importance
/// w = (4, 2, 2, 1), sum to 26, over the threshold 25, so "go"; the threshold moved to the other side is
/// the bias b = −25; each weight is how far the sum moves per point of its score; the bias shifts the
/// decision; and the same net input z = 1 through a step, a sigmoid and a ReLU.
public enum CricketMatch: Derivation {
    public static let name = "cricket-match"
    public static let summary = "The intuitive deck's cricket-match neuron: scores (3, 2, 4, 2) weighted (4, 2, 2, 1) give 26 against the threshold 25; the threshold as the bias b = −25; ∂z/∂xᵢ = wᵢ (weights as importance); what the bias shifts; the same z through step, sigmoid and ReLU."
    public static let sections = ["weighing", "bias", "importance", "shift", "activations"]
    static let factors = ["weather", "music", "company", "money"]
    public static let parameters: [Parameter] = [
        .number("x1", 3, "score for the weather (the deck: out of 4)", in: -1000...1000),
        .number("x2", 2, "score for the music", in: -1000...1000),
        .number("x3", 4, "score for the company", in: -1000...1000),
        .number("x4", 2, "score for the money", in: -1000...1000),
        .number("w1", 4, "importance (weight) of the weather", in: -1000...1000),
        .number("w2", 2, "importance of the music", in: -1000...1000),
        .number("w3", 2, "importance of the company", in: -1000...1000),
        .number("w4", 1, "importance of the money", in: -1000...1000),
        .number("threshold", 25, "threshold the weighted sum must reach", in: -1e6...1e6),
    ]

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let threshold = p["threshold"]
        var inputs = ["threshold": threshold]
        for i in 1...4 { inputs["x\(i)"] = p["x\(i)"]; inputs["w\(i)"] = p["w\(i)"] }
        var sheet = Worksheet(inputs: inputs)
        let x = (1...4).map { Value(p["x\($0)"], name: "x\($0)") }
        let w = (1...4).map { Value(p["w\($0)"], name: "w\($0)") }

        sheet.section("weighing")
        let k = (0..<4).map { (w[$0] * x[$0]).named("k\($0 + 1)") }
        for i in 0..<4 { sheet.show(k[i], note: i == 0 ? "Each score times its weight (the deck calls the products k)." : nil) }
        let weighted = Value.sum(k).named("total")
        sheet.show(weighted, note: "Total score = sum of (score × weight).")
        sheet.record("threshold", threshold)
        let go: Double = weighted.data - threshold >= 0 ? 1 : 0
        sheet.derive("go", .function("step", [.difference("total", "threshold")]), value: go,
                     note: go == 1 ? "The weighted sum reaches the threshold: go to the match (1)." : "The weighted sum is below the threshold: stay at home (0).")
        if weighted.data == threshold {
            sheet.note("A tie: the binary step (1 for $x \\ge 0$) says go; \"over the threshold\" in the deck's words would say stay at home.")
        }

        sheet.section("bias")
        let b = Value(-threshold, name: "b")
        sheet.derive("b", .negation("threshold"), value: b.data,
                     note: "Move the threshold to the other side: Σ wᵢxᵢ ≥ threshold is Σ wᵢxᵢ + b ≥ 0 with b = −threshold.",
                     substitute: false)
        let z = Value.sum(zip(w, x).map { $0 * $1 } + [b]).named("z")
        sheet.show(z, note: "The neuron's net input: the weighted sum plus the bias.")
        let yStep = z.step().named("y")
        sheet.show(yStep, note: "The same decision as before, now read off at 0 instead of at the threshold.")

        sheet.section("importance")
        z.backward()
        for i in 0..<4 {
            sheet.partial("z", "x\(i + 1)", .symbol("w\(i + 1)"), value: x[i].grad,
                          note: i == 0 ? "The engine's backward pass: one more point of a score moves z by that score's weight." : nil)
        }
        var rows: [[TraceTable.Cell]] = []
        for i in 0..<4 {
            let lower = z.data - w[i].data
            sheet.record("z_if_x\(i + 1)_minus_1", lower)
            rows.append([.text(factors[i]), .number(x[i].data), .number(w[i].data), .number(k[i].data),
                         .number(lower), .text(lower >= 0 ? "go" : "stay")])
        }
        sheet.add(TraceTable(title: "What each factor contributes, and the decision if its score were one point lower",
                             columns: ["factor", "score xᵢ", "weight wᵢ", "wᵢ·xᵢ", "z with xᵢ − 1", "decision"], rows: rows))

        sheet.section("shift")
        let flip = -weighted.data
        sheet.derive("b_flip", .negation("total"), value: flip,
                     note: "The decision flips where z = 0: any bias below this makes the neuron stay at home.", substitute: false)
        var sweep: [[TraceTable.Cell]] = []
        let centre = (-threshold).rounded()
        for offset in stride(from: 5.0, through: -5.0, by: -1.0) {
            let bias = centre + offset
            let zb = weighted.data + bias
            sweep.append([.number(bias), .number(zb), .number(zb >= 0 ? 1 : 0), .number(sigmoid(zb)), .number(max(0, zb))])
        }
        sheet.add(TraceTable(title: "The same scores under other biases", columns: ["b", "z", "step(z)", "σ(z)", "ReLU(z)"],
                             rows: sweep))
        let lo = min(weighted.data, threshold) - 15, hi = max(weighted.data, threshold) + 15
        let curves = [threshold - 5, threshold, threshold + 5].map { t in
            TracePlot.Series(name: "b = \(NumberFormat().string(-t))", points: stride(from: lo, through: hi, by: (hi - lo) / 60).map { s in
                (x: s, y: sigmoid(s - t))
            })
        }
        sheet.add(TracePlot(title: "σ(weighted sum + b) for three biases: the bias slides the curve left or right",
                            xLabel: "weighted sum", yLabel: "σ(z)", series: curves))
        let zeroStep = -threshold >= 0 ? 1.0 : 0
        sheet.derive("y_no_input", symbol: .text(plain: "y(x = 0)", latex: "y(\\mathbf{x} = 0)"), .function("σ", ["b"]), value: sigmoid(-threshold),
                     note: "With every score 0 the net input is the bias alone; without a bias a sigmoid would always say 0.5 there and a ReLU 0.")
        sheet.record("step_at_zero_inputs", zeroStep)

        sheet.section("activations")
        let outs = [z.step().named("y_step"), z.sigmoid().named("y_sigmoid"), z.relu().named("y_relu")]
        let notes = ["A hard yes or no.", "A degree of yes between 0 and 1: z = 1 is only a little over the threshold.",
                     "0 below the threshold, and above it how far over."]
        for (y, note) in zip(outs, notes) {
            let kind = y.name!.dropFirst(2)
            sheet.derive(y.name!, symbol: .text(plain: y.name!, latex: "y_{\\text{\(kind)}}"), y.formula, value: y.data, note: note)
        }
        var table: [[TraceTable.Cell]] = []
        for offset in stride(from: -4.0, through: 4.0, by: 1.0) {
            let s = weighted.data + offset, zs = s - threshold
            table.append([.number(s), .number(zs), .number(zs >= 0 ? 1 : 0), .number(sigmoid(zs)), .number(max(0, zs))])
        }
        sheet.add(TraceTable(title: "The three outputs as the weighted sum changes", columns: ["weighted sum", "z", "step", "sigmoid", "ReLU"],
                             rows: table))
        let grid = stride(from: -3.0, through: 3.0, by: 0.1).map { $0 }
        sheet.add(TracePlot(title: "step, sigmoid and ReLU of the net input z", xLabel: "z", yLabel: "y", series: [
            .init(name: "step", points: grid.map { (x: $0, y: $0 >= 0 ? 1 : 0) }),
            .init(name: "sigmoid", points: grid.map { (x: $0, y: sigmoid($0)) }),
            .init(name: "ReLU", points: grid.map { (x: $0, y: max(0, $0)) }),
        ]))
        return sheet.trace
    }
}
