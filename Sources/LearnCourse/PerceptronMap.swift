import LearnCore

/// Decision-region maps of the perceptron lessons on the square −0.5…1.5 of the (x1, x2) plane: a large
/// map of 33 × 17 grid points (steps 1/16 across, 1/8 down, so a terminal cell is about square) and small
/// panels of 17 × 9 for a row of snapshots. On both the truth-table corners 0 and 1 fall on grid points.
enum PerceptronMap {
    static let range: ClosedRange<Double> = -0.5...1.5

    /// The ±1 samples of a truth table as map points (label 1 for y = +1).
    static func points(_ samples: [(x1: Double, x2: Double, y: Double)]) -> [TraceRegionMap.Point] {
        samples.map { .init(x: $0.x1, y: $0.x2, label: $0.y > 0 ? 1 : 0) }
    }

    /// ŷ = sign(w0 + w1·x1 + w2·x2) as a region class: 1 where v ≥ 0 (the Week 10 deck's sign), else 0.
    static func side(_ w: [Double]) -> (Double, Double) -> Int {
        { x1, x2 in w[0] + w[1] * x1 + w[2] * x2 >= 0 ? 1 : 0 }
    }

    /// One large map of any classifier (class 1 is ŷ = +1).
    static func single(_ title: String, samples: [(x1: Double, x2: Double, y: Double)],
                       x: ClosedRange<Double> = range, y: ClosedRange<Double> = range,
                       regionNames: [String] = ["ŷ = −1", "ŷ = +1"], sampleNames: [String] = ["y = −1", "y = +1"],
                       classify: (Double, Double) -> Int) -> TraceRegionMap {
        let cells = TraceRegionMap.cells(x: x, y: y, columns: 33, rows: 17, classify: classify)
        return TraceRegionMap(title: title, x: x, y: y, columns: 33, rows: 17, panels: [.init(cells: cells)],
                              regionNames: regionNames, pointNames: sampleNames, points: points(samples))
    }

    /// Small panels side by side, one per weight vector, each captioned.
    static func strip(_ title: String, samples: [(x1: Double, x2: Double, y: Double)],
                      panels: [(caption: [String], w: [Double])]) -> TraceRegionMap {
        TraceRegionMap(title: title, x: range, y: range, columns: 17, rows: 9,
                       panels: panels.map { .init(caption: $0.caption, cells: TraceRegionMap.cells(
                           x: range, y: range, columns: 17, rows: 9, classify: side($0.w))) },
                       regionNames: ["ŷ = −1", "ŷ = +1"], pointNames: ["y = −1", "y = +1"], points: points(samples))
    }

    /// −0.5…1.5, widened in steps of 1/2 when `value` is not at least half a unit inside it.
    static func range(holding value: Double) -> ClosedRange<Double> {
        let low = min(range.lowerBound, ((value - 0.5) * 2).rounded(.down) / 2)
        let high = max(range.upperBound, ((value + 0.5) * 2).rounded(.up) / 2)
        return low...high
    }
}
