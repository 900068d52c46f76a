import Foundation
import LearnCore
import LearnScalar

/// Gradient descent three ways on one small data set, the learning rate's three regimes, and momentum.
///
/// The data set is four points (x_p, d_p), also recorded as the quantities `x_1`…`x_4`, `d_1`…`d_4` (an
/// exercise's givens). Section `modes`: a 1-H-1 sigmoid network, weights and thresholds
/// uniform in [−0.5, 0.5] from a seed (the Week 10 deck's BP algorithm), trained online (a step after every
/// pattern), full batch (one step on the sum of the patterns' gradients, ∂E_TOTAL/∂w) and mini-batch (a step
/// per `batch` patterns, in order), E_TOTAL = Σ_p ½(d_p − y_p)² after every epoch. Sections `surface`, `rates`
/// and `momentum`: a linear neuron y = w0 + w1·x on the same data, whose error surface E(w0, w1) is a quadratic
/// bowl with Hessian H = Σ_p (1, x_p)(1, x_p)ᵀ; full-batch descent w ← w − η·∇E converges exactly when
/// η < 2/λ_max(H). Momentum: Δw(t) = −η·∂E/∂w + α·Δw(t − 1) (the decks' η·δ·y + α·Δw(t − 1)), w ← w + Δw(t).
public enum GradientDescent: Derivation {
    public static let name = "gradient-descent"
    public static let summary = "Online, full-batch (sum) and mini-batch training of a seeded 1-H-1 sigmoid net on four points; a linear neuron's error bowl (λ_max, η < 2/λ_max); η too small, right, too large; momentum Δw(t) = −η∂E/∂w + αΔw(t−1) with its path drawn."
    public static let sections = ["data", "modes", "surface", "rates", "momentum"]
    public static let parameters: [Parameter] = [
        .count("seed", 1, "seed of the network's weights, uniform in [−0.5, 0.5]", in: 0...1_000_000),
        .count("hidden", 3, "hidden sigmoid neurons of the 1-H-1 network", in: 1...9),
        .number("eta", 0.5, "learning rate η of the network", in: 0...100),
        .count("epochs", 200, "epochs of the network", in: 1...5000),
        .count("batch", 2, "patterns per mini-batch", in: 1...4),
        .number("eta_small", 0.01, "a learning rate that is too small", in: 0...10),
        .number("eta_good", 0.1, "a learning rate that is about right", in: 0...10),
        .number("eta_large", 0.13, "a learning rate that is too large", in: 0...10),
        .count("steps", 30, "full-batch steps on the error surface", in: 1...1000),
        .number("w0_start", -0.5, "starting threshold w0 of the linear neuron", in: -100...100),
        .number("w1_start", 0.5, "starting weight w1 of the linear neuron", in: -100...100),
        .number("eta_momentum", 0.02, "learning rate η for the momentum comparison", in: 0...10),
        .number("alpha", 0.8, "momentum constant α, in [0, 1)", in: 0...0.999),
        .count("momentum_steps", 40, "steps of the momentum comparison", in: 1...1000),
    ]

    /// The data set: inputs x_p and desired outputs d_p.
    public static let inputs: [Double] = [0, 1, 2, 3]
    public static let targets: [Double] = [0.1, 0.3, 0.8, 0.9]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        var sheet = Worksheet()
        sheet.section("data")
        sheet.add(TraceTable(title: "The data set", columns: ["p", "x_p", "d_p"],
                             rows: inputs.indices.map { [.text(String($0 + 1)), .number(inputs[$0]), .number(targets[$0])] }))
        for p in inputs.indices {
            sheet.record("x_\(p + 1)", inputs[p])
            sheet.record("d_\(p + 1)", targets[p])
        }
        modes(p, &sheet)
        let bowl = Bowl(x: inputs, d: targets)
        surface(bowl, &sheet)
        rates(bowl, p, &sheet)
        momentum(bowl, p, &sheet)
        return sheet.trace
    }

    // MARK: - Online, full batch, mini-batch

    /// The seeded 1-H-1 network's starting weights, in the order threshold then weights for each neuron of each layer.
    public static func seededWeights(hidden: Int, seed: UInt64) -> [String: Double] {
        DeltaRule.seededWeights(sizes: [1, hidden, 1], seed: seed)
    }

    /// E_TOTAL after each epoch (index 0: before training) for patterns grouped `batch` at a time (batch 1 is online,
    /// batch 4 is full batch); each group's step uses the sum of its patterns' gradients.
    static func train(hidden: Int, seed: UInt64, eta: Double, epochs: Int, batch: Int) -> [Double] {
        let weights = seededWeights(hidden: hidden, seed: seed)
        let net = Network(sizes: [1, hidden, 1], naming: .drchal) { m, j, k in weights["w_\(j)\(k)^\(m)"]! }
        func energy(_ patterns: Range<Int>) -> Value {
            Value.sum(patterns.map { p in
                let y = net.forward([Value(inputs[p])]).last!.outs[0]
                return 0.5 * (Value(targets[p]) - y).pow(2)
            })
        }
        var curve = [energy(0..<inputs.count).data]
        for _ in 0..<epochs {
            for start in stride(from: 0, to: inputs.count, by: batch) {
                let e = energy(start..<min(start + batch, inputs.count))
                e.backward()
                net.descend(learningRate: eta)
            }
            curve.append(energy(0..<inputs.count).data)
        }
        return curve
    }

    static func modes(_ p: Parameters, _ sheet: inout Worksheet) {
        sheet.section("modes")
        let epochs = p.count("epochs"), batch = p.count("batch")
        let seed = UInt64(p.count("seed")), hidden = p.count("hidden")
        let weights = seededWeights(hidden: hidden, seed: seed)
        let names = weights.keys.sorted { ($0.last!, $0) < ($1.last!, $1) }
        sheet.add(TraceTable(title: "Starting weights, uniform in [−0.5, 0.5] (seed \(seed))", columns: ["weight", "value"],
                             rows: names.map { [.text($0), .number(weights[$0]!)] }))
        sheet.record("w_smallest", weights.values.min()!)
        sheet.record("w_largest", weights.values.max()!)
        let runs: [(name: String, label: String, batch: Int)] = [
            ("online", "online (SGD)", 1), ("minibatch", "mini-batch of \(batch)", batch), ("batch", "full batch", inputs.count)]
        let curves = runs.map { train(hidden: hidden, seed: seed, eta: p["eta"], epochs: epochs, batch: $0.batch) }
        for (run, curve) in zip(runs, curves) {
            for (t, e) in curve.enumerated() { sheet.record("E_\(run.name)_\(t)", e) }
        }
        let shown = Set([0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, epochs]).filter { $0 <= epochs }.sorted()
        sheet.add(TraceTable(title: "E_TOTAL after each epoch, η = \(NumberFormat().string(p["eta"])), \(hidden) hidden neurons",
                             columns: ["epoch"] + runs.map(\.label),
                             rows: shown.map { t in [.text(String(t))] + curves.map { .number($0[t]) } }))
        sheet.add(TracePlot(title: "E_TOTAL by epoch", xLabel: "epoch", yLabel: "E_TOTAL",
                            series: zip(runs, curves).map { run, curve in
                                .init(name: run.label, points: curve.enumerated().map { (Double($0.offset), $0.element) })
                            }))
        let stepsPerEpoch = runs.map { (inputs.count + $0.batch - 1) / $0.batch }
        sheet.note("Weight updates per epoch: \(zip(runs, stepsPerEpoch).map { "\($0.label) \($1)" }.joined(separator: ", ")). Every run starts from the same weights and visits the patterns in the same order.")
    }

    // MARK: - The linear neuron's error surface

    /// E(w0, w1) = ½·Σ_p (d_p − w0 − w1·x_p)², a quadratic bowl, and what full-batch descent does on it.
    struct Bowl {
        let x: [Double], d: [Double]
        func error(_ w0: Double, _ w1: Double) -> Double {
            zip(x, d).reduce(0) { $0 + 0.5 * pow($1.1 - w0 - w1 * $1.0, 2) }
        }
        /// ∂E/∂w0 = −Σ(d − y), ∂E/∂w1 = −Σ(d − y)·x.
        func gradient(_ w0: Double, _ w1: Double) -> (Double, Double) {
            var g0 = 0.0, g1 = 0.0
            for (xp, dp) in zip(x, d) { let r = dp - w0 - w1 * xp; g0 -= r; g1 -= r * xp }
            return (g0, g1)
        }
        /// The Hessian's entries: P, Σx, Σx².
        var n: Double { Double(x.count) }
        var sx: Double { x.reduce(0, +) }
        var sxx: Double { x.reduce(0) { $0 + $1 * $1 } }
        var sd: Double { d.reduce(0, +) }
        var sxd: Double { zip(x, d).reduce(0) { $0 + $1.0 * $1.1 } }
        /// The eigenvalues of [[P, Σx], [Σx, Σx²]].
        var eigenvalues: (min: Double, max: Double) {
            let mean = (n + sxx) / 2, root = sqrt(pow((n - sxx) / 2, 2) + sx * sx)
            return (mean - root, mean + root)
        }
        /// The least-squares minimum (w0*, w1*).
        var minimum: (Double, Double) {
            let det = n * sxx - sx * sx
            return ((sxx * sd - sx * sxd) / det, (n * sxd - sx * sd) / det)
        }
        /// Full-batch steps with momentum α (α = 0: plain descent): the points w(0), w(1), …
        func descend(from start: (Double, Double), eta: Double, alpha: Double, steps: Int) -> [(Double, Double)] {
            var w = start, step = (0.0, 0.0), path = [start]
            for _ in 0..<steps {
                let g = gradient(w.0, w.1)
                step = (-eta * g.0 + alpha * step.0, -eta * g.1 + alpha * step.1)
                w = (w.0 + step.0, w.1 + step.1)
                path.append(w)
            }
            return path
        }
    }

    static func surface(_ bowl: Bowl, _ sheet: inout Worksheet) {
        sheet.section("surface")
        sheet.record("P", bowl.n); sheet.record("Sx", bowl.sx); sheet.record("Sxx", bowl.sxx)
        sheet.record("Sd", bowl.sd); sheet.record("Sxd", bowl.sxd)
        sheet.note("A linear neuron y = w_0 + w_1·x on the same four points: its error E(w_0, w_1) = ½·Σ_p (d_p − w_0 − w_1·x_p)² is a bowl whose curvature is the matrix H = [[P, Σx], [Σx, Σx²]] = [[\(Int(bowl.n)), \(NumberFormat().string(bowl.sx))], [\(NumberFormat().string(bowl.sx)), \(NumberFormat().string(bowl.sxx))]].")
        let (lmin, lmax) = bowl.eigenvalues
        let mean: Formula = .quotient(.sum(["P", "Sxx"]), 2)
        let root: Formula = .power(.sum([.power(.quotient(.difference("P", "Sxx"), 2), 2), .power("Sx", 2)]), 0.5)
        sheet.derive("lambda_max", .sum([mean, root]), value: lmax, note: "The steepest curvature of the bowl, the larger eigenvalue of H.")
        sheet.derive("lambda_min", .difference(mean, root), value: lmin, note: "The flattest curvature: the long axis of the valley.")
        sheet.derive("eta_critical", .quotient(2, "lambda_max"), value: 2 / lmax,
                     note: "Along the steep axis each full-batch step multiplies the distance to the minimum by (1 − η·λ_max); beyond η = 2/λ_max that factor is below −1 and the steps grow.")
        let (w0, w1) = bowl.minimum
        let det: Formula = .difference(.product(["P", "Sxx"]), .power("Sx", 2))
        sheet.derive("w0_min", .quotient(.difference(.product(["Sxx", "Sd"]), .product(["Sx", "Sxd"])), det), value: w0)
        sheet.derive("w1_min", .quotient(.difference(.product(["P", "Sxd"]), .product(["Sx", "Sd"])), det), value: w1)
        sheet.record("E_min", bowl.error(w0, w1))
        sheet.note("At the bottom of the bowl E = \(NumberFormat().string(bowl.error(w0, w1))): four points do not lie on one line.")
    }

    static func rates(_ bowl: Bowl, _ p: Parameters, _ sheet: inout Worksheet) {
        sheet.section("rates")
        let steps = p.count("steps"), start = (p["w0_start"], p["w1_start"])
        let eMin = bowl.error(bowl.minimum.0, bowl.minimum.1)
        let runs = [("small", p["eta_small"]), ("good", p["eta_good"]), ("large", p["eta_large"])]
        let curves = runs.map { run in bowl.descend(from: start, eta: run.1, alpha: 0, steps: steps).map { bowl.error($0.0, $0.1) } }
        for (run, curve) in zip(runs, curves) {
            for (t, e) in curve.enumerated() { sheet.record("E_\(run.0)_\(t)", e) }
            sheet.record("E_\(run.0)_final", curve.last!)
            sheet.record("factor_\(run.0)", 1 - run.1 * bowl.eigenvalues.max)
            sheet.record("flat_factor_\(run.0)", 1 - run.1 * bowl.eigenvalues.min)
        }
        let shown = Set([0, 1, 2, 3, 4, 5] + Array(stride(from: 10, through: steps, by: 5)) + [steps]).filter { $0 <= steps }.sorted()
        let f = NumberFormat()
        sheet.add(TraceTable(title: "E(w0, w1) after t full-batch steps from w = (\(f.string(start.0)), \(f.string(start.1)))",
                             columns: ["t"] + runs.map { "η = \(f.string($0.1))" },
                             rows: shown.map { t in [.text(String(t))] + curves.map { .number($0[t]) } }))
        sheet.add(TracePlot(title: "E − E_min by step (the too-large rate climbs)", xLabel: "step t", yLabel: "E − E_min",
                            series: zip(runs, curves).map { run, curve in
                                .init(name: "η = \(f.string(run.1))", points: curve.enumerated().map { (Double($0.offset), $0.element - eMin) })
                            }, logY: true))
    }

    static func momentum(_ bowl: Bowl, _ p: Parameters, _ sheet: inout Worksheet) {
        sheet.section("momentum")
        let steps = p.count("momentum_steps"), start = (p["w0_start"], p["w1_start"])
        let eta = p["eta_momentum"], alpha = p["alpha"]
        let plain = bowl.descend(from: start, eta: eta, alpha: 0, steps: steps)
        let rolling = bowl.descend(from: start, eta: eta, alpha: alpha, steps: steps)

        // The first two momentum steps of w1, written out.
        sheet.record("eta", eta); sheet.record("alpha", alpha)
        sheet.record("Δw1(0)", 0)
        for t in 1...min(2, steps) {
            let w = rolling[t - 1]
            sheet.record("dE/dw1", bowl.gradient(w.0, w.1).1)
            sheet.derive("Δw1(\(t))", .sum([.negation(.product(["eta", .derivative(of: "E", withRespectTo: "w1")])),
                                              .product(["alpha", .symbol("Δw1(\(t - 1))")])]),
                         value: rolling[t].1 - w.1,
                         note: t == 1 ? "Δw(t) = −η·∂E/∂w + α·Δw(t − 1): the decks' η·δ·y is −η·∂E/∂w. At t = 1 there is no earlier step, Δw(0) = 0, and the step is plain descent's." : "Now the previous step adds α times itself: the ball keeps rolling.")
        }
        let f = NumberFormat()
        for (name, path) in [("plain", plain), ("momentum", rolling)] {
            for (t, w) in path.enumerated() {
                sheet.record("w0_\(name)_\(t)", w.0); sheet.record("w1_\(name)_\(t)", w.1)
                sheet.record("E_\(name)_\(t)", bowl.error(w.0, w.1))
            }
        }
        let shown = Set([0, 1, 2, 3] + Array(stride(from: 5, through: steps, by: 5)) + [steps]).filter { $0 <= steps }.sorted()
        sheet.add(TraceTable(title: "The path of w = (w0, w1), η = \(f.string(eta)), without and with momentum α = \(f.string(alpha))",
                             columns: ["t", "w0", "w1", "E", "w0 (α)", "w1 (α)", "E (α)"],
                             rows: shown.map { t in
                                 [.text(String(t)), .number(plain[t].0), .number(plain[t].1), .number(bowl.error(plain[t].0, plain[t].1)),
                                  .number(rolling[t].0), .number(rolling[t].1), .number(bowl.error(rolling[t].0, rolling[t].1))]
                             }))
        // Contours of the bowl through the start and two lower levels, then both paths drawn as lines.
        let (lmin, lmax) = bowl.eigenvalues
        let (m0, m1) = bowl.minimum
        let eMin = bowl.error(m0, m1)
        // Eigenvectors of [[P, Σx], [Σx, Σx²]]: (Σx, λ − P) for each eigenvalue.
        func unit(_ lambda: Double) -> (Double, Double) {
            let v = (bowl.sx, lambda - bowl.n), norm = hypot(v.0, v.1)
            return norm == 0 ? (1, 0) : (v.0 / norm, v.1 / norm)
        }
        let (vSmall, vLarge) = (unit(lmin), unit(lmax))
        var contour: [(x: Double, y: Double)] = []
        let startLevel = bowl.error(start.0, start.1) - eMin
        for level in [startLevel / 16, startLevel / 4, startLevel] where level > 0 {
            let a = sqrt(2 * level / lmin), b = sqrt(2 * level / lmax)
            for i in 0..<120 {
                let th = Double(i) / 120 * 2 * .pi
                contour.append((m0 + a * cos(th) * vSmall.0 + b * sin(th) * vLarge.0, m1 + a * cos(th) * vSmall.1 + b * sin(th) * vLarge.1))
            }
        }
        func line(_ path: [(Double, Double)]) -> [(x: Double, y: Double)] {
            var points: [(x: Double, y: Double)] = []
            for (a, b) in zip(path, path.dropFirst()) {
                for i in 0..<6 { let s = Double(i) / 6; points.append((a.0 + s * (b.0 - a.0), a.1 + s * (b.1 - a.1))) }
            }
            points.append(path.last.map { ($0.0, $0.1) }!)
            return points
        }
        sheet.add(TracePlot(title: "The error surface from above: contours of E and the two paths", xLabel: "w0", yLabel: "w1",
                            series: [.init(name: "contours of E", points: contour),
                                     .init(name: "plain descent", points: line(plain)),
                                     .init(name: "momentum α = \(f.string(alpha))", points: line(rolling)),
                                     .init(name: "minimum", points: [(m0, m1)])]))
        sheet.record("E_plain_final", bowl.error(plain.last!.0, plain.last!.1))
        sheet.record("E_momentum_final", bowl.error(rolling.last!.0, rolling.last!.1))
    }
}
