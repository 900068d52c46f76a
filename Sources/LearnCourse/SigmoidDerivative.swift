import Foundation
import LearnCore
import LearnScalar

/// The Drchal deck's sigmoid with gain γ, S(s) = 1/(1 + e^(−γs)), and its derivative S'(s) = γ·y·(1 − y):
/// the value at one point three ways (the formula, the engine's backward pass, a central difference),
/// a table for γ = 1 and γ = 2 (S' beside its central difference), the maximum γ/4 at s = 0, and what
/// 0.25 per layer bounds in a deep net: the product of the S' factors, which the weights multiply.
public enum SigmoidDerivative: Derivation {
    public static let name = "sigmoid-derivative"
    public static let summary = "S(s) = 1/(1 + e^(−γs)) and S'(s) = γy(1 − y)."
    public static let sections = ["point", "table", "maximum", "deep"]
    public static let parameters: [Parameter] = [
        .number("s", 1, "inner potential s", in: -50...50),
        .number("gamma", 1, "gain γ", in: 0.01...100),
        .number("h", 1e-5, "step of the central difference", in: 1e-9...0.1),
        .count("layers", 10, "depth for the product of maximal derivatives", in: 1...100),
    ]

    static func sigmoid(_ s: Double, _ gamma: Double) -> Double { 1 / (1 + exp(-gamma * s)) }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let s = p["s"], gamma = p["gamma"], h = p["h"]
        var sheet = Worksheet(inputs: ["s": s, "gamma": gamma, "h": h])

        sheet.section("point")
        let sValue = Value(s, name: "s")
        let y = sValue.sigmoid(gain: gamma).named("y")
        y.backward()
        sheet.derive("y", .quotient(1, .sum([1, .power("e", .negation(.product(["gamma", "s"])))])), value: y.data)
        sheet.derive("dy/ds", symbol: .text(plain: "S'(s)", latex: "S'(s)"), .product(["gamma", "y", .difference(1, "y")]),
                     value: sValue.grad, note: "The value comes from the engine's backward pass through the sigmoid node.")
        let plus = sigmoid(s + h, gamma), minus = sigmoid(s - h, gamma)
        sheet.record("S(s+h)", plus)
        sheet.record("S(s-h)", minus)
        sheet.derive("central_difference", symbol: .text(plain: "S'(s) by a central difference", latex: "S'(s) \\approx"),
                     .quotient(.difference("S(s+h)", "S(s-h)"), .product([2, "h"])), value: (plus - minus) / (2 * h),
                     note: "A central difference, accurate to about h² — it agrees with γy(1 − y) to many digits.")

        sheet.section("table")
        let points: [Double] = [-6, -4, -2, -1, -0.5, 0, 0.5, 1, 2, 4, 6]
        var rows: [[TraceTable.Cell]] = []
        for s in points {
            var row: [TraceTable.Cell] = [.number(s)]
            for g in [1.0, 2.0] {
                let y = sigmoid(s, g)
                let fd = (sigmoid(s + h, g) - sigmoid(s - h, g)) / (2 * h)
                row += [.number(y), .number(g * y * (1 - y)), .number(fd)]
                sheet.record("S(\(NumberFormat().string(s)),\(Int(g)))", y)
                sheet.record("dS/ds(\(NumberFormat().string(s)),\(Int(g)))", g * y * (1 - y))
            }
            rows.append(row)
        }
        let difference = "(S(s+h) − S(s−h))/2h"
        sheet.add(TraceTable(title: "S and S' for γ = 1 and γ = 2: S' by the formula γy(1 − y) and by the central difference (S(s+h) − S(s−h))/2h with h = \(NumberFormat().string(h))",
                             columns: ["s", "S (γ=1)", "γy(1−y)", difference, "S (γ=2)", "γy(1−y)", difference],
                             rows: rows))
        var curves: [TracePlot.Series] = []
        for g in [1.0, 2.0] {
            let pts = stride(from: -6.0, through: 6.0, by: 0.25).map { s -> (x: Double, y: Double) in
                let y = sigmoid(s, g); return (s, g * y * (1 - y))
            }
            curves.append(.init(name: "S' (γ = \(Int(g)))", points: pts))
        }
        sheet.add(TracePlot(title: "S'(s) for γ = 1 and γ = 2", xLabel: "s", yLabel: "S'(s)", series: curves))

        sheet.section("maximum")
        sheet.derive("max_derivative", symbol: .text(plain: "S'(0)", latex: "S'(0)"),
                     .product(["gamma", 0.5, .difference(1, 0.5)]), value: gamma / 4,
                     note: "y(1 − y) is largest where y = ½, that is at s = 0, so S' never exceeds γ/4.")

        sheet.section("deep")
        // Backpropagation through n sigmoid layers multiplies n factors S'(s) ≤ 1/4 (γ = 1) and n weights
        // (the Drchal deck's hidden delta, course file 000 line 470): along a chain of one unit per layer,
        // |∂E/∂s_1| ≤ Π_{m=2}^{n+1}|w_m|·0.25ⁿ·|∂E/∂s_{n+1}|. The S' factors alone shrink it; the weights can undo that.
        let layers = p.count("layers")
        let weightSizes: [Double] = [1, 2, 4, 8]
        var deepRows: [[TraceTable.Cell]] = []
        for n in Set([1, 2, 3, 5, layers]).sorted() {
            deepRows.append([.text(String(n))] + weightSizes.map { .number(pow($0 * 0.25, Double(n))) })
        }
        sheet.add(TraceTable(title: "Bounds through n sigmoid layers (γ = 1): the product of the n factors S' ≤ 0.25, times n weights of size |w|",
                             columns: ["layers n", "0.25ⁿ (|w| = 1)", "(2·0.25)ⁿ", "(4·0.25)ⁿ", "(8·0.25)ⁿ"], rows: deepRows))
        sheet.derive("product_layers", symbol: .text(plain: "0.25^n", latex: "0.25^{n}"),
                     .power(0.25, .number(Double(layers))), value: pow(0.25, Double(layers)),
                     note: "The largest the product of \(layers) sigmoid derivatives can be: a bound on the S' factors of the backward pass, not yet on the gradient.")
        sheet.derive("bound_w8", symbol: .text(plain: "(8·0.25)^n", latex: "(8 \\cdot 0.25)^{n}"),
                     .power(.parentheses(.product([8, 0.25])), .number(Double(layers))), value: pow(2, Double(layers)),
                     note: "With weights of size 8 on the path the same bound is \(NumberFormat().string(pow(2, Double(layers)))): the bound no longer says the gradient vanishes (it allows it to grow); large weights also drive s away from 0, where S' is far below 0.25.")
        return sheet.trace
    }
}
