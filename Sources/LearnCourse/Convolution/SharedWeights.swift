import Foundation
import LearnCore

/// The Drchal deck's rule for shared weights on the smallest example: one sigmoid neuron
/// `y = S(w₁x₁ + w₂x₂ + b)` whose two weights are tied, `w₁ = w₂ = w`, with `E = ½(d − y)²`.
///
/// Backpropagation as if the weights were separate gives `∂E/∂w₁ = −(d − y)·y(1 − y)·x₁` and
/// `∂E/∂w₂ = −(d − y)·y(1 − y)·x₂`. Updating each by its own gradient would make them differ; the deck's
/// rule uses `∂E/∂w₁ + ∂E/∂w₂` (or the average) for both. The sum is the derivative of E as a function of
/// the one shared w, checked by a central difference; the average is half of it (the same step with half
/// the learning rate).
public enum SharedWeights: Derivation {
    public static let name = "shared-weights"
    public static let summary = "The Drchal deck's rule for tied weights w₁ = w₂ on one sigmoid neuron: ∂E/∂w₁ + ∂E/∂w₂ equals the central difference of the shared w; updating by the sum, by the average, or each weight separately."
    public static let sections = ["tied", "update"]
    public static let parameters: [Parameter] = [
        .number("x1", 1, "input x₁"),
        .number("x2", 0.5, "input x₂"),
        .number("w", 0.3, "the shared weight w = w₁ = w₂"),
        .number("b", -0.1, "bias b"),
        .number("d", 1, "target d"),
        .number("eta", 0.5, "learning rate η", in: 0...100),
        .number("h", 1e-5, "step of the central difference", in: 1e-9...0.1),
    ]

    static func output(_ w1: Double, _ w2: Double, _ p: Parameters) -> Double { 1 / (1 + exp(-(w1 * p["x1"] + w2 * p["x2"] + p["b"]))) }
    static func error(_ w1: Double, _ w2: Double, _ p: Parameters) -> Double { 0.5 * pow(p["d"] - output(w1, w2, p), 2) }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let (w, eta, h) = (p["w"], p["eta"], p["h"])
        var sheet = Worksheet(inputs: ["x1": p["x1"], "x2": p["x2"], "b": p["b"], "d": p["d"], "eta": eta, "h": h, "w1": w, "w2": w])

        sheet.section("tied")
        let net = w * p["x1"] + w * p["x2"] + p["b"]
        sheet.derive("net", .sum([.product(["w1", "x1"]), .product(["w2", "x2"]), "b"]), value: net, note: "Both weights hold the one shared value w.")
        let y = output(w, w, p)
        sheet.derive("y", .quotient(1, .sum([1, .function("exp", [.negation("net")])])), value: y)
        sheet.derive("E", .product([0.5, .power(.parentheses(.difference("d", "y")), 2)]), value: error(w, w, p))
        let delta = -(p["d"] - y) * y * (1 - y)
        sheet.partial("E", "net", .product([.negation(.parentheses(.difference("d", "y"))), "y", .parentheses(.difference(1, "y"))]), value: delta)
        sheet.partial("E", "w1", .product([.derivative(of: "E", withRespectTo: "net"), "x1"]), value: delta * p["x1"],
                      note: "Backpropagation as if $w_1$ were a weight of its own.")
        sheet.partial("E", "w2", .product([.derivative(of: "E", withRespectTo: "net"), "x2"]), value: delta * p["x2"])
        sheet.derive("sum", symbol: .text(plain: "∂E/∂w₁ + ∂E/∂w₂", latex: "\\frac{\\partial E}{\\partial w_1} + \\frac{\\partial E}{\\partial w_2}"),
                     .sum([.derivative(of: "E", withRespectTo: "w1"), .derivative(of: "E", withRespectTo: "w2")]), value: delta * (p["x1"] + p["x2"]),
                     note: "The deck's rule: add the gradients of every use of the weight.")
        sheet.record("E(w+h)", error(w + h, w + h, p))
        sheet.record("E(w-h)", error(w - h, w - h, p))
        let central = (error(w + h, w + h, p) - error(w - h, w - h, p)) / (2 * h)
        sheet.derive("central_difference", symbol: .text(plain: "dE/dw (central difference)", latex: "\\frac{dE}{dw}"),
                     .quotient(.difference("E(w+h)", "E(w-h)"), .product([2, "h"])), value: central,
                     note: "Move the one shared weight, both uses at once, by ±h: the slope of E is the sum, not either gradient alone.")
        sheet.record("sum_difference", abs(central - delta * (p["x1"] + p["x2"])))

        sheet.section("update")
        let separate1 = w - eta * delta * p["x1"], separate2 = w - eta * delta * p["x2"]
        sheet.add(TraceTable(title: "One step of gradient descent (η = \(NumberFormat().string(eta)))", columns: ["rule", "w₁ after", "w₂ after", "E after"],
                             rows: [[.text("each by its own gradient"), .number(separate1), .number(separate2), .number(error(separate1, separate2, p))],
                                    [.text("both by the sum"), .number(w - eta * delta * (p["x1"] + p["x2"])), .number(w - eta * delta * (p["x1"] + p["x2"])),
                                     .number(error(w - eta * delta * (p["x1"] + p["x2"]), w - eta * delta * (p["x1"] + p["x2"]), p))],
                                    [.text("both by the average"), .number(w - eta * delta * (p["x1"] + p["x2"]) / 2), .number(w - eta * delta * (p["x1"] + p["x2"]) / 2),
                                     .number(error(w - eta * delta * (p["x1"] + p["x2"]) / 2, w - eta * delta * (p["x1"] + p["x2"]) / 2, p))]]))
        sheet.record("untied_gap", abs(separate1 - separate2))
        sheet.derive("w+", .difference("w1", .product(["eta", .parentheses(.sum([.derivative(of: "E", withRespectTo: "w1"), .derivative(of: "E", withRespectTo: "w2")]))])),
                     value: w - eta * delta * (p["x1"] + p["x2"]),
                     note: "The same Δw for both, so they stay tied. Separate updates would move them apart by η·|∂E/∂w₁ − ∂E/∂w₂| (`untied_gap`).")
        return sheet.trace
    }
}
