import LearnCore

extension GradientDescent {
    /// Two full-batch steps on the linear neuron's error bowl from a drawn start: plain descent's first step
    /// w ← w − η·∂E/∂w, then momentum's Δw1(1) = −η·∂E/∂w1 and Δw1(2) = −η·∂E/∂w1 + α·Δw1(1).
    ///
    /// The four data points are the sheet's given quantities (x_p, d_p); the start is drawn in ±1 with two
    /// decimals, η below the bowl's critical 2/λ_max ≈ 0.119, α from the decks' usual values. The network's
    /// training and the long runs are cut to what the key shows (one epoch, two steps). A start where either
    /// slope is below 0.1 is drawn again: its first step would hardly move.
    public static let exercise: Exercise? = Exercise(
        draws: [
            .number("w0_start", in: -1...1, step: 0.05),
            .number("w1_start", in: -1...1, step: 0.05),
            .one("eta_momentum", of: ["0.01", "0.02", "0.05", "0.1"]),
            .one("alpha", of: ["0.5", "0.8", "0.9"]),
        ],
        fixed: [Argument(name: "epochs", value: "1"), Argument(name: "steps", value: "2"),
                Argument(name: "momentum_steps", value: "2")],
        givens: ["w0_start", "w1_start", "eta_momentum", "alpha"],
        givenQuantities: inputs.indices.flatMap { ["x_\($0 + 1)", "d_\($0 + 1)"] },
        asked: ["E_plain_0", "w0_plain_1", "w1_plain_1", "E_plain_1", "Δw1(1)", "Δw1(2)", "w1_momentum_2"],
        sections: ["data", "momentum"],
        accepts: { p, _ in
            let (w0, w1) = (p["w0_start"], p["w1_start"])
            let residuals = zip(inputs, targets).map { x, d in w0 + w1 * x - d }
            let slope0 = residuals.reduce(0, +)
            let slope1 = zip(residuals, inputs).reduce(0) { $0 + $1.0 * $1.1 }
            return abs(slope0) >= 0.1 && abs(slope1) >= 0.1
        })
}
