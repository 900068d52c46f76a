import LearnCore

extension DeltaRule {
    /// One delta-rule step on a small drawn network, by hand: the forward pass (s_k^m, y_k^m, E), the deltas
    /// output layer first, every Δw_jk^m = η·δ_k^m·y_j^(m−1) and every updated weight w_jk^m+.
    ///
    /// The architecture is drawn from hand-sized ones with a hidden layer (up to the slides' 2-2-2), the weights
    /// are the seeded ones rounded to two decimals, inputs and desired outputs from 0.1 to 0.9. The sheet's
    /// names follow the variant's `layers`, whatever it is: the weights, inputs and desired outputs are its given
    /// quantities. A variant is drawn again when a weight rounds to 0, a sigmoid is within 0.05 of 0 or 1, an
    /// output is within 0.05 of its desired value, or a delta is below 0.001 (a number of leading zeros, no practice).
    public static let exercise: Exercise? = Exercise(
        draws: [
            .one("layers", of: ["1-2-1", "2-1-1", "2-2-1", "2-2-2", "1-1-1-1", "1-2-1-1"]),
            .count("seed", in: 1...999),
            .one("x", of: pairs(from: 0.1, through: 0.9, step: 0.1)),
            .one("d", of: pairs(from: 0.1, through: 0.9, step: 0.1)),
            .one("eta", of: ["0.1", "0.25", "0.5", "1"]),
            .one("gamma", of: ["0.5", "1", "2"]),
        ],
        fixed: [Argument(name: "decimals", value: "2")],
        givens: ["layers", "eta", "gamma"],
        asked: [],
        sections: ["network", "forward", "output-layer", "hidden-layer", "updates", "after"],
        givenQuantitiesFor: { p in exerciseGivens(sizes(p.choice("layers"))!) },
        askedFor: { p in exerciseAsked(sizes(p.choice("layers"))!) },
        accepts: { p, trace in
            let sizes = sizes(p.choice("layers"))!
            let weights = exerciseWeights(sizes).map { trace.value($0) ?? 0 }
            let outputs = (1..<sizes.count).flatMap { m in (1...sizes[m]).map { trace.value("y_\($0)^\(m)") ?? 0 } }
            let L = sizes.count - 1
            let errors = (1...sizes[L]).map { abs((trace.value("d_\($0)") ?? 0) - (trace.value("y_\($0)^\(L)") ?? 0)) }
            let deltas = (1...L).flatMap { m in (1...sizes[m]).map { abs(trace.value("delta_\($0)^\(m)") ?? 0) } }
            return weights.allSatisfy { $0 != 0 } && outputs.allSatisfy { (0.05...0.95).contains($0) }
                && errors.allSatisfy { $0 >= 0.05 } && deltas.allSatisfy { $0 >= 0.001 }
        })

    /// "a,b" for every two values `low`, `low + step`, … `high` (one decimal each).
    static func pairs(from low: Double, through high: Double, step: Double) -> [String] {
        let grid = Exercise.Draw.number("", in: low...high, step: step).values
        return grid.flatMap { a in grid.map { b in "\(a),\(b)" } }
    }

    /// The weights w_jk^m of a network with these layer sizes, in the order of its weight table.
    static func exerciseWeights(_ sizes: [Int]) -> [String] {
        (1..<sizes.count).flatMap { m in (1...sizes[m]).flatMap { k in (0...sizes[m - 1]).map { j in "w_\(j)\(k)^\(m)" } } }
    }

    /// The given quantities: the weights, the inputs x_j and the desired outputs d_k.
    static func exerciseGivens(_ sizes: [Int]) -> [String] {
        exerciseWeights(sizes) + (1...sizes[0]).map { "x_\($0)" } + (1...sizes.last!).map { "d_\($0)" }
    }

    /// The asked names, in the derivation's order: forward, deltas from the output layer back, changes, updated weights.
    static func exerciseAsked(_ sizes: [Int]) -> [String] {
        let L = sizes.count - 1
        let forward = (1...L).flatMap { m in (1...sizes[m]).flatMap { k in ["s_\(k)^\(m)", "y_\(k)^\(m)"] } } + ["E"]
        let deltas = stride(from: L, through: 1, by: -1).flatMap { m in (1...sizes[m]).map { k in "delta_\(k)^\(m)" } }
        let changes = stride(from: L, through: 1, by: -1).flatMap { m in
            (1...sizes[m]).flatMap { k in (0...sizes[m - 1]).map { j in "Dw_\(j)\(k)^\(m)" } }
        }
        return forward + deltas + changes + exerciseWeights(sizes).map { $0 + "+" }
    }
}
