import LearnCore

/// The Week 10 deck's perceptron rule beside scikit-learn's `Perceptron` with its defaults, on a truth
/// table, both from w = 0 and presenting the samples a, b, c, d in order.
///
/// - The deck (and `perceptron-training`): ŷ = sign(v) with sign(0) = +1, w ← w + η(y − ŷ)x, so a
///   mistake moves w by ±2ηx; stop after an epoch without a mistake.
/// - scikit-learn 1.x: `Perceptron` is `SGDClassifier(loss="perceptron", learning_rate="constant")`
///   (its documentation page). Its loss is max(0, −y·v) and its step on a sample with y·v ≤ 0 (v = 0
///   counts as a mistake) is w ← w + η₀·y·x, the intercept included (fit_intercept=True). Stopping
///   (tol = 1e-3, n_iter_no_change = 5): after each epoch, if the epoch's summed loss is above the best
///   so far minus tol·n, a counter goes up, else it resets; training stops when the counter reaches 5, or
///   after max_iter = 1000 epochs. (`shuffle=True` reorders the samples each epoch with numpy's generator;
///   here they stay in order, as `shuffle=False` would.)
public enum SklearnPerceptron: Derivation {
    public static let name = "sklearn-perceptron"
    public static let summary = "The deck's perceptron rule beside scikit-learn's Perceptron defaults (η₀ = 1, max_iter = 1000, tol = 1e-3, n_iter_no_change = 5) on a truth table: updates, epochs, weights."
    public static let sections = ["rules", "comparison"]
    public static let parameters: [Parameter] = [
        .choice("gate", "AND", ["AND", "OR", "NAND", "NOR", "XOR"], "the truth table to learn"),
        .number("eta", 1, "learning rate: the deck's η, scikit-learn's eta0", in: 0.001...10),
        .count("max_iter", 1000, "the most epochs (scikit-learn's max_iter)", in: 1...10_000),
        .number("tol", 0.001, "scikit-learn's stopping tolerance tol", in: 0...1),
        .count("n_iter_no_change", 5, "epochs without improvement before scikit-learn stops", in: 1...100),
    ]

    /// One rule's run: the updates, the epochs it ran, the epoch of its first mistake-free pass (0 if
    /// none), and the final weights (w0, w1, w2).
    public struct Run: Equatable, Sendable {
        public var updates = 0
        public var epochs = 0
        public var firstCleanEpoch = 0
        public var weights = [0.0, 0.0, 0.0]
    }

    /// The deck's rule: stops after the first epoch without a mistake.
    public static func deckRule(_ samples: [(x1: Double, x2: Double, y: Double)], eta: Double, maxEpochs: Int) -> Run {
        var run = Run()
        for epoch in 1...maxEpochs {
            run.epochs = epoch
            var mistakes = 0
            for s in samples {
                let w = run.weights
                let v = w[0] + w[1] * s.x1 + w[2] * s.x2
                let e = s.y - (v >= 0 ? 1 : -1)
                guard e != 0 else { continue }
                mistakes += 1; run.updates += 1
                run.weights = [w[0] + eta * e, w[1] + eta * e * s.x1, w[2] + eta * e * s.x2]
            }
            if mistakes == 0 { run.firstCleanEpoch = epoch; break }
        }
        return run
    }

    /// scikit-learn's rule and stopping criterion, as described above.
    public static func sklearnRule(_ samples: [(x1: Double, x2: Double, y: Double)], eta: Double, maxIter: Int,
                                   tol: Double, patience: Int) -> Run {
        var run = Run()
        var best = Double.infinity, noImprovement = 0
        for epoch in 1...maxIter {
            run.epochs = epoch
            var loss = 0.0, mistakes = 0
            for s in samples {
                let w = run.weights
                let v = w[0] + w[1] * s.x1 + w[2] * s.x2
                loss += max(0, -s.y * v)
                guard s.y * v <= 0 else { continue }
                mistakes += 1; run.updates += 1
                run.weights = [w[0] + eta * s.y, w[1] + eta * s.y * s.x1, w[2] + eta * s.y * s.x2]
            }
            if mistakes == 0 && run.firstCleanEpoch == 0 { run.firstCleanEpoch = epoch }
            if loss > best - tol * Double(samples.count) { noImprovement += 1 } else { noImprovement = 0 }
            best = min(best, loss)
            if noImprovement >= patience { break }
        }
        return run
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let gate = p.choice("gate"), eta = p["eta"]
        let samples = PerceptronTraining.samples(gate)
        let deck = deckRule(samples, eta: eta, maxEpochs: p.count("max_iter"))
        let sk = sklearnRule(samples, eta: eta, maxIter: p.count("max_iter"), tol: p["tol"], patience: p.count("n_iter_no_change"))
        var sheet = Worksheet()
        sheet.section("rules")
        sheet.note("Both start from w = 0 and see a, b, c, d in order; the deck's 0 outputs are −1.")
        sheet.section("comparison")
        let f = NumberFormat()
        func row(_ name: String, _ r: Run) -> [TraceTable.Cell] {
            [.text(name), .number(Double(r.updates)), .number(Double(r.firstCleanEpoch)), .number(Double(r.epochs)),
             .number(r.weights[0]), .number(r.weights[1]), .number(r.weights[2])]
        }
        sheet.add(TraceTable(title: "\(gate), η = η₀ = \(f.string(eta))",
                             columns: ["rule", "updates", "first epoch without a mistake", "epochs run", "w0", "w1", "w2"],
                             rows: [row("deck: w ← w + η(y − ŷ)x", deck), row("scikit-learn: w ← w + η₀·y·x if y·v ≤ 0", sk)]))
        for (prefix, r) in [("deck", deck), ("sk", sk)] {
            sheet.record("\(prefix)_updates", Double(r.updates))
            sheet.record("\(prefix)_clean", Double(r.firstCleanEpoch))
            sheet.record("\(prefix)_epochs", Double(r.epochs))
            for i in 0...2 { sheet.record("\(prefix)_w\(i)", r.weights[i]) }
        }
        return sheet.trace
    }
}
