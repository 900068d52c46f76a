import LearnCore
import LearnScalar

/// The Drchal deck's "Other Methods" beside plain BP: gradient descent, momentum, RPROP (iRprop⁻, full
/// batch), QuickProp and Levenberg–Marquardt on one small problem, the 2-2-2 network of the backprop
/// lesson (one sample, so every epoch is a full batch; biases frozen, as there), each from the same
/// weights. The first steps of each are traced for w5; then the epochs each needs to bring E_total down
/// to a target, the error after given epochs, and the error curves on a log scale.
///
/// An epoch is one gradient (for LM: one Jacobian); LM may solve its system more than once in an epoch
/// when a step is refused, and the trace counts those tries.
public enum Optimizers: Derivation {
    public static let name = "optimizers"
    public static let summary = "Gradient descent, momentum, RPROP (iRprop⁻), QuickProp and Levenberg–Marquardt on the 2-2-2 network from the same start: the first steps of w5 by hand (and QuickProp's quadratic step for w1 at epoch 4), LM's Jacobian and first step, epochs until E_total ≤ target, error curves on a log scale."
    public static let sections = ["first-steps", "race", "curves"]
    public static let parameters: [Parameter] = [
        .count("epochs", 2000, "most epochs each method gets", in: 2...20_000),
        .number("target", 0.001, "the E_total a method must reach", in: 1e-12...1),
        .number("eta", 0.5, "learning rate η of gradient descent and momentum, ε of QuickProp", in: 1e-6...100),
        .number("alpha", 0.9, "momentum constant α", in: 0...0.999),
        .number("delta0", 0.1, "first RPROP step Δ0", in: 1e-6...50),
        .number("growth", 1.75, "QuickProp's maximum growth factor μ", in: 0.1...100),
        .number("damping", 0.01, "Levenberg–Marquardt's first damping μ", in: 1e-9...1e9),
        .count("plot", 60, "epochs drawn in the curves", in: 2...20_000),
    ]

    /// The methods, in the order of the tables.
    enum Method: String, CaseIterable {
        case gd, momentum, rprop, quickprop, lm
        var title: String {
            switch self {
            case .gd: return "gradient descent"
            case .momentum: return "momentum"
            case .rprop: return "RPROP (iRprop⁻)"
            case .quickprop: return "QuickProp"
            case .lm: return "Levenberg–Marquardt"
            }
        }
    }

    /// Below this E_total a run stops: the error is at rounding level and nothing more is to be seen.
    static let floor = 1e-20

    /// The 2-2-2 problem with settable weights: E_total, its gradient, and the Jacobian of the residuals
    /// rₖ = out_ok − target_ok (E_total = ½Σrₖ²), all from the scalar engine.
    struct Problem {
        let p = Parameters(Backprop.parameters)
        let net: Network
        init() { net = Backprop.network(p, biases: "frozen") }
        var weights: [Double] {
            get { net.parameters.map(\.data) }
            nonmutating set { for (v, x) in zip(net.parameters, newValue) { v.data = x } }
        }
        func error() -> Double { Backprop.forward(net, p).total.data }
        func error(at w: [Double]) -> Double {
            let saved = weights
            weights = w
            defer { weights = saved }
            return error()
        }
        func gradient() -> (error: Double, gradient: [Double]) {
            let pass = Backprop.forward(net, p)
            pass.total.backward()
            return (pass.total.data, net.parameters.map(\.grad))
        }
        func jacobian() -> (jacobian: [[Double]], residuals: [Double]) {
            let pass = Backprop.forward(net, p)
            var rows: [[Double]] = []
            for out in pass.output.outs {
                // `backward()` resets only the values it reaches: w7, w8 are not behind out_o1.
                for w in net.parameters { w.grad = 0 }
                out.backward()
                rows.append(net.parameters.map(\.grad))
            }
            return (rows, zip(pass.output.outs, ["target_o1", "target_o2"]).map { $0.data - p[$1] })
        }
    }

    /// What one method did: E_total before each epoch (index 0: the start), and its first changes.
    struct Run {
        var errors: [Double] = []
        var changes: [[Double]] = []
        var gradients: [[Double]] = []
        var lmSteps: [LevenbergMarquardt.Step] = []
        var lmJacobian: (jacobian: [[Double]], residuals: [Double])?
    }

    static func race(_ method: Method, _ p: Parameters) -> Run {
        let problem = Problem(), n = problem.weights.count, epochs = p.count("epochs")
        var run = Run()
        var velocity = Array(repeating: 0.0, count: n)
        var rprop = Rprop(count: n, variant: .iRpropMinus, initialStep: p["delta0"])
        var quick = QuickProp(count: n, learningRate: p["eta"], maximumGrowth: p["growth"])
        var lm = LevenbergMarquardt(damping: p["damping"])
        for epoch in 0...epochs {
            let (error, g) = problem.gradient()
            run.errors.append(error)
            if epoch == epochs || error < floor { break }
            let change: [Double]
            switch method {
            case .gd: change = g.map { -p["eta"] * $0 }
            case .momentum:
                velocity = zip(velocity, g).map { p["alpha"] * $0 - p["eta"] * $1 }
                change = velocity
            case .rprop: change = rprop.changes(gradients: g, error: error)
            case .quickprop: change = quick.changes(gradients: g)
            case .lm:
                let jr = problem.jacobian()
                if run.lmJacobian == nil { run.lmJacobian = jr }
                let step = lm.step(weights: problem.weights, jacobian: jr.jacobian, residuals: jr.residuals,
                                   error: problem.error(at:))
                run.lmSteps.append(step)
                change = step.change
            }
            if run.changes.count < 4 { run.changes.append(change); run.gradients.append(g) }
            problem.weights = zip(problem.weights, change).map { $0 + $1 }
        }
        return run
    }

    /// QuickProp's change of weight `weight` (0-based) in epoch `epoch` (from 2), traced from the slopes.
    static func quickPropStep(_ sheet: inout Worksheet, _ run: Run, weight i: Int, epoch t: Int, _ p: Parameters) {
        guard run.changes.count >= t else { return }
        let w = "\(i + 1)"
        let s = run.gradients[t - 1][i], previous = run.gradients[t - 2][i], last = run.changes[t - 2][i]
        let (sName, previousName, lastName) = ("S_\(w)(\(t))", "S_\(w)(\(t - 1))", "Δw_\(w)(\(t - 1))")
        sheet.record(sName, s)
        sheet.record(previousName, previous)
        sheet.record(lastName, last)
        let key = "f_\(w)(\(t))"
        let f = QuickProp(count: 0, learningRate: p["eta"], maximumGrowth: p["growth"]).factor(slope: s, previous: previous)
        let quadratic = s / (previous - s)
        if f == quadratic {
            sheet.derive(key, .quotient(.symbol(sName), .difference(.symbol(previousName), .symbol(sName))), value: f,
                         note: "The slopes $S = \\partial E/\\partial w_\(w)$ of epochs \(t - 1) and \(t) fix a parabola in $w_\(w)$; its minimum lies $f$ times the last change away"
                             + (s * previous < 0 ? ". The slope changed sign, so the minimum lies between the two points: $f$ is negative, a step back." : "."))
        } else {
            sheet.record("quickprop_quadratic\(w)_\(t)", quadratic)
            sheet.derive(key, "mu", value: f,
                         note: "The parabola through $S_\(w)(\(t - 1)) = \(NumberFormat().string(previous))$ and $S_\(w)(\(t)) = \(NumberFormat().string(s))$ would call for "
                             + (s * previous > 0 && abs(s) >= abs(previous) ? "no minimum ahead at all (the slope grew steeper)" : "$f = S(t)/(S(t-1) - S(t)) = \(NumberFormat().string(quadratic))$")
                             + ": the maximum growth factor μ bounds the step.")
        }
        let terms: [Formula] = s * previous > 0 ? [.product([.symbol(key), .symbol(lastName)]), .negation(.product(["eta", .symbol(sName)]))]
                                                : [.product([.symbol(key), .symbol(lastName)])]
        sheet.derive("quickprop_dw\(w)_\(t)", symbol: .text(plain: "Δw\(w)(\(t)) QuickProp", latex: "\\Delta w_{\(w)}(\(t))\\ \\text{QuickProp}"),
                     .sum(terms), value: run.changes[t - 1][i],
                     note: s * previous > 0 ? "The slope kept its sign, so the minimum is still ahead: Fahlman adds the gradient step $-\\varepsilon S$ to the quadratic one (ε = η here)."
                                            : "The slope changed sign: the quadratic step alone, back towards the parabola's minimum.")
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let runs = Method.allCases.map { race($0, p) }
        let byMethod = Dictionary(uniqueKeysWithValues: zip(Method.allCases, runs))
        var sheet = Worksheet(inputs: ["eta": p["eta"], "alpha": p["alpha"], "Delta0": p["delta0"], "mu": p["growth"]])
        let w5 = 4   // w5 is the fifth weight: w1…w4 into the hidden layer, then w5…w8.

        sheet.section("first-steps")
        sheet.record("E_0", runs[0].errors[0])
        let gd = byMethod[.gd]!
        sheet.record("g_5(1)", gd.gradients[0][w5])
        sheet.derive("gd_dw5_1", symbol: .text(plain: "Δw5(1)", latex: "\\Delta w_{5}(1)"),
                     .negation(.product(["eta", "g_5(1)"])), value: gd.changes[0][w5],
                     note: "Plain BP: a step against the gradient $g = \\partial E/\\partial w$, here for $w_5$ at the start. "
                         + "Momentum and QuickProp make the same first change: neither has an earlier one to build on.")
        sheet.record("Δw_5(1)", gd.changes[0][w5])

        let momentum = byMethod[.momentum]!
        sheet.record("g_5(2)", momentum.gradients[1][w5])
        sheet.derive("momentum_dw5_2", symbol: .text(plain: "Δw5(2) with momentum", latex: "\\Delta w_{5}(2)\\ \\text{with momentum}"),
                     .sum([.negation(.product(["eta", "g_5(2)"])), .product(["alpha", "Δw_5(1)"])]),
                     value: momentum.changes[1][w5],
                     note: "Momentum, $\\Delta w(t) = -\\eta\\, g(t) + \\alpha\\, \\Delta w(t-1)$: the second change adds α times the first.")

        let rprop = byMethod[.rprop]!
        sheet.derive("rprop_dw5_1", symbol: .text(plain: "Δw5(1) RPROP", latex: "\\Delta w_{5}(1)\\ \\text{RPROP}"),
                     .negation(.product([.function("sign", ["g_5(1)"]), "Delta0"])), value: rprop.changes[0][w5],
                     note: "RPROP: only the sign of the gradient, times the first step size $\\Delta_0$.")

        let quick = byMethod[.quickprop]!
        quickPropStep(&sheet, quick, weight: w5, epoch: 2, p)
        if quick.changes.count >= 4 { quickPropStep(&sheet, quick, weight: 0, epoch: 4, p) }

        let lm = byMethod[.lm]!
        if let (jacobian, residuals) = lm.lmJacobian, let first = lm.lmSteps.first {
            let names = (1...8).map { "w\($0)" }
            sheet.add(TraceTable(title: "Levenberg–Marquardt, epoch 1: the Jacobian of the residuals r = out − target, the gradient Jᵀr and the step δ",
                                 columns: ["weight", "∂r_o1/∂w", "∂r_o2/∂w", "(Jᵀr)_w = ∂E/∂w", "δ_w"],
                                 rows: names.indices.map { i in
                                     [.text(names[i]), .number(jacobian[0][i]), .number(jacobian[1][i]),
                                      .number(jacobian[0][i] * residuals[0] + jacobian[1][i] * residuals[1]), .number(first.change[i])]
                                 }))
            sheet.record("r_o1", residuals[0])
            sheet.record("r_o2", residuals[1])
            sheet.record("lm_mu_1", first.damping)
            sheet.record("lm_tries_1", Double(first.tries))
            sheet.record("lm_dw5_1", first.change[w5])
            sheet.note("Levenberg–Marquardt solves $(J^\\top J + \\mu I)\\,\\delta = -J^\\top r$ for all eight weights at once, with μ = "
                       + "\(NumberFormat().string(first.damping)) (\(first.tries == 1 ? "kept at the first try" : "after \(first.tries - 1) refused tries")). "
                       + "$J^\\top J$ has rank 2 here (two residuals, eight weights): without $\\mu I$ the system would have no unique solution.")
        }
        for (method, run) in zip(Method.allCases, runs) where run.errors.count > 1 {
            sheet.record("E_1_\(method.rawValue)", run.errors[1])
        }

        sheet.section("race")
        let target = p["target"], epochs = p.count("epochs")
        let checkpoints = [1, 10, 100, epochs].filter { $0 <= epochs }
        var rows: [[TraceTable.Cell]] = []
        for (method, run) in zip(Method.allCases, runs) {
            let reached = run.errors.firstIndex { $0 <= target }
            if let reached { sheet.record("epochs_\(method.rawValue)", Double(reached)) }
            var row: [TraceTable.Cell] = [.text(method.title), reached.map { .text(String($0)) } ?? .text("not in \(epochs)")]
            for c in Set(checkpoints).sorted() {
                let e = run.errors[min(c, run.errors.count - 1)]
                sheet.record("E_\(c)_\(method.rawValue)", e)
                row.append(.number(e))
            }
            rows.append(row)
        }
        sheet.record("lm_tries", Double(lm.lmSteps.reduce(0) { $0 + $1.tries }))
        sheet.add(TraceTable(title: "Epochs until E_total ≤ \(NumberFormat().string(target)), and E_total after t epochs (from the same start, E_total = \(NumberFormat().string(runs[0].errors[0])))",
                             columns: ["method", "epochs"] + Set(checkpoints).sorted().map { "t = \($0)" }, rows: rows))
        if let g = sheet.lookup("epochs_gd") {
            for method in Method.allCases.dropFirst() {
                if let e = sheet.lookup("epochs_\(method.rawValue)"), e > 0 { sheet.record("speedup_\(method.rawValue)", g / e) }
            }
        }

        sheet.section("curves")
        let shown = p.count("plot")
        sheet.add(TracePlot(title: "E_total per epoch (log scale), the first \(shown)", xLabel: "epoch", yLabel: "E_total",
                            series: zip(Method.allCases, runs).map { method, run in
                                .init(name: method.title, points: run.errors.prefix(shown + 1).enumerated().map { (Double($0), $1) })
                            }, logY: true))
        sheet.note("A run stops when E_total falls below 10⁻²⁰: its curve ends there.")
        return sheet.trace
    }
}
