import LearnCore

extension CricketMatch {
    /// Another evening's decision: four scores out of 4, four weights from 1 to 4 and a whole-number
    /// threshold. Asked: the products, the weighted sum, the decision, the bias, the net input and the
    /// three activations.
    ///
    /// A draw is accepted only when the weighted sum misses the threshold by 1 to 3: never a tie (where
    /// "over the threshold" and the step's z ≥ 0 disagree), and z close enough to 0 that the sigmoid is
    /// not saturated.
    public static let exercise: Exercise? = Exercise(
        draws: (1...4).map { .count("x\($0)", in: 0...4) } + (1...4).map { .count("w\($0)", in: 1...4) }
            + [.count("threshold", in: 5...40)],
        givens: (1...4).map { "x\($0)" } + (1...4).map { "w\($0)" } + ["threshold"],
        asked: ["k1", "k2", "k3", "k4", "total", "go", "b", "z", "y", "y_sigmoid", "y_relu"],
        sections: ["weighing", "bias", "activations"],
        accepts: { _, trace in
            guard let z = trace.value("z") else { return false }
            return (1...3).contains(abs(z))
        })
}
