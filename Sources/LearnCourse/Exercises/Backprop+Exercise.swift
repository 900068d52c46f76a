import LearnCore

extension Backprop {
    /// A fresh 2-2-2 network to work by hand: inputs, eight weights (±1, two decimals, none 0), the two
    /// biases, the targets and η drawn; biases frozen, no training run. Asked: the forward pass, the errors,
    /// and every link of the chain to w1+ … w8+.
    ///
    /// A draw is accepted only when every sigmoid is out of saturation (each out between 0.05 and 0.95),
    /// each output is at least 0.05 from its target, and every ∂E_total/∂w is at least 0.001 in size, so
    /// that each update shows at three significant digits and w+ cannot be mistaken for w.
    public static let exercise: Exercise? = Exercise(
        draws: [.number("i1", in: 0.05...1, step: 0.05), .number("i2", in: 0.05...1, step: 0.05)]
            + weightNames.map { .number($0, in: -1...1, step: 0.01, excluding: [0]) }
            + [.number("b1", in: 0.01...0.99, step: 0.01), .number("b2", in: 0.01...0.99, step: 0.01),
               .number("target_o1", in: 0.01...0.99, step: 0.01), .number("target_o2", in: 0.01...0.99, step: 0.01),
               .one("eta", of: ["0.1", "0.25", "0.5", "1"])],
        fixed: [Argument(name: "steps", value: "0"), Argument(name: "biases", value: "frozen")],
        givens: ["i1", "i2"] + weightNames + ["b1", "b2", "target_o1", "target_o2", "eta"],
        asked: exerciseAsked,
        sections: ["forward", "error", "output-layer", "hidden-layer"],
        accepts: { p, trace in
            let outs = ["out_h1", "out_h2", "out_o1", "out_o2"].map { trace.value($0) ?? .nan }
            guard outs.allSatisfy({ (0.05...0.95).contains($0) }) else { return false }
            guard abs(p["target_o1"] - outs[2]) >= 0.05, abs(p["target_o2"] - outs[3]) >= 0.05 else { return false }
            return weightNames.allSatisfy { abs(trace.value(Formula.derivativeKey("E_total", $0)) ?? 0) >= 0.001 }
        })

    /// The quantities of the worked example, in its order: forward pass, errors, output layer, hidden layer.
    static var exerciseAsked: [String] {
        var names = ["net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2", "E_o1", "E_o2", "E_total"]
        for (k, o) in outputs.enumerated() {
            names += [Formula.derivativeKey("E_total", "out_\(o)"), Formula.derivativeKey("out_\(o)", "net_\(o)"),
                      Formula.derivativeKey("E_total", "net_\(o)")]
            for w in [weightNames[4 + 2 * k], weightNames[5 + 2 * k]] { names += [Formula.derivativeKey("E_total", w), "\(w)+"] }
        }
        for (j, h) in hiddens.enumerated() {
            names += [Formula.derivativeKey("E_o1", "out_\(h)"), Formula.derivativeKey("E_o2", "out_\(h)"),
                      Formula.derivativeKey("E_total", "out_\(h)"), Formula.derivativeKey("out_\(h)", "net_\(h)")]
            for w in [weightNames[2 * j], weightNames[2 * j + 1]] { names += [Formula.derivativeKey("E_total", w), "\(w)+"] }
        }
        return names
    }
}
