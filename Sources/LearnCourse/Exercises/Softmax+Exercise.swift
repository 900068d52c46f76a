import LearnCore

extension Softmax {
    /// Three other scores with one decimal and another correct class. Asked: e^z, the normaliser S, the
    /// three probabilities, the cross-entropy L and its gradient ∂L/∂z = p − y.
    ///
    /// A draw is accepted only when the scores differ (no tie between classes) and every probability lies
    /// between 0.02 and 0.9, so none rounds to 0 or 1 at three significant digits.
    public static let exercise: Exercise? = Exercise(
        draws: (1...3).map { .number("z\($0)", in: -2...3, step: 0.1) } + [.count("target", in: 1...3)],
        givens: ["z1", "z2", "z3", "target"],
        asked: (1...3).map { "exp_z\($0)" } + ["S"] + (1...3).map { "p\($0)" } + ["L"]
            + (1...3).map { Formula.derivativeKey("L", "z\($0)") },
        sections: ["forward", "cross-entropy", "gradient"],
        accepts: { p, trace in
            let z = [p["z1"], p["z2"], p["z3"]]
            guard Set(z).count == 3 else { return false }
            return (1...3).allSatisfy { (0.02...0.9).contains(trace.value("p\($0)") ?? .nan) }
        })
}
