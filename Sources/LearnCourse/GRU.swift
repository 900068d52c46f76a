import Foundation
import LearnCore
import LearnScalar

/// The ULB deck's gated recurrent unit (GRU), in exactly its form, with one hidden unit and one input
/// over three time steps:
///
///     z_t = σ(W_z·[h_(t−1), x_t])              update gate
///     r_t = σ(W_r·[h_(t−1), x_t])              reset gate
///     h̃_t = tanh(W·[r_t * h_(t−1), x_t])       candidate state
///     h_t = (1 − z_t) * h_(t−1) + z_t * h̃_t
///
/// With a scalar state and input, each weight matrix is a row of two numbers: W_z = (W_zh, W_zx),
/// W_r = (W_rh, W_rx), W = (W_h, W_x); the first multiplies the state part of the concatenation, the second
/// the input. The deck's equations have no biases, so neither has this example. The graph is built in the
/// scalar engine, which also gives ∂h_3/∂h_0, how much the first state still matters after three steps.
public enum GRU: Derivation {
    public static let name = "gru"
    public static let summary = "The ULB deck's GRU equations (z_t, r_t, h̃_t, h_t, no biases) with one hidden unit over three steps; ∂h_t/∂h_{t−1} and ∂h_3/∂h_0 from the engine."
    public static let sections = ["steps", "memory"]
    public static let parameters: [Parameter] = [
        .number("x_1", 1, "input at t = 1"), .number("x_2", 0.5, "input at t = 2"), .number("x_3", -1, "input at t = 3"),
        .number("h_0", 0, "initial state h_0"),
        .number("W_zh", 0.5, "update gate weight on h_(t−1)"), .number("W_zx", -1, "update gate weight on x_t"),
        .number("W_rh", 1, "reset gate weight on h_(t−1)"), .number("W_rx", 0.5, "reset gate weight on x_t"),
        .number("W_h", 0.8, "candidate weight on r_t * h_(t−1)"), .number("W_x", 1.5, "candidate weight on x_t"),
    ]

    /// The number of time steps.
    static let steps = 3

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        var inputs: [String: Double] = [:]
        for parameter in parameters { inputs[parameter.name] = p[parameter.name] }
        var sheet = Worksheet(inputs: inputs)
        let w = Dictionary(uniqueKeysWithValues: ["W_zh", "W_zx", "W_rh", "W_rx", "W_h", "W_x"].map { ($0, Value(p[$0], name: $0)) })
        var h = [Value(p["h_0"], name: "h_0")]
        var rows: [[TraceTable.Cell]] = []

        sheet.section("steps")
        for t in 1...steps {
            let x = Value(p["x_\(t)"], name: "x_\(t)")
            let hPrev = h[t - 1]
            let hp: Formula = .symbol("h_\(t - 1)"), xt: Formula = .symbol("x_\(t)")
            let z = (w["W_zh"]! * hPrev + w["W_zx"]! * x).sigmoid().named("z_\(t)")
            sheet.derive("z_\(t)", .function("σ", [.sum([.product(["W_zh", hp]), .product(["W_zx", xt])])]), value: z.data,
                         note: t == 1 ? "Update gate: W_z·[h_(t−1), x_t] = W_zh·h_(t−1) + W_zx·x_t, squashed into (0, 1)." : nil)
            let r = (w["W_rh"]! * hPrev + w["W_rx"]! * x).sigmoid().named("r_\(t)")
            sheet.derive("r_\(t)", .function("σ", [.sum([.product(["W_rh", hp]), .product(["W_rx", xt])])]), value: r.data,
                         note: t == 1 ? "Reset gate: how much of h_(t−1) the candidate may see." : nil)
            let candidate = (w["W_h"]! * (r * hPrev) + w["W_x"]! * x).tanh().named("htilde_\(t)")
            sheet.derive("htilde_\(t)", .function("tanh", [.sum([.product(["W_h", .symbol("r_\(t)"), hp]), .product(["W_x", xt])])]),
                         value: candidate.data,
                         note: t == 1 ? "Candidate state: W·[r_t * h_(t−1), x_t] = W_h·r_t·h_(t−1) + W_x·x_t." : nil)
            let ht = ((Value(1) - z) * hPrev + z * candidate).named("h_\(t)")
            sheet.derive("h_\(t)", .sum([.product([.parentheses(.difference(1, .symbol("z_\(t)"))), hp]),
                                         .product([.symbol("z_\(t)"), .symbol("htilde_\(t)")])]),
                         value: ht.data,
                         note: t == 1 ? "The new state is a weighted average of the old state and the candidate: z_t = 0 keeps h_(t−1), z_t = 1 replaces it by h̃_t." : nil)
            h.append(ht)
            rows.append([.text(String(t)), .number(p["x_\(t)"]), .number(hPrev.data), .number(z.data), .number(r.data),
                         .number(candidate.data), .number(ht.data)])
        }
        sheet.add(TraceTable(title: "The GRU, step by step", columns: ["t", "x_t", "h_(t−1)", "z_t", "r_t", "h̃_t", "h_t"], rows: rows))

        sheet.section("memory")
        let factors: [Formula] = (1...steps).reversed().map { .derivative(of: "h_\($0)", withRespectTo: "h_\($0 - 1)") }
        for t in 1...steps {
            sheet.partial("h_\(t)", "h_\(t - 1)", .text(plain: "(reverse mode through z_\(t), r_\(t), h̃_\(t))", latex: "(\\text{reverse mode through } z_{\(t)}, r_{\(t)}, \\tilde{h}_{\(t)})"),
                          value: h[t].derivative(withRespectTo: h[t - 1]),
                          note: t == 1 ? "From the scalar engine. Its main part is 1 − z_t: the path through the update gate that carries the old state unchanged when z_t is small." : nil)
        }
        sheet.partial("h_\(steps)", "h_0", .product(factors), value: h[steps].derivative(withRespectTo: h[0]),
                      note: "The chain rule through time: one factor per step.")
        return sheet.trace
    }
}
