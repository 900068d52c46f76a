import LearnCore

extension SigmoidDerivative {
    /// The sigmoid with gain at another point: s with two decimals (not 0) and γ drawn. Asked: y = S(s),
    /// S'(s) = γy(1 − y) and the largest slope γ/4.
    ///
    /// A draw is accepted only when y lies between 0.05 and 0.95 (no saturation).
    public static let exercise: Exercise? = Exercise(
        draws: [.number("s", in: -4...4, step: 0.05, excluding: [0]), .one("gamma", of: ["0.5", "1", "1.5", "2"])],
        givens: ["s", "gamma"],
        asked: ["y", "dy/ds", "max_derivative"],
        sections: ["point", "maximum"],
        accepts: { _, trace in (0.05...0.95).contains(trace.value("y") ?? .nan) })
}
