import LearnCore

/// The Week 10 deck's perceptron convergence theorem on its truth tables: the rule from w = 0 with every
/// update listed and the decision boundary drawn after each, then the theorem's bound (R/γ)² — R the
/// largest ‖x̃‖ and γ the margin of the best separating unit vector, both with x0 = 1 and w0 included —
/// against the number of updates actually made. XOR has no separating hyperplane, hence no bound.
public enum PerceptronConvergence: Derivation {
    public static let name = "perceptron-convergence"
    public static let summary = "The perceptron rule from w = 0 on a truth table, every update listed, the decision boundary drawn after each, then the convergence theorem's bound (R/γ)² (widest-margin unit u, w0 and x0 = 1 included) against the update count."
    public static let sections = ["training", "boundaries", "margin"]
    public static let parameters: [Parameter] = [
        .choice("gate", "AND", ["AND", "OR", "NAND", "NOR", "XOR"], "the truth table to learn"),
        .number("eta", 1, "learning rate η (0 < η ≤ 1)", in: 0.001...1),
        .count("epochs", 100, "the most epochs to try", in: 1...10_000),
    ]

    /// Boundary maps drawn at most (XOR keeps updating).
    static let mapLimit = 12

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let gate = p.choice("gate"), eta = p["eta"], maxEpochs = p.count("epochs")
        let samples = PerceptronTraining.samples(gate)
        let names = ["a", "b", "c", "d"]
        let f = NumberFormat()
        func text(_ w: [Double]) -> String { "(" + w.map { f.string($0) }.joined(separator: ", ") + ")" }
        var sheet = Worksheet()

        // The rule, exactly as in `perceptron-training`, keeping every update.
        var w = [0.0, 0.0, 0.0]
        var updates: [(epoch: Int, sample: Int, v: Double, w: [Double])] = []
        var seen: Set<[Double]> = []
        var converged = false, epochsRun = 0
        for epoch in 1...maxEpochs {
            guard seen.insert(w).inserted else { break }
            epochsRun = epoch
            var mistakes = 0
            for (k, s) in samples.enumerated() {
                let v = w[0] + w[1] * s.x1 + w[2] * s.x2
                let e = s.y - (v >= 0 ? 1 : -1)
                guard e != 0 else { continue }
                mistakes += 1
                w = [w[0] + eta * e, w[1] + eta * e * s.x1, w[2] + eta * e * s.x2]
                updates.append((epoch, k, v, w))
            }
            if mistakes == 0 { converged = true; break }
        }

        sheet.section("training")
        sheet.add(TraceTable(title: "Every update of the perceptron rule on \(gate) (w starts at 0, η = \(f.string(eta)))",
                             columns: ["update k", "epoch", "sample", "x1", "x2", "y", "v before", "w0", "w1", "w2"],
                             rows: updates.enumerated().map { k, u in
                                 let s = samples[u.sample]
                                 return [.text(String(k + 1)), .text(String(u.epoch)), .text(names[u.sample]), .number(s.x1),
                                         .number(s.x2), .number(s.y), .number(u.v), .number(u.w[0]), .number(u.w[1]), .number(u.w[2])]
                             }))
        sheet.record("updates", Double(updates.count))
        sheet.record("epochs", Double(epochsRun))
        sheet.record("converged", converged ? 1 : 0)
        for i in 0...2 { sheet.record("w\(i)", w[i]) }
        let onBoundary = samples.indices.filter { w[0] + w[1] * samples[$0].x1 + w[2] * samples[$0].x2 == 0 }
        sheet.record("samples_on_boundary", Double(onBoundary.count))
        if converged {
            var note = "**\(gate)**: epoch \(epochsRun) makes no mistake, after \(updates.count) updates; w = \(text(w))."
            if !onBoundary.isEmpty {
                let one = onBoundary.count == 1
                let listed = onBoundary.map { names[$0] }
                let list = one ? listed[0] : listed.dropLast().joined(separator: ", ") + " and " + listed.last!
                note += " \(one ? "Sample" : "Samples") \(list) \(one ? "lies" : "lie") exactly on the final boundary (v = 0): \(one ? "it counts" : "they count") as correct only because sign(0) = +1. The rule stops at the first w that makes no mistake, not at a good one."
            }
            sheet.note(note)
        } else {
            sheet.note("**\(gate)**: no convergence after \(epochsRun) epochs and \(updates.count) updates; w = \(text(w)).")
        }

        sheet.section("boundaries")
        var panels: [(caption: [String], w: [Double])] = [(["start", "w = (0, 0, 0)"], [0, 0, 0])]
        for (k, u) in updates.prefix(mapLimit).enumerated() {
            panels.append((["\(k + 1): epoch \(u.epoch), \(names[u.sample])", "w = \(text(u.w))"], u.w))
        }
        sheet.add(PerceptronMap.strip("The boundary v = 0 after each update on \(gate) (update: epoch, sample; the weights after it)",
                                      samples: samples, panels: panels))
        if updates.count > mapLimit {
            sheet.note("The first \(mapLimit) of \(updates.count) updates are drawn.")
        }
        if converged {
            sheet.add(PerceptronMap.single("\(gate) as learned: w = \(text(w))", samples: samples, classify: PerceptronMap.side(w)))
        }

        sheet.section("margin")
        let augmented = samples.map { [1, $0.x1, $0.x2] }
        let norms = augmented.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let far = norms.indices.max { norms[$0] < norms[$1] }!
        sheet.derive("R", symbol: .text(plain: "R = max ‖x̃_t‖", latex: "R = \\max_t \\lVert \\tilde{x}_t \\rVert"),
                     .function("√", [.sum(augmented[far].map { .power(.number($0), 2) })]), value: norms[far],
                     note: "The longest sample with x0 = 1 included: sample \(names[far]).")
        guard let best = MaximumMargin.solve(points: augmented, labels: samples.map(\.y)) else {
            sheet.record("separable", 0)
            sheet.note("No w at all has y_t·(w·x̃_t) > 0 for all four samples: \(gate) is not linearly separable, the theorem does not apply, and nothing bounds the number of updates (`learn lesson xor` shows why).")
            return sheet.trace
        }
        sheet.record("separable", 1)
        let ws = best.w
        for i in 0...2 { sheet.record("w\(i)*", ws[i]) }
        sheet.note("The separating weights with the widest margin — $y_t\\, w \\cdot \\tilde{x}_t \\ge 1$ for every t with $\\lVert w \\rVert$ as small as possible — are $w^* = \(text(ws))$; $u = w^* / \\lVert w^* \\rVert$ is a unit vector, and its margin is $\\gamma = 1 / \\lVert w^* \\rVert$.")
        sheet.derive("gamma", symbol: .text(plain: "γ = min_t y_t·(u·x̃_t)", latex: "\\gamma = \\min_t y_t\\, u \\cdot \\tilde{x}_t"),
                     .quotient(1, .function("√", [.sum(ws.map { .power(.number($0), 2) })])), value: best.gamma)
        let bound = pow2(norms[far] / best.gamma)
        sheet.derive("bound", .power(.quotient("R", "gamma"), 2),
                     value: bound, note: "The theorem: at most this many updates, whatever η and the order of the samples.")
        sheet.derive("bound_slack", symbol: .text(plain: "(R/γ)² − updates", latex: "(R/\\gamma)^2 - k"),
                     .difference("bound", "updates"), value: bound - Double(updates.count),
                     note: "How far below the bound the run stayed: the bound holds for every order of the samples, so it is loose for any one order.")
        let planar = (ws[1] * ws[1] + ws[2] * ws[2]).squareRoot()
        let nearest = samples.map { abs(ws[0] + ws[1] * $0.x1 + ws[2] * $0.x2) }.min()!
        sheet.derive("dist_min", symbol: .text(plain: "min_t dist(x_t, H(w*))", latex: "\\min_t \\mathrm{dist}(x_t, \\mathcal{H}(w^*))"),
                     .quotient(.number(nearest), .function("√", [.sum([.power(.number(ws[1]), 2), .power(.number(ws[2]), 2)])])),
                     value: nearest / planar,
                     note: "The same hyperplane's margin in the (x1, x2) plane, by the deck's distance (w0 left out of the norm): larger than γ, and not the number the theorem uses.")
        let finalNorm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if converged, finalNorm > 0 {
            let lowest = samples.map { $0.y * (w[0] + w[1] * $0.x1 + w[2] * $0.x2) }.min()!
            let margin = lowest / finalNorm
            sheet.derive("gamma_final", symbol: .text(plain: "min_t y_t·(w·x̃_t)/‖w‖ of the learned w",
                                                      latex: "\\min_t y_t\\, w \\cdot \\tilde{x}_t / \\lVert w \\rVert"),
                         .quotient(.number(lowest), .function("√", [.sum(w.map { .power(.number($0), 2) })])), value: margin,
                         note: margin > 0 ? "The learned w separates with a positive margin." : "The learned w has no margin: a sample lies on its boundary, so it cannot serve as the theorem's u.")
        }
        return sheet.trace
    }

    private static func pow2(_ x: Double) -> Double { x * x }
}
