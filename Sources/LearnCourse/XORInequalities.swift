import LearnCore

/// Why one perceptron cannot compute XOR: sign(w0 + w1x1 + w2x2) needs v_a < 0, v_b ≥ 0, v_c ≥ 0 and
/// v_d < 0, but v_a + v_d = v_b + v_c = 2w0 + w1 + w2 for every w, so the four inequalities contradict
/// each other. Any candidate w is checked against them.
public enum XORInequalities: Derivation {
    public static let name = "xor-inequalities"
    public static let summary = "The four inequalities XOR asks of one perceptron and the identity v_a + v_d = v_b + v_c that breaks them, for any candidate w."
    public static let sections = ["inequalities", "contradiction"]
    public static let parameters: [Parameter] = [
        .number("w0", -1, "bias weight w0 of the candidate", in: -1e3...1e3),
        .number("w1", 1, "weight w1 of the candidate", in: -1e3...1e3),
        .number("w2", 1, "weight w2 of the candidate", in: -1e3...1e3),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let w = [p["w0"], p["w1"], p["w2"]]
        var sheet = Worksheet(inputs: ["w0": w[0], "w1": w[1], "w2": w[2]])
        let samples = PerceptronTraining.samples("XOR")
        let names = ["a", "b", "c", "d"]

        sheet.section("inequalities")
        let forms: [Formula] = ["w0", .sum(["w0", "w2"]), .sum(["w0", "w1"]), .sum(["w0", "w1", "w2"])]
        var v: [Double] = []
        for (k, s) in samples.enumerated() {
            v.append(w[0] + w[1] * s.x1 + w[2] * s.x2)
            sheet.derive("v_\(names[k])", forms[k], value: v[k],
                         note: k == 0 ? "v = w0 + w1·x1 + w2·x2 at each sample of the XOR table." : nil)
        }
        var rows: [[TraceTable.Cell]] = []
        var satisfied = 0
        for (k, s) in samples.enumerated() {
            let holds = s.y > 0 ? v[k] >= 0 : v[k] < 0
            if holds { satisfied += 1 }
            rows.append([.text(names[k]), .number(s.x1), .number(s.x2), .number(s.y),
                         .text(s.y > 0 ? "v_\(names[k]) ≥ 0" : "v_\(names[k]) < 0"), .number(v[k]), .text(holds ? "yes" : "no")])
        }
        sheet.add(TraceTable(title: "What XOR needs of sign(v), and this w", columns: ["", "x1", "x2", "y", "needs", "v", "holds"],
                             rows: rows))
        sheet.record("satisfied", Double(satisfied))

        sheet.section("contradiction")
        sheet.derive("sum_bc", .sum(["v_b", "v_c"]), value: v[1] + v[2], note: "Needs ≥ 0: both terms must be ≥ 0.")
        sheet.derive("sum_ad", .sum(["v_a", "v_d"]), value: v[0] + v[3], note: "Needs < 0: both terms must be < 0.")
        sheet.derive("gap", .difference("sum_ad", "sum_bc"), value: (v[0] + v[3]) - (v[1] + v[2]),
                     note: "Always 0: v_a + v_d = w0 + (w0 + w1 + w2) and v_b + v_c = (w0 + w2) + (w0 + w1) are the same number, 2w0 + w1 + w2. It cannot be both ≥ 0 and < 0, so no w meets all four inequalities.")
        sheet.add(PerceptronMap.single("This w against the XOR table: at most three samples on their side",
                                       samples: samples, classify: PerceptronMap.side(w)))
        return sheet.trace
    }
}
