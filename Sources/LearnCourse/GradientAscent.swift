import LearnCore

/// Gradient ascent, the Week 10 deck's x_{t+1} = x_t + η∇f(x_t) for maximizing f, on the concave
/// f(x) = 4x − x² (maximum f(2) = 4, f′(x) = 4 − 2x). Each step is also gradient descent on −f (the same
/// numbers), while descending f itself (x ← x − η f′) walks away from the maximum. With η < 1 the distance
/// to the maximum shrinks by the factor |1 − 2η| each step.
public enum GradientAscent: Derivation {
    public static let name = "gradient-ascent"
    public static let summary = "Maximizing f(x) = 4x − x² by x ← x + η f′(x): every step, the same as descent on −f, and the wrong sign walking away."
    public static let sections = ["ascent", "compare"]
    public static let parameters: [Parameter] = [
        .number("x0", 0, "starting point x₀", in: -100...100),
        .number("eta", 0.25, "learning rate η", in: 0...2),
        .count("steps", 6, "steps taken", in: 1...50),
    ]

    static func f(_ x: Double) -> Double { 4 * x - x * x }
    static func slope(_ x: Double) -> Double { 4 - 2 * x }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let eta = p["eta"], steps = p.count("steps")
        var sheet = Worksheet(inputs: ["eta": eta])
        sheet.section("ascent")
        var x = p["x0"]
        sheet.record("x_0", x)
        sheet.record("f_0", f(x))
        var ascent = [x], downhillOnMinusF = [x], wrongWay = [x]
        for t in 1...steps {
            let g = slope(x)
            sheet.derive("g_\(t)", symbol: .text(plain: "f′(x_\(t - 1))", latex: "f'(x_{\(t - 1)})"),
                         .difference(4, .product([2, .symbol("x_\(t - 1)")])), value: g)
            let next = x + eta * g
            sheet.derive("x_\(t)", .sum([.symbol("x_\(t - 1)"), .product([.symbol("eta"), .symbol("g_\(t)")])]), value: next)
            sheet.derive("f_\(t)", .difference(.product([4, .symbol("x_\(t)")]), .power(.symbol("x_\(t)"), 2)), value: f(next))
            x = next
            ascent.append(x)
            // Descent on −f: x ← x − η·(−f′(x)), step by step in its own arithmetic.
            let d = downhillOnMinusF.last!
            downhillOnMinusF.append(d - eta * -slope(d))
            let w = wrongWay.last!
            wrongWay.append(w - eta * slope(w))
        }
        sheet.record("x_last", x)
        sheet.record("f_last", f(x))
        sheet.section("compare")
        sheet.add(TraceTable(title: "Ascent on f, descent on −f, and descent on f (the wrong sign), η = \(NumberFormat().string(eta))",
                             columns: ["t", "ascent x_t", "f(x_t)", "descent on −f", "descent on f", "f there"],
                             rows: (0...steps).map { t in
                                 [.text(String(t)), .number(ascent[t]), .number(f(ascent[t])), .number(downhillOnMinusF[t]),
                                  .number(wrongWay[t]), .number(f(wrongWay[t]))]
                             }))
        let same = zip(ascent, downhillOnMinusF).allSatisfy { $0 == $1 }
        sheet.record("same_path", same ? 1 : 0)
        sheet.record("wrong_last", wrongWay.last!)
        sheet.record("wrong_f_last", f(wrongWay.last!))
        sheet.note("Ascent on f and descent on −f give the same numbers at every step (\(same ? "identical" : "not identical") here); descending f instead moves x away from the maximum x = 2.")
        return sheet.trace
    }
}
