import LearnCore
import LearnScalar

/// The Week 10 deck's worked perceptron update: w = (−1, 2, 1), x = (½, 1), y = −1, η = 1 gives
/// v = 1, ŷ = 1, e = −2 and the new weights (−3, 1, −1); then why the update moves v the right way.
public enum PerceptronUpdate: Derivation {
    public static let name = "perceptron-update"
    public static let summary = "The Week 10 deck's update w = (−1, 2, 1), x = (½, 1), y = −1."
    public static let sections = ["update", "why"]
    public static let parameters: [Parameter] = [
        .number("w0", -1, "bias weight w0 (x0 = 1)"), .number("w1", 2, "weight w1"), .number("w2", 1, "weight w2"),
        .number("x1", 0.5, "input x1"), .number("x2", 1, "input x2"),
        .choice("y", "-1", ["-1", "1"], "desired output y (±1)"),
        .number("eta", 1, "learning rate η (0 < η ≤ 1)", in: 0...1),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let y = Double(p.choice("y"))!
        var sheet = Worksheet(inputs: ["eta": p["eta"], "y": y, "x0": 1, "x1": p["x1"], "x2": p["x2"],
                                        "w0": p["w0"], "w1": p["w1"], "w2": p["w2"]])
        let w = (0...2).map { Value(p["w\($0)"], name: "w\($0)") }
        let x = [Value(1, name: "x0"), Value(p["x1"], name: "x1"), Value(p["x2"], name: "x2")]

        sheet.section("update")
        let v = Value.sum(zip(w, x).map { $0 * $1 }).named("v")
        sheet.show(v, note: "The linear combiner, with x0 = 1 carrying the bias weight w0.")
        let yHat = v.sign().named("y_hat")
        sheet.show(yHat, note: "sign(v) is +1 when v ≥ 0 and −1 otherwise.")
        sheet.derive("e", .difference("y", "y_hat"), value: y - yHat.data, note: "The output error.")
        let e = y - yHat.data
        for i in 0...2 {
            sheet.derive("w\(i)+", .sum([.symbol("w\(i)"), .product(["eta", "e", .symbol("x\(i)")])]),
                         value: w[i].data + p["eta"] * e * x[i].data)
        }
        if e == 0 { sheet.note("ŷ = y: the sample is already classified correctly, so nothing changes.") }

        sheet.section("why")
        let norm = x.reduce(0) { $0 + $1.data * $1.data }
        sheet.derive("x_norm2", .sum((0...2).map { .power(.symbol("x\($0)"), 2) }), value: norm)
        let vNew = (0...2).reduce(0.0) { $0 + (sheet.lookup("w\($1)+") ?? 0) * x[$1].data }
        sheet.derive("v+", .sum((0...2).map { .product([.symbol("w\($0)+"), .symbol("x\($0)")]) }), value: vNew,
                     note: "The same sample under the new weights.")
        sheet.derive("v+_rule", symbol: .symbol("v+"), .sum(["v", .product(["eta", "e", "x_norm2"])]),
                     value: v.data + p["eta"] * e * norm,
                     note: "v' = w'·x = (w + ηe x)·x = v + ηe‖x‖²: since ‖x‖² > 0, v moves in the direction of e — down when ŷ = 1 but y = −1, up when ŷ = −1 but y = 1.")
        return sheet.trace
    }
}
