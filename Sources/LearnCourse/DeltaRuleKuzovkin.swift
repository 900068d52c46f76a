import LearnCore

/// The Drchal deck's delta rule on the Kuzovkin deck's 2-2-2 example (Mazur's weights w1…w8, thresholds
/// b1 = 0.35 and b2 = 0.60 given to each neuron, i = (0.05, 0.10), targets (0.01, 0.99)), so that the general
/// formulas can be seen to give the published numbers of the backprop lesson: w_jk^m is Mazur's w1 … w8.
public enum DeltaRuleKuzovkin: Derivation {
    public static let name = "delta-rule-kuzovkin"
    public static let summary = "The delta-rule derivation on the Kuzovkin deck's 2-2-2 example (w1…w8 as w_jk^m, biases as per-neuron thresholds)."
    public static let sections = ["network", "forward", "output-layer", "hidden-layer", "updates", "check", "after"]
    public static let parameters: [Parameter] = [
        .number("eta", 0.5, "learning rate η", in: 0...100),
        .number("gamma", 1, "gain γ of the sigmoid", in: 0.01...100),
        .number("h", 1e-6, "step of the central difference", in: 1e-9...0.1),
    ]

    /// Mazur's weights in Drchal's names: w1 = w_11^1 (i1 → h1), w2 = w_21^1 (i2 → h1), w3 = w_12^1, w4 = w_22^1,
    /// w5 = w_11^2 (h1 → o1), w6 = w_21^2, w7 = w_12^2, w8 = w_22^2; each neuron's threshold is its layer's bias.
    public static let weights: [String: Double] = [
        "w_11^1": 0.15, "w_21^1": 0.20, "w_12^1": 0.25, "w_22^1": 0.30, "w_01^1": 0.35, "w_02^1": 0.35,
        "w_11^2": 0.40, "w_21^2": 0.45, "w_12^2": 0.50, "w_22^2": 0.55, "w_01^2": 0.60, "w_02^2": 0.60,
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        var sheet = Worksheet()
        sheet.section("network")
        sheet.note("The backprop lesson's network in Drchal's names: w1, w2, w3, w4 are w_11^1, w_21^1, w_12^1, w_22^1; w5, w6, w7, w8 are w_11^2, w_21^2, w_12^2, w_22^2; b1 and b2 are the thresholds w_0k^1 and w_0k^2.")
        DeltaRule.work(sizes: [2, 2, 2], weights: weights, x: [0.05, 0.1], d: [0.01, 0.99], eta: p["eta"], gamma: p["gamma"],
                       h: p["h"], sheet: &sheet)
        return sheet.trace
    }
}
