import Foundation
import LearnCore
import LearnScalar

/// The activation table of the intuitive deck (course file 003): identity, binary step, logistic σ, tanh,
/// arctan, ReLU, leaky ReLU, PReLU, randomized ReLU, ELU and SoftPlus, each with the deck's derivative
/// formula, evaluated at a point and on a grid and checked against the central difference
/// (f(x + h) − f(x − h))/2h; the kinks at 0 where no derivative exists; tanh(x) = 2σ(2x) − 1; saturation
/// of σ' and tanh'; a dead ReLU neuron (zero gradient) against a leaky one; randomized ReLU's slopes.
public enum ActivationFunctions: Derivation {
    public static let name = "activation-functions"
    public static let summary = "The intuitive deck's activation table (identity, binary step, logistic, tanh, arctan, ReLU, leaky ReLU, PReLU, randomized ReLU, ELU, SoftPlus): value and derivative at x, each against a central difference; tables and plots; kinks at 0; tanh(x) = 2σ(2x) − 1; saturation; a dead ReLU neuron against a leaky one; randomized ReLU's draws."
    public static let sections = ["linear", "sigmoidal", "rectifiers", "table", "kinks", "tanh-sigmoid", "saturation", "dead-relu", "randomized"]
    public static let parameters: [Parameter] = [
        .number("x", -1, "the point x where every function and derivative is worked out", in: -50...50),
        .number("alpha", 0.25, "PReLU's slope α for x < 0 (learned in practice; 0.25 is He et al.'s start)", in: -10...10),
        .number("alpha_elu", 1, "ELU's α", in: 0...10),
        .number("leak", 0.01, "leaky ReLU's slope for x < 0 (the deck: 0.01)", in: 0...1),
        .number("lower", 0.125, "randomized ReLU: lowest slope drawn", in: 0...1),
        .number("upper", 1.0 / 3, "randomized ReLU: highest slope drawn", in: 0...1),
        .count("seed", 1, "seed of randomized ReLU's draws", in: 0...1_000_000),
        .number("h", 1e-5, "step of the central difference", in: 1e-9...0.1),
        .number("bias", -2, "bias of the ReLU neuron in the dead-ReLU example", in: -100...100),
        .number("eta", 0.5, "learning rate of the dead-ReLU example", in: 0.001...10),
    ]

    /// One row of the deck's table: the function, its derivative, and both as formulas at a given x.
    struct Function {
        let name: String
        let title: String
        let f: (Double) -> Double
        /// The derivative; at a kink (x = 0) the deck's convention (the step's "?" is NaN).
        let df: (Double) -> Double
        /// f as a formula of the symbol `x` (the branch that holds at x).
        let formula: (Double) -> Formula
        /// f' as the deck writes it (may use the function's own value, by its name).
        let derivative: (Double) -> Formula
        /// Whether f or f' jumps at 0.
        let kinkAtZero: Bool
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    static func functions(_ p: Parameters) -> [Function] {
        let (alpha, alphaELU, leak) = (p["alpha"], p["alpha_elu"], p["leak"])
        let aTest = (p["lower"] + p["upper"]) / 2
        let e: Formula = "e"
        func piecewise(_ negative: Formula, _ positive: Formula) -> (Double) -> Formula { { $0 < 0 ? negative : positive } }
        /// A constant branch, said with its condition: `0 for x < 0`.
        func branch(_ value: Int, _ plain: String, _ latex: String) -> Formula {
            .text(plain: "\(value) for \(plain)", latex: "\(value) \\text{ for } \(latex)")
        }
        let negative0 = branch(0, "x < 0", "x < 0"), positive1 = branch(1, "x ≥ 0", "x \\ge 0")
        return [
            Function(name: "identity", title: "identity", f: { $0 }, df: { _ in 1 },
                     formula: { _ in "x" }, derivative: { _ in .text(plain: "1 for every x", latex: "1 \\text{ for every } x") }, kinkAtZero: false),
            Function(name: "step", title: "binary step", f: { $0 >= 0 ? 1 : 0 }, df: { $0 == 0 ? .nan : 0 },
                     formula: { $0 < 0 ? negative0 : branch(1, "x ≥ 0", "x \\ge 0") },
                     derivative: { $0 == 0 ? .text(plain: "? at x = 0", latex: "?\\text{ at } x = 0") : branch(0, "x ≠ 0", "x \\ne 0") }, kinkAtZero: true),
            Function(name: "sigma", title: "logistic σ", f: sigmoid, df: { sigmoid($0) * (1 - sigmoid($0)) },
                     formula: { _ in .quotient(1, .sum([1, .power(e, .negation("x"))])) },
                     derivative: { _ in .product(["sigma", .difference(1, "sigma")]) }, kinkAtZero: false),
            Function(name: "tanh", title: "tanh", f: { Foundation.tanh($0) }, df: { 1 - Foundation.tanh($0) * Foundation.tanh($0) },
                     formula: { _ in .difference(.quotient(2, .sum([1, .power(e, .negation(.product([2, "x"])))])), 1) },
                     derivative: { _ in .difference(1, .power("tanh", 2)) }, kinkAtZero: false),
            Function(name: "arctan", title: "arctan", f: { atan($0) }, df: { 1 / ($0 * $0 + 1) },
                     formula: { _ in .function("arctan", ["x"]) },
                     derivative: { _ in .quotient(1, .sum([.power("x", 2), 1])) }, kinkAtZero: false),
            Function(name: "ReLU", title: "ReLU", f: { max(0, $0) }, df: { $0 >= 0 ? 1 : 0 },
                     formula: { _ in .function("max", [0, "x"]) }, derivative: piecewise(negative0, positive1), kinkAtZero: true),
            Function(name: "leaky", title: "leaky ReLU", f: { $0 < 0 ? leak * $0 : $0 }, df: { $0 < 0 ? leak : 1 },
                     formula: piecewise(.product(["leak", "x"]), "x"), derivative: piecewise("leak", positive1), kinkAtZero: true),
            Function(name: "PReLU", title: "PReLU", f: { $0 < 0 ? alpha * $0 : $0 }, df: { $0 < 0 ? alpha : 1 },
                     formula: piecewise(.product(["alpha", "x"]), "x"), derivative: piecewise("alpha", positive1), kinkAtZero: true),
            Function(name: "RReLU", title: "RReLU (test)", f: { $0 < 0 ? aTest * $0 : $0 }, df: { $0 < 0 ? aTest : 1 },
                     formula: piecewise(.product(["a_test", "x"]), "x"), derivative: piecewise("a_test", positive1), kinkAtZero: true),
            Function(name: "ELU", title: "ELU", f: { $0 < 0 ? alphaELU * (exp($0) - 1) : $0 }, df: { $0 < 0 ? alphaELU * exp($0) : 1 },
                     formula: piecewise(.product(["alpha_elu", .difference(.power(e, "x"), 1)]), "x"),
                     derivative: piecewise(.sum(["ELU", "alpha_elu"]), positive1), kinkAtZero: alphaELU != 1),
            Function(name: "softplus", title: "SoftPlus", f: { log1p(exp($0)) }, df: sigmoid,
                     formula: { _ in .function("ln", [.sum([1, .power(e, "x")])]) },
                     derivative: { _ in .quotient(1, .sum([1, .power(e, .negation("x"))])) }, kinkAtZero: false),
        ]
    }

    static func central(_ f: (Double) -> Double, _ x: Double, _ h: Double) -> Double { (f(x + h) - f(x - h)) / (2 * h) }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let (x, h) = (p["x"], p["h"])
        guard p["lower"] <= p["upper"] else {
            throw .invalid("randomized ReLU needs lower ≤ upper (lower is \(NumberFormat().string(p["lower"])), upper is \(NumberFormat().string(p["upper"])))")
        }
        let aTest = (p["lower"] + p["upper"]) / 2
        var sheet = Worksheet(inputs: ["x": x, "h": h, "alpha": p["alpha"], "alpha_elu": p["alpha_elu"], "leak": p["leak"],
                                        "lower": p["lower"], "upper": p["upper"]])
        let all = functions(p)
        func named(_ n: String) -> Function { all.first { $0.name == n }! }

        for (section, members) in [("linear", ["identity", "step"]), ("sigmoidal", ["sigma", "tanh", "arctan"]),
                                   ("rectifiers", ["ReLU", "leaky", "PReLU", "RReLU", "ELU", "softplus"])] {
            sheet.section(section)
            if section == "rectifiers" {
                sheet.derive("a_test", .quotient(.sum(["lower", "upper"]), 2), value: aTest,
                             note: "Randomized ReLU's fixed slope at test time: the mean of the slopes it draws in training.")
            }
            var rows: [[TraceTable.Cell]] = []
            for name in members {
                let fn = named(name)
                let symbol = Formula.function(name == "sigma" ? "σ" : name, ["x"])
                // arctan(x) = arctan(x) says nothing: there the formula starts from the numbers.
                let formula = fn.formula(x) == symbol ? Formula.function(name, [.number(x)]) : fn.formula(x)
                sheet.derive(name, symbol: symbol, formula, value: fn.f(x))
                let d = fn.df(x)
                sheet.partial(name, "x", fn.derivative(x), value: d,
                              note: fn.kinkAtZero && x == 0 ? "x = 0 is a kink: the derivative does not exist there; this is the deck's convention (see the kinks below)." : nil)
                let c = central(fn.f, x, h)
                sheet.record("central_\(name)", c)
                if d.isFinite {
                    rows.append([.text(fn.title), .number(d), .number(c), .number(abs(d - c))])
                } else {
                    // The binary step at x = 0: a jump, so no slope at all (the central difference is 1/2h).
                    sheet.mark(Formula.derivativeKey(name, "x"), .undefined("\(fn.title) jumps at x = 0, so it has no derivative there (its central difference is 1/2h, which grows without bound as h shrinks)"))
                    rows.append([.text(fn.title), .text("undefined"), .number(c), .text("")])
                }
            }
            sheet.add(TraceTable(title: "f'(x) by the deck's formula against the central difference (f(x+h) − f(x−h))/2h at x = \(NumberFormat().string(x))",
                                 columns: ["function", "f'(x)", "central difference", "|difference|"], rows: rows))
            let range: ClosedRange<Double> = section == "rectifiers" ? -3...3 : -4...4
            let grid = stride(from: range.lowerBound, through: range.upperBound, by: 0.1).map { $0 }
            let plotted = members.filter { $0 != "RReLU" }
            sheet.add(TracePlot(title: "f(x): " + plotted.map { named($0).title }.joined(separator: ", "), xLabel: "x", yLabel: "f(x)",
                                series: plotted.map { n in .init(name: named(n).title, points: grid.map { (x: $0, y: named(n).f($0)) }) }))
        }

        sheet.section("table")
        let points: [Double] = [-2, -0.5, 0.5, 2]
        let fmt = NumberFormat()
        sheet.add(TraceTable(title: "f(x) at chosen points", columns: ["function"] + points.map { "x = \(fmt.string($0))" },
                             rows: all.map { fn in [.text(fn.title)] + points.map { .number(fn.f($0)) } }))
        sheet.add(TraceTable(title: "f'(x) at the same points, by the deck's formulas", columns: ["function"] + points.map { "x = \(fmt.string($0))" },
                             rows: all.map { fn in [.text(fn.title)] + points.map { .number(fn.df($0)) } }))
        // Every derivative against the central difference on a grid that keeps h away from the kinks.
        let grid = stride(from: -5.0, through: 5.0, by: 0.05).map { ($0 * 100).rounded() / 100 }.filter { abs($0) > 2 * h }
        var worst = 0.0
        var errorRows: [[TraceTable.Cell]] = []
        for fn in all {
            let error = grid.map { abs(fn.df($0) - central(fn.f, $0, h)) }.max() ?? 0
            sheet.record("max_error_\(fn.name)", error)
            worst = max(worst, error)
            errorRows.append([.text(fn.title), .number(error)])
        }
        sheet.add(TraceTable(title: "Largest |f'(x) − central difference| over x = −5, −4.95, …, 5 (x = 0 left out)",
                             columns: ["function", "largest |difference|"], rows: errorRows))
        sheet.record("max_error", worst)

        sheet.section("kinks")
        var kinkRows: [[TraceTable.Cell]] = []
        for fn in all where fn.kinkAtZero {
            let left = (fn.f(0) - fn.f(-h)) / h, right = (fn.f(h) - fn.f(0)) / h, c = central(fn.f, 0, h)
            sheet.record("left_\(fn.name)(0)", left)
            sheet.record("right_\(fn.name)(0)", right)
            sheet.record("central_\(fn.name)(0)", c)
            let deck: TraceTable.Cell = fn.df(0).isNaN ? .text("?") : .number(fn.df(0))
            kinkRows.append([.text(fn.title), .number(left), .number(right), .number(c), deck])
        }
        sheet.add(TraceTable(title: "At x = 0: the slopes (f(0) − f(−h))/h from the left and (f(h) − f(0))/h from the right, the central difference, and the deck's f'(0)",
                             columns: ["function", "left", "right", "central", "deck f'(0)"], rows: kinkRows))

        sheet.section("tanh-sigmoid")
        sheet.derive("tanh_via_sigma", symbol: .text(plain: "2σ(2x) − 1", latex: "2\\sigma(2x) - 1"),
                     .difference(.product([2, .function("σ", [.product([2, "x"])])]), 1), value: 2 * sigmoid(2 * x) - 1,
                     note: "The deck's identity, at x: the same number as tanh(x).")
        sheet.derive("tanh_identity_gap", symbol: .text(plain: "|tanh(x) − (2σ(2x) − 1)|", latex: "\\left|\\tanh(x) - (2\\sigma(2x) - 1)\\right|"),
                     .function("abs", [.difference(.function("tanh", ["x"]), .parentheses(.difference(.product([2, .function("σ", [.product([2, "x"])])]), 1)))]), value: abs(Foundation.tanh(x) - (2 * sigmoid(2 * x) - 1)))
        let identityGrid = stride(from: -10.0, through: 10.0, by: 0.01)
        sheet.record("tanh_identity_error", identityGrid.map { abs(Foundation.tanh($0) - (2 * sigmoid(2 * $0) - 1)) }.max() ?? 0)
        sheet.derive("dtanh/dx(0)", symbol: .text(plain: "tanh'(0)", latex: "\\tanh'(0)"), .product([4, .text(plain: "σ'(0)", latex: "\\sigma'(0)")]),
                     value: 1 - Foundation.tanh(0) * Foundation.tanh(0), note: "Differentiating the identity: tanh'(x) = 4σ'(2x), so at 0 it is 4 · 0.25 = 1.")
        sheet.record("dsigma/dx(0)", 0.25)

        sheet.section("saturation")
        var satRows: [[TraceTable.Cell]] = []
        for s in [0.0, 1, 2, 5, 10, 20] {
            let ds = sigmoid(s) * (1 - sigmoid(s)), dt = 1 - Foundation.tanh(s) * Foundation.tanh(s)
            let key = fmt.string(s)
            sheet.record("dsigma/dx(\(key))", ds)
            sheet.record("dtanh/dx(\(key))", dt)
            sheet.record("darctan/dx(\(key))", 1 / (s * s + 1))
            satRows.append([.number(s), .number(sigmoid(s)), .number(ds), .number(dt), .number(1 / (s * s + 1)), .number(1)])
        }
        sheet.add(TraceTable(title: "Saturation: the derivatives far from 0 (all four are even or constant, so −x gives the same)",
                             columns: ["x", "σ(x)", "σ'(x)", "tanh'(x)", "arctan'(x)", "ReLU'(x)"], rows: satRows))
        let far = stride(from: 0.0, through: 20.0, by: 0.25).map { $0 }
        sheet.add(TracePlot(title: "σ', tanh', arctan' and ReLU' for x ≥ 0 (log scale)", xLabel: "x", yLabel: "f'(x)", series: [
            .init(name: "σ'", points: far.map { (x: $0, y: sigmoid($0) * (1 - sigmoid($0))) }),
            .init(name: "tanh'", points: far.map { (x: $0, y: 1 - Foundation.tanh($0) * Foundation.tanh($0)) }),
            .init(name: "arctan'", points: far.map { (x: $0, y: 1 / ($0 * $0 + 1)) }),
            .init(name: "ReLU'", points: far.map { (x: $0, y: 1) }),
        ], logY: true))

        deadReLU(&sheet, p)

        sheet.section("randomized")
        var rng = SplitMix64(seed: UInt64(p.count("seed")))
        var drawRows: [[TraceTable.Cell]] = []
        for k in 1...5 {
            let a = rng.uniform(p["lower"], p["upper"])
            sheet.record("a_\(k)", a)
            drawRows.append([.text(String(k)), .number(a), .number(x < 0 ? a * x : x)])
        }
        sheet.add(TraceTable(title: "Randomized ReLU in training: a new slope a ~ U(lower, upper) at every pass, here at x = \(fmt.string(x))",
                             columns: ["pass", "slope a", "f(x)"], rows: drawRows))
        var sum = 0.0
        for _ in 0..<10_000 { sum += rng.uniform(p["lower"], p["upper"]) }
        sheet.record("mean_of_draws", sum / 10_000)
        sheet.note("The mean of 10,000 further draws is \(fmt.string(sum / 10_000)); at test time randomized ReLU uses the mean slope a_test = \(fmt.string(aTest)).")
        return sheet.trace
    }

    /// A ReLU neuron whose bias puts every sample's net input below 0 gets no gradient at all; the same
    /// neuron with a leaky ReLU does, and gradient descent brings it back.
    static func deadReLU(_ sheet: inout Worksheet, _ p: Parameters) {
        sheet.section("dead-relu")
        let samples: [(Double, Double, Double)] = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 1)]
        let leak = p["leak"]
        func loss(_ w: [Value], _ b: Value, leaky: Bool) -> (total: Value, nets: [Double]) {
            var terms: [Value] = [], nets: [Double] = []
            for (x1, x2, t) in samples {
                let z = w[0] * x1 + w[1] * x2 + b
                nets.append(z.data)
                let y = leaky ? z.relu() - leak * (-z).relu() : z.relu()
                terms.append(0.5 * (t - y).pow(2))
            }
            return (Value.sum(terms), nets)
        }
        for leaky in [false, true] {
            let tag = leaky ? "leaky" : "relu"
            let w = [Value(0.5, name: "w1"), Value(0.5, name: "w2")], b = Value(p["bias"], name: "b")
            let (e, nets) = loss(w, b, leaky: leaky)
            let dead = !nets.contains { $0 > 0 }
            e.backward()
            if !leaky {
                sheet.add(TraceTable(title: "A ReLU neuron y = ReLU(w1·x1 + w2·x2 + b), w1 = w2 = 0.5, b = \(NumberFormat().string(p["bias"])), on the OR samples",
                                     columns: ["x1", "x2", "target", "z", "y = ReLU(z)"],
                                     rows: zip(samples, nets).map { s, z in [.number(s.0), .number(s.1), .number(s.2), .number(z), .number(max(0, z))] }))
                sheet.record("alive_samples", Double(nets.filter { $0 > 0 }.count))
            }
            sheet.derive("E_\(tag)", symbol: .text(plain: "E (\(leaky ? "leaky ReLU" : "ReLU"))", latex: "E_{\\text{\(leaky ? "leaky" : "ReLU")}}"),
                         .text(plain: "Σ ½(target − y)²", latex: "\\sum \\tfrac{1}{2}(\\text{target} - y)^{2}"), value: e.data,
                         note: "Summed over the four samples.")
            for (v, n) in [(w[0], "w1"), (w[1], "w2"), (b, "b")] {
                sheet.derive("dE_\(tag)/d\(n)", symbol: .text(plain: "∂E/∂\(n) (\(leaky ? "leaky" : "ReLU"))",
                                                              latex: "\\frac{\\partial E_{\\text{\(leaky ? "leaky" : "ReLU")}}}{\\partial \(Symbol.latex(n))}"),
                             .text(plain: "Σ −(target − y)·f'(z)·\(n == "b" ? "1" : "x" + n.dropFirst())",
                                   latex: "\\sum -(\\text{target} - y) \\cdot f'(z) \\cdot \(n == "b" ? "1" : "x_{" + n.dropFirst() + "}")"),
                             value: v.grad, note: n == "b" ? (leaky ? "The leak lets a little gradient through: the bias can rise." : dead ? "Every z < 0, so ReLU'(z) = 0 for every sample: no gradient, no update, ever." : "Some z > 0: those samples carry a gradient, and the neuron is alive.") : nil)
            }
        }
        // Gradient descent on the leaky neuron until a sample's net input is positive again.
        let w = [Value(0.5), Value(0.5)], b = Value(p["bias"])
        var steps = 0
        var nets = loss(w, b, leaky: true).nets
        while !nets.contains(where: { $0 > 0 }) && steps < 10_000 {
            let e = loss(w, b, leaky: true).total
            e.backward()
            for v in w + [b] { v.data -= p["eta"] * v.grad; v.grad = 0 }
            steps += 1
            nets = loss(w, b, leaky: true).nets
        }
        sheet.record("revive_steps", Double(steps))
        sheet.note(steps == 0 ? "Some sample's net input is already positive: this neuron is alive, and gradient descent needs no rescue."
            : nets.contains(where: { $0 > 0 })
            ? "Gradient descent with η = \(NumberFormat().string(p["eta"])) on the leaky neuron: after \(steps) steps a sample's net input is positive again (the ReLU neuron would never move)."
            : "Gradient descent with η = \(NumberFormat().string(p["eta"])) on the leaky neuron: no sample's net input became positive in 10,000 steps.")
    }
}
