import LearnCore

extension PerceptronUpdate {
    /// Another misclassified sample: weights with one decimal, inputs in halves, the desired output and η
    /// drawn. Asked: v, ŷ, e, the three new weights, ‖x‖² and v under the new weights.
    ///
    /// A draw is accepted only when the update matters and works: the perceptron is wrong on the sample
    /// (e ≠ 0), neither v nor v⁺ is 0 (no tie at the threshold), and after one update the sample is
    /// classified correctly (sign(v⁺) = y).
    public static let exercise: Exercise? = Exercise(
        draws: (0...2).map { .number("w\($0)", in: -2...2, step: 0.1, excluding: [0]) }
            + (1...2).map { .number("x\($0)", in: -2...2, step: 0.5, excluding: [0]) }
            + [.one("y", of: ["-1", "1"]), .one("eta", of: ["0.1", "0.2", "0.5", "1"])],
        givens: ["w0", "w1", "w2", "x1", "x2", "y", "eta"],
        asked: ["v", "y_hat", "e", "w0+", "w1+", "w2+", "x_norm2", "v+"],
        sections: ["update", "why"],
        accepts: { p, trace in
            guard let v = trace.value("v"), let e = trace.value("e"), let after = trace.value("v+"),
                  let y = Double(p.choice("y")) else { return false }
            return e != 0 && abs(v) > 1e-9 && abs(after) > 1e-9 && (after > 0) == (y > 0)
        })
}
