import LearnCore

/// The Week 10 deck's hyperplane v(x, w) = Σ w_i x_i + w0 = 0 and the distance of a point from it,
/// dist(x, H(w)) = |v(x, w)| / √(Σ_{i=1}^M w_i²) — with w0 left out of the norm, as the deck writes it —
/// checked by the foot of the perpendicular; and what including w0 would give instead.
public enum HyperplaneDistance: Derivation {
    public static let name = "hyperplane-distance"
    public static let summary = "The Week 10 deck's hyperplane v(x, w) = 0 and dist(x, H(w)) = |v|/√(Σ_{i≥1} w_i²), checked by the foot of the perpendicular, and what putting w0 into the norm gives."
    public static let sections = ["hyperplane", "distance", "check", "with-w0"]
    public static let parameters: [Parameter] = [
        .number("w0", -1, "bias weight w0 (x0 = 1)", in: -1e3...1e3),
        .number("w1", 2, "weight w1", in: -1e3...1e3), .number("w2", 1, "weight w2", in: -1e3...1e3),
        .number("x1", 0.5, "input x1", in: -1e3...1e3), .number("x2", 1, "input x2", in: -1e3...1e3),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let (w0, w1, w2, x1, x2) = (p["w0"], p["w1"], p["w2"], p["x1"], p["x2"])
        guard w1 != 0 || w2 != 0 else {
            throw .invalid("w1 = w2 = 0: v(x, w) = w0 is the same everywhere, so there is no hyperplane (set w1 or w2)")
        }
        var sheet = Worksheet(inputs: ["w0": w0, "w1": w1, "w2": w2, "x1": x1, "x2": x2])

        sheet.section("hyperplane")
        let v = w1 * x1 + w2 * x2 + w0
        sheet.derive("v", .sum([.product(["w1", "x1"]), .product(["w2", "x2"]), "w0"]), value: v,
                     note: "The linear combiner; the hyperplane H(w) is where it is 0.")
        sheet.derive("y_hat", .function("sign", ["v"]), value: v >= 0 ? 1 : -1,
                     note: "The sign of v says on which side of H(w) the point lies (+1 where v ≥ 0).")
        sheet.add(PerceptronMap.single("The sample x and the two sides of v(x, w) = 0", samples: [(x1, x2, 1)],
                                       x: PerceptronMap.range(holding: x1), y: PerceptronMap.range(holding: x2),
                                       sampleNames: ["", "the sample x"], classify: PerceptronMap.side([w0, w1, w2])))

        sheet.section("distance")
        let norm2 = w1 * w1 + w2 * w2, norm = norm2.squareRoot()
        sheet.derive("norm_w", symbol: .text(plain: "√(Σ_{i=1}^M w_i²)", latex: "\\sqrt{\\sum_{i=1}^{M} w_i^2}"),
                     .function("√", [.sum([.power("w1", 2), .power("w2", 2)])]), value: norm,
                     note: "The sum starts at i = 1: w0 is not in it.")
        sheet.derive("dist", symbol: .text(plain: "dist(x, H(w))", latex: "\\mathrm{dist}(x, \\mathcal{H}(w))"),
                     .quotient(.function("abs", ["v"]), "norm_w"), value: abs(v) / norm)
        sheet.derive("signed_dist", .quotient("v", "norm_w"), value: v / norm,
                     note: "Keeping the sign: positive on the side where ŷ = +1.")

        sheet.section("check")
        let p1 = x1 - v * w1 / norm2, p2 = x2 - v * w2 / norm2
        sheet.derive("p1", .difference("x1", .quotient(.product(["v", "w1"]), .power("norm_w", 2))), value: p1,
                     note: "The foot p of the perpendicular from x: step back from x along (w1, w2) by v/‖w‖².")
        sheet.derive("p2", .difference("x2", .quotient(.product(["v", "w2"]), .power("norm_w", 2))), value: p2)
        sheet.derive("v_p", .sum([.product(["w1", "p1"]), .product(["w2", "p2"]), "w0"]), value: w1 * p1 + w2 * p2 + w0,
                     note: "p lies on the hyperplane (up to rounding in the last digit).")
        let d = ((x1 - p1) * (x1 - p1) + (x2 - p2) * (x2 - p2)).squareRoot()
        sheet.derive("dist_xp", symbol: .text(plain: "‖x − p‖", latex: "\\lVert x - p \\rVert"),
                     .function("√", [.sum([.power(.difference("x1", "p1"), 2), .power(.difference("x2", "p2"), 2)])]),
                     value: d, note: "The length of the perpendicular: the same number as dist(x, H(w)).")

        sheet.section("with-w0")
        let full = (w0 * w0 + norm2).squareRoot()
        sheet.derive("norm_w0", .function("√", [.sum([.power("w0", 2), .power("w1", 2), .power("w2", 2)])]), value: full)
        sheet.derive("dist_w0", .quotient(.function("abs", ["v"]), "norm_w0"), value: abs(v) / full,
                     note: "Not a distance in the (x1, x2) plane: the perpendicular above is longer. It is the distance of x̃ = (1, x1, x2) from the plane w·x̃ = 0 through the origin of the three-dimensional space of (x0, x1, x2) — the geometry the convergence theorem uses.")
        return sheet.trace
    }
}
