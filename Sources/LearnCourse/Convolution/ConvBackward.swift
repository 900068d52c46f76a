import LearnCore
import LearnTensor

/// One backward step through a convolution, small enough to do by hand: a 4 × 4 input, a 3 × 3 kernel
/// (no padding, stride 1) and a 2 × 2 output with targets, E = ½ Σ (y − t)².
///
/// Each kernel weight is used at all four output positions, so its gradient is the sum over them (the
/// Drchal deck's rule for shared weights: for w₁ = w₂ use ∂E/∂w₁ + ∂E/∂w₂):
///
///     ∂E/∂w_{a,b} = Σ_{i,j} δ_{i,j} · x_{i+a−1, j+b−1},    δ_{i,j} = ∂E/∂y_{i,j} = y_{i,j} − t_{i,j}
///
/// computed three ways (written out in `Double`, by the engine's `conv2dBackward` in `Float`, by a
/// central difference of E), then one gradient-descent step. Indices count from 1, as on the slides.
public enum ConvBackward: Derivation {
    public static let name = "conv-backward"
    public static let summary = "Backprop through a 3 × 3 convolution: a shared weight's gradient summed over positions, checked against the engine and a central difference."
    public static let sections = ["forward", "error", "backward", "update"]
    public static let parameters: [Parameter] = [
        .number("eta", 0.1, "learning rate η of the step", in: 0...100),
        .number("h", 1e-4, "step of the central difference", in: 1e-9...0.1),
    ]

    /// A diagonal stroke, in multiples of ½ (exact in Float32 too).
    static let x: [Double] = [0, 0.5, 1, 0.5,
                              0, 1, 1, 0,
                              0.5, 1, 0.5, 0,
                              1, 0.5, 0, 0]
    static let w: [Double] = [0.1, -0.2, 0.3,
                              0.0, 0.4, -0.1,
                              -0.3, 0.2, 0.1]
    static let t: [Double] = [1, 0,
                              0, 1]

    /// The valid 3 × 3 convolution (cross-correlation) of the 4 × 4 input: 2 × 2 outputs, row-major.
    static func forward(_ w: [Double]) -> [Double] {
        (0..<4).map { o in
            let (i, j) = (o / 2, o % 2)
            var sum = 0.0
            for a in 0..<3 { for b in 0..<3 { sum += w[a * 3 + b] * x[(i + a) * 4 + j + b] } }
            return sum
        }
    }

    static func error(_ y: [Double]) -> Double { 0.5 * zip(y, t).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }

    static func grid(_ title: String, _ values: [Double], side: Int) -> TraceTable {
        TraceTable(title: title, columns: [""] + (1...side).map { "column \($0)" },
                   rows: (0..<side).map { r in [.text("row \(r + 1)")] + (0..<side).map { .number(values[r * side + $0]) } })
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let (eta, h) = (p["eta"], p["h"])
        var sheet = Worksheet(inputs: ["eta": eta, "h": h])
        for i in 0..<16 { sheet.record("x_\(i / 4 + 1),\(i % 4 + 1)", x[i]) }
        for k in 0..<9 { sheet.record("w_\(k / 3 + 1),\(k % 3 + 1)", w[k]) }
        for o in 0..<4 { sheet.record("t_\(o / 2 + 1),\(o % 2 + 1)", t[o]) }

        sheet.section("forward")
        sheet.add(grid("The input x (4 × 4)", x, side: 4))
        sheet.add(grid("The kernel w (3 × 3)", w, side: 3))
        let y = forward(w)
        var terms: [Formula] = []
        for a in 1...3 { for b in 1...3 { terms.append(.product([.symbol("w_\(a),\(b)"), .symbol("x_\(a),\(b)")])) } }
        sheet.derive("y_1,1", .sum(terms), value: y[0],
                     note: "The kernel laid on the top-left 3 × 3 patch: nine products. Moved one column right it gives $y_{1,2}$, one row down $y_{2,1}$.")
        for o in 1..<4 { sheet.record("y_\(o / 2 + 1),\(o % 2 + 1)", y[o]) }
        let input = Tensor(shape: [1, 1, 4, 4], scalars: x.map(Float.init))
        let weight = Tensor(shape: [1, 1, 3, 3], scalars: w.map(Float.init))
        let engineY = conv2d(input, weight: weight).scalars.map(Double.init)
        sheet.add(TraceTable(title: "The output y (2 × 2): by hand and by the engine's conv2d (Float32)", columns: ["", "y", "engine"],
                             rows: (0..<4).map { [.text("y_\($0 / 2 + 1),\($0 % 2 + 1)"), .number(y[$0]), .number(engineY[$0])] }))
        sheet.record("output_difference", zip(y, engineY).map { abs($0 - $1) }.max() ?? 0)

        sheet.section("error")
        let E = error(y)
        sheet.derive("E", .product([0.5, .sum((0..<4).map { o in
            .power(.parentheses(.difference(.symbol("y_\(o / 2 + 1),\(o % 2 + 1)"), .symbol("t_\(o / 2 + 1),\(o % 2 + 1)"))), 2)
        })]), value: E, note: "The targets are t = [1 0; 0 1].")

        sheet.section("backward")
        let delta = zip(y, t).map { $0 - $1 }
        for o in 0..<4 { sheet.record("delta_\(o / 2 + 1),\(o % 2 + 1)", delta[o]) }
        sheet.add(grid("δ = ∂E/∂y = y − t", delta, side: 2))
        // ∂E/∂w_{a,b} by the rule: a sum over the four positions where w_{a,b} was used.
        func gradient(_ a: Int, _ b: Int) -> Double {
            (0..<4).reduce(0) { sum, o in sum + delta[o] * x[(o / 2 + a - 1) * 4 + o % 2 + b - 1] }
        }
        func uses(_ a: Int, _ b: Int) -> Formula {
            .sum((0..<4).map { o in
                let (i, j) = (o / 2 + 1, o % 2 + 1)
                return .product([.symbol("delta_\(i),\(j)"), .symbol("x_\(i + a - 1),\(j + b - 1)")])
            })
        }
        sheet.partial("E", "w_1,1", uses(1, 1), value: gradient(1, 1),
                      note: "$w_{1,1}$ multiplied $x_{1,1}$ for $y_{1,1}$, $x_{1,2}$ for $y_{1,2}$, $x_{2,1}$ for $y_{2,1}$ and $x_{2,2}$ for $y_{2,2}$: "
                          + "one weight, four uses, four terms. Treat the four uses as four tied weights and add their gradients (the Drchal deck's rule).")
        sheet.partial("E", "w_2,2", uses(2, 2), value: gradient(2, 2),
                      note: "The centre weight: the same four deltas, with the pixels one row and one column further on.")
        let engine = conv2dBackward(Tensor(shape: [1, 1, 2, 2], scalars: delta.map(Float.init)), input: input, weight: weight)
        var rows: [[TraceTable.Cell]] = []
        var worstEngine = 0.0, worstDifference = 0.0
        var hand: [Double] = []
        for k in 0..<9 {
            let (a, b) = (k / 3 + 1, k % 3 + 1)
            var plus = w, minus = w
            plus[k] += h
            minus[k] -= h
            let central = (error(forward(plus)) - error(forward(minus))) / (2 * h)
            let g = gradient(a, b)
            hand.append(g)
            sheet.record(Formula.derivativeKey("E", "w_\(a),\(b)"), g)
            let e = Double(engine.weight.scalars[k])
            worstEngine = max(worstEngine, abs(e - g))
            worstDifference = max(worstDifference, abs(central - g))
            rows.append([.text("w_\(a),\(b)"), .number(g), .number(e), .number(central)])
        }
        sheet.add(TraceTable(title: "∂E/∂w for all nine weights: the sum over positions, the engine's conv2dBackward, a central difference of E",
                             columns: ["weight", "Σ δ·x", "engine (Float32)", "(E(w+h) − E(w−h))/2h"], rows: rows))
        sheet.record("engine_difference", worstEngine)
        sheet.record("difference_max", worstDifference)
        var plus = w, minus = w
        plus[0] += h
        minus[0] -= h
        sheet.record("E(w+h)", error(forward(plus)))
        sheet.record("E(w-h)", error(forward(minus)))
        sheet.derive("central_difference", symbol: .text(plain: "central difference", latex: "\\text{central difference}"),
                     .quotient(.difference("E(w+h)", "E(w-h)"), .product([2, "h"])), value: (error(forward(plus)) - error(forward(minus))) / (2 * h),
                     note: "Nudge the one shared weight $w_{1,1}$ by ±h (here E(w±h) means E with $w_{1,1} \\pm h$) and watch E: "
                         + "since E is quadratic in each weight, the central difference is exact but for rounding.")
        sheet.note("The input gets a gradient too: $x_{2,2}$ was under $w_{2,2}$ for $y_{1,1}$, $w_{2,1}$ for $y_{1,2}$, $w_{1,2}$ for $y_{2,1}$ and $w_{1,1}$ for $y_{2,2}$.")
        let inputGradient = delta[0] * w[4] + delta[1] * w[3] + delta[2] * w[1] + delta[3] * w[0]
        sheet.partial("E", "x_2,2", .sum([.product(["delta_1,1", "w_2,2"]), .product(["delta_1,2", "w_2,1"]),
                                           .product(["delta_2,1", "w_1,2"]), .product(["delta_2,2", "w_1,1"])]),
                      value: inputGradient, note: "The kernel's weights in reverse order: backpropagating a convolution is a convolution with the flipped kernel.")
        sheet.record("dE/dx_2,2_engine", Double(engine.input?.scalars[5] ?? .nan))

        sheet.section("update")
        let updated = zip(w, hand).map { $0 - eta * $1 }
        sheet.derive("w_1,1+", .difference("w_1,1", .product(["eta", .derivative(of: "E", withRespectTo: "w_1,1")])), value: updated[0])
        sheet.add(grid("The kernel after one step, w − η ∂E/∂w", updated, side: 3))
        let after = error(forward(updated))
        sheet.record("E_after", after)
        sheet.add(TraceTable(title: "E before and after the step (η = \(NumberFormat().string(eta)))", columns: ["", "E"],
                             rows: [[.text("before"), .number(E)], [.text("after"), .number(after)], [.text("change"), .number(after - E)]]))
        sheet.record("E_change", after - E)
        return sheet.trace
    }
}
