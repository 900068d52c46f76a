import Foundation
import LearnCore
import LearnScalar

/// The ULB deck's recurrent unit, W = {W_xh, W_hh, W_hy}, with one hidden unit unrolled over three time
/// steps, and backpropagation through time for its recurrent weight.
///
/// Forward: h_t = tanh(W_xh·x_t + W_hh·h_{t−1}) for t = 1, 2, 3; ŷ = W_hy·h_3; J = ½(ŷ − y)² (the deck's
/// squared loss). Backward: with δ_t = ∂J/∂h_t·(1 − h_t²), ∂J/∂h_{t−1} = δ_t·W_hh, and because the same
/// W_hh is used at every step, ∂J/∂W_hh = Σ_t δ_t·h_{t−1} — one term per time step. That sum is checked
/// against the scalar engine's reverse-mode gradient of the unrolled graph and a central difference.
public enum RNNBPTT: Derivation {
    public static let name = "rnn-bptt"
    public static let summary = "The ULB deck's recurrent unit h_t = tanh(W_xh·x_t + W_hh·h_{t−1}), ŷ = W_hy·h_3, J = ½(ŷ − y)², unrolled over three steps; ∂J/∂W_hh as a sum of one term per step, checked against the scalar engine and a central difference; ∂h_3/∂h_0."
    public static let sections = ["forward", "bptt", "check"]
    public static let parameters: [Parameter] = [
        .number("x_1", 1, "input at t = 1"), .number("x_2", 0.5, "input at t = 2"), .number("x_3", -1, "input at t = 3"),
        .number("h_0", 0, "initial state h_0"),
        .number("W_xh", 0.5, "input weight W_xh"), .number("W_hh", 0.8, "recurrent weight W_hh"),
        .number("W_hy", 1.5, "output weight W_hy"),
        .number("y", 0.5, "target y"),
        .number("epsilon", 1e-5, "step ε of the central difference", in: 1e-9...0.1),
    ]

    /// The number of time steps the unit is unrolled over.
    static let steps = 3

    /// J for the given weights, in plain arithmetic (for the central difference).
    static func loss(x: [Double], h0: Double, wxh: Double, whh: Double, why: Double, y: Double) -> Double {
        var h = h0
        for xt in x { h = tanh(wxh * xt + whh * h) }
        let yHat = why * h
        return 0.5 * (yHat - y) * (yHat - y)
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let xs = (1...steps).map { p["x_\($0)"] }
        var inputs = ["h_0": p["h_0"], "W_xh": p["W_xh"], "W_hh": p["W_hh"], "W_hy": p["W_hy"], "y": p["y"],
                      "epsilon": p["epsilon"]]
        for (i, x) in xs.enumerated() { inputs["x_\(i + 1)"] = x }
        var sheet = Worksheet(inputs: inputs)

        // The unrolled graph in the scalar engine: the same three weight leaves at every step.
        let wxh = Value(p["W_xh"], name: "W_xh"), whh = Value(p["W_hh"], name: "W_hh"), why = Value(p["W_hy"], name: "W_hy")
        var h = [Value(p["h_0"], name: "h_0")]
        sheet.section("forward")
        for t in 1...steps {
            let x = Value(xs[t - 1], name: "x_\(t)")
            let ht = (wxh * x + whh * h[t - 1]).tanh().named("h_\(t)")
            h.append(ht)
            sheet.show(ht, note: t == 1 ? "The same W_xh and W_hh at every step: the number of weights does not grow with the sequence." : nil)
        }
        let yHat = (why * h[steps]).named("y_hat")
        sheet.show(yHat, note: "The output, read from the last state.")
        let target = Value(p["y"], name: "y")
        let diff = yHat - target
        let j = (Value(0.5) * diff * diff).named("J")
        sheet.derive("J", .product([0.5, .power(.parentheses(.difference("y_hat", "y")), 2)]), value: j.data,
                     note: "The deck's squared loss.")
        sheet.add(TraceTable(title: "The unit unrolled in time", columns: ["t", "x_t", "h_(t−1)", "W_xh·x_t + W_hh·h_(t−1)", "h_t"],
                             rows: (1...steps).map { t in
                                 [.text(String(t)), .number(xs[t - 1]), .number(h[t - 1].data),
                                  .number(p["W_xh"] * xs[t - 1] + p["W_hh"] * h[t - 1].data), .number(h[t].data)]
                             }))

        sheet.section("bptt")
        j.backward()
        sheet.partial("J", "y_hat", .difference("y_hat", "y"), value: yHat.grad)
        sheet.partial("J", "h_\(steps)", .product([.derivative(of: "J", withRespectTo: "y_hat"), "W_hy"]),
                      value: h[steps].grad, note: "The last state reaches J only through the output.")
        for t in stride(from: steps, through: 1, by: -1) {
            let ht = h[t].data
            let delta = h[t].grad * (1 - ht * ht)
            sheet.derive("δ_\(t)", .product([.derivative(of: "J", withRespectTo: "h_\(t)"),
                                              .parentheses(.difference(1, .power(.symbol("h_\(t)"), 2)))]),
                         value: delta, note: t == steps ? "δ_t = ∂J/∂(W_xh·x_t + W_hh·h_(t−1)): through tanh, whose derivative is 1 − h_t²." : nil)
            sheet.partial("J", "h_\(t - 1)", .product([.symbol("δ_\(t)"), "W_hh"]), value: h[t - 1].grad,
                          note: t == steps ? "Back one step in time: h_(t−1) reaches J only through h_t." : nil)
        }
        var rows: [[TraceTable.Cell]] = []
        for t in 1...steps {
            let term = sheet.lookup("δ_\(t)")! * h[t - 1].data
            sheet.derive("term_\(t)", symbol: .text(plain: "term t = \(t)", latex: "\\text{term } t = \(t)"),
                         .product([.symbol("δ_\(t)"), .symbol("h_\(t - 1)")]), value: term)
            rows.append([.text(String(t)), .number(h[t - 1].data), .number(sheet.lookup("δ_\(t)")!), .number(term)])
        }
        sheet.add(TraceTable(title: "∂J/∂W_hh, one term per time step", columns: ["t", "h_(t−1)", "δ_t", "δ_t·h_(t−1)"], rows: rows))
        let bptt = (1...steps).reduce(0.0) { $0 + sheet.lookup("term_\($1)")! }
        sheet.partial("J", "W_hh", .sum((1...steps).reversed().map { .product([.symbol("δ_\($0)"), .symbol("h_\($0 - 1)")]) }),
                      value: bptt, note: "Backpropagation through time: W_hh is shared by all steps, so its gradient is the sum of the steps' contributions (as for a convolution's shared weight).")
        let bpttX = (1...steps).reduce(0.0) { $0 + sheet.lookup("δ_\($1)")! * xs[$1 - 1] }
        sheet.partial("J", "W_xh", .sum((1...steps).reversed().map { .product([.symbol("δ_\($0)"), .symbol("x_\($0)")]) }),
                      value: bpttX)
        sheet.partial("J", "W_hy", .product([.derivative(of: "J", withRespectTo: "y_hat"), .symbol("h_\(steps)")]),
                      value: sheet.lookup("dJ/dy_hat")! * h[steps].data)
        let factors: [Formula] = (1...steps).reversed().flatMap { t -> [Formula] in
            ["W_hh", .parentheses(.difference(1, .power(.symbol("h_\(t)"), 2)))]
        }
        sheet.partial("h_\(steps)", "h_0", .product(factors), value: h[steps].derivative(withRespectTo: h[0]),
                      note: "How much the first state still matters at the end: one factor W_hh·(1 − h_t²) per step. With |W_hh| < 1 and |1 − h_t²| ≤ 1 it shrinks with every step — the deck's vanishing gradient \"because of past states\"; with a large W_hh it can grow instead.")

        sheet.section("check")
        sheet.derive("engine_dJ/dW_hh", symbol: .text(plain: "∂J/∂W_hh (engine)", latex: "\\frac{\\partial J}{\\partial W_{hh}}\\ (\\text{engine})"),
                     .text(plain: "W_hh.grad after J.backward()", latex: "W_{hh}.\\text{grad after } J.\\text{backward()}"), value: whh.grad,
                     note: "The scalar engine's reverse mode over the whole unrolled graph, which never sees the formula above.")
        let eps = p["epsilon"]
        let plus = loss(x: xs, h0: p["h_0"], wxh: p["W_xh"], whh: p["W_hh"] + eps, why: p["W_hy"], y: p["y"])
        let minus = loss(x: xs, h0: p["h_0"], wxh: p["W_xh"], whh: p["W_hh"] - eps, why: p["W_hy"], y: p["y"])
        sheet.derive("J_plus", .text(plain: "J(W_hh + ε)", latex: "J(W_{hh} + \\epsilon)"), value: plus)
        sheet.derive("J_minus", .text(plain: "J(W_hh − ε)", latex: "J(W_{hh} - \\epsilon)"), value: minus)
        sheet.derive("fd_dJ/dW_hh", symbol: .text(plain: "∂J/∂W_hh (central difference)", latex: "\\frac{\\partial J}{\\partial W_{hh}}\\ (\\text{central difference})"),
                     .quotient(.difference("J_plus", "J_minus"), .product([2, "epsilon"])),
                     value: (plus - minus) / (2 * eps),
                     note: "J computed again with W_hh moved by ±ε at every step at once; accurate to about ε².")
        sheet.derive("bptt_minus_engine", symbol: .text(plain: "BPTT − engine", latex: "\\text{BPTT} - \\text{engine}"),
                     .difference(.number(bptt), .number(whh.grad)), value: bptt - whh.grad)
        sheet.derive("bptt_minus_fd", symbol: .text(plain: "BPTT − central difference", latex: "\\text{BPTT} - \\text{difference}"),
                     .difference(.number(bptt), .number((plus - minus) / (2 * eps))), value: bptt - (plus - minus) / (2 * eps))
        return sheet.trace
    }
}
