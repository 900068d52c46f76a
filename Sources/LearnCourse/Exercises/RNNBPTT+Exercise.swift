import LearnCore

extension RNNBPTT {
    /// The recurrent unit unrolled over three steps and backpropagation through time, by hand: h_1…h_3, ŷ, J,
    /// then ∂J/∂ŷ, each ∂J/∂h_t and δ_t back to h_0, the three terms of ∂J/∂W_hh and their sum, ∂J/∂W_xh,
    /// ∂J/∂W_hy and ∂h_3/∂h_0.
    ///
    /// Weights in ±1 with two decimals, inputs and h_0 with one decimal, none 0 (a zero input or h_0 makes a
    /// term vanish). A variant is drawn again when a state is saturated (|h_t| > 0.9) or next to 0 (|h_t| < 0.05),
    /// when ŷ is within 0.1 of y (every gradient would be next to nothing), or when a term of ∂J/∂W_hh or
    /// ∂h_3/∂h_0 is below 0.001 (a small W_hh makes the earlier steps' terms vanish: the lesson's point, but
    /// on paper only a run of leading zeros).
    public static let exercise: Exercise? = Exercise(
        draws: [
            .number("x_1", in: -1...1, step: 0.1, excluding: [0]),
            .number("x_2", in: -1...1, step: 0.1, excluding: [0]),
            .number("x_3", in: -1...1, step: 0.1, excluding: [0]),
            .number("h_0", in: -0.5...0.5, step: 0.1, excluding: [0]),
            .number("W_xh", in: -1...1, step: 0.05, excluding: [0]),
            .number("W_hh", in: -1...1, step: 0.05, excluding: [0]),
            .number("W_hy", in: -1...1, step: 0.05, excluding: [0]),
            .number("y", in: -1...1, step: 0.1),
        ],
        givens: ["x_1", "x_2", "x_3", "h_0", "W_xh", "W_hh", "W_hy", "y"],
        asked: ["h_1", "h_2", "h_3", "y_hat", "J",
                "dJ/dy_hat", "dJ/dh_3", "δ_3", "dJ/dh_2", "δ_2", "dJ/dh_1", "δ_1", "dJ/dh_0",
                "term_1", "term_2", "term_3", "dJ/dW_hh", "dJ/dW_xh", "dJ/dW_hy", "dh_3/dh_0"],
        sections: ["forward", "bptt"],
        accepts: { p, trace in
            let states = (1...steps).map { abs(trace.value("h_\($0)") ?? 0) }
            let miss = abs((trace.value("y_hat") ?? 0) - p["y"])
            let gradients = ["term_1", "term_2", "term_3", "dh_3/dh_0"].map { abs(trace.value($0) ?? 0) }
            return states.allSatisfy { (0.05...0.9).contains($0) } && miss >= 0.1 && gradients.allSatisfy { $0 >= 0.001 }
        })
}
