import LearnCore

extension Optimizers {
    /// The first steps of each update rule for w5 of the 2-2-2 network, from its gradients: gradient descent
    /// −η·g, momentum's second change −η·g(2) + α·Δw(1), RPROP's −sign(g)·Δ0, and QuickProp's growth factor
    /// and change for w5 at epoch 2 and for w1 at epoch 4 (the slope changed sign there).
    ///
    /// The gradients are the sheet's given quantities (each takes a backward pass of the whole network, the
    /// backprop exercise); η, α, Δ0 and μ are drawn from short lists of the values the decks use. Four epochs
    /// are enough for every asked step.
    public static let exercise: Exercise? = Exercise(
        draws: [
            .one("eta", of: ["0.1", "0.25", "0.5", "1"]),
            .one("alpha", of: ["0.5", "0.8", "0.9"]),
            .one("delta0", of: ["0.01", "0.05", "0.1", "0.2"]),
            .one("growth", of: ["1.5", "1.75", "2"]),
        ],
        fixed: [Argument(name: "epochs", value: "4"), Argument(name: "plot", value: "4")],
        givens: ["eta", "alpha", "delta0", "growth"],
        givenQuantities: ["g_5(1)", "g_5(2)", "S_1(3)", "S_1(4)", "Δw_1(3)"],
        asked: ["gd_dw5_1", "momentum_dw5_2", "rprop_dw5_1", "f_5(2)", "quickprop_dw5_2", "f_1(4)", "quickprop_dw1_4"],
        sections: ["first-steps"])
}
