import LearnCore

extension ActivationFunctions {
    /// The activation table at another point: x with two decimals (never the kink at 0), PReLU's α and
    /// ELU's α drawn. Asked: each sigmoidal function and rectifier at x, and its derivative by the deck's
    /// formula.
    ///
    /// |x| ≤ 3 keeps σ and tanh out of saturation, so every derivative shows at three significant digits.
    public static let exercise: Exercise? = Exercise(
        draws: [.number("x", in: -3...3, step: 0.05, excluding: [0]),
                .one("alpha", of: ["0.1", "0.2", "0.25", "0.3"]), .one("alpha_elu", of: ["0.5", "1", "1.5", "2"])],
        givens: ["x", "leak", "alpha", "alpha_elu"],
        asked: exerciseFunctions.flatMap { [$0, Formula.derivativeKey($0, "x")] },
        sections: ["sigmoidal", "rectifiers"])

    /// The functions the exercise asks for, in the deck's order (identity and step are left out: nothing to compute).
    static let exerciseFunctions = ["sigma", "tanh", "arctan", "ReLU", "leaky", "PReLU", "ELU", "softplus"]
}
