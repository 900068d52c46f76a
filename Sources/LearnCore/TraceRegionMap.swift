/// Maps of a classifier's decision regions over a rectangle of the (x1, x2) plane, with samples marked:
/// one panel, or several side by side (the boundary after each update, say) on the same grid.
///
/// The rectangle is sampled on a `columns` × `rows` grid of points, corners included: column c is
/// x1 = xMin + c·(xMax − xMin)/(columns − 1) and row r is x2 = yMax − r·(yMax − yMin)/(rows − 1) (row 0 is
/// the top). Each panel holds, for every grid point, the class the classifier gives there (an index into
/// `regionNames`). Samples are drawn over every panel at the nearest grid point with a marker for their
/// own (desired) class, so a marker inside the other class's region is a misclassified sample. Choose
/// the grid so that the samples fall on grid points (x1 = 0 and 1 on −0.5…1.5 with 4k + 1 columns).
public struct TraceRegionMap: Sendable, Equatable {
    /// A sample: its position and its desired class (an index into `pointNames`).
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var label: Int
        public init(x: Double, y: Double, label: Int) { self.x = x; self.y = y; self.label = label }
    }

    /// One map: a caption of a line or two, and `rows · columns` class indices, row-major, top row first.
    public struct Panel: Sendable, Equatable {
        public var caption: [String]
        public var cells: [Int]
        public init(caption: [String] = [], cells: [Int]) { self.caption = caption; self.cells = cells }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var columns: Int
    public var rows: Int
    public var panels: [Panel]
    /// What each region class means, for the legend: `["ŷ = −1", "ŷ = +1"]`.
    public var regionNames: [String]
    /// What each sample label means, for the legend: `["y = −1", "y = +1"]`.
    public var pointNames: [String]
    public var points: [Point]

    public init(title: String, xLabel: String = "x1", yLabel: String = "x2",
                x xRange: ClosedRange<Double>, y yRange: ClosedRange<Double>, columns: Int, rows: Int,
                panels: [Panel], regionNames: [String], pointNames: [String], points: [Point]) {
        precondition(columns >= 2 && rows >= 2, "TraceRegionMap: the grid is \(columns) × \(rows), at least 2 × 2 needed")
        precondition(xRange.upperBound > xRange.lowerBound && yRange.upperBound > yRange.lowerBound,
                     "TraceRegionMap: empty range \(xRange) × \(yRange)")
        for panel in panels {
            precondition(panel.cells.count == rows * columns,
                         "TraceRegionMap: \(columns) × \(rows) needs \(rows * columns) cells, a panel has \(panel.cells.count)")
            precondition(panel.cells.allSatisfy { regionNames.indices.contains($0) },
                         "TraceRegionMap: a cell's class is not one of the \(regionNames.count) region names")
        }
        precondition(points.allSatisfy { pointNames.indices.contains($0.label) },
                     "TraceRegionMap: a point's label is not one of the \(pointNames.count) point names")
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        self.xRange = xRange; self.yRange = yRange; self.columns = columns; self.rows = rows
        self.panels = panels; self.regionNames = regionNames; self.pointNames = pointNames; self.points = points
    }

    /// The cells of a panel, filled by asking `classify(x1, x2)` at every grid point.
    public static func cells(x xRange: ClosedRange<Double>, y yRange: ClosedRange<Double>, columns: Int, rows: Int,
                             classify: (Double, Double) -> Int) -> [Int] {
        var cells: [Int] = []
        cells.reserveCapacity(rows * columns)
        for r in 0..<rows {
            for c in 0..<columns {
                cells.append(classify(coordinate(c, of: columns, in: xRange), coordinate(rows - 1 - r, of: rows, in: yRange)))
            }
        }
        return cells
    }

    /// The coordinate of grid line `i` of `n` spread evenly over `range`, ends included.
    public static func coordinate(_ i: Int, of n: Int, in range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(i) * (range.upperBound - range.lowerBound) / Double(n - 1)
    }

    /// The class in `panel` at grid column `column` and row `row` (row 0 at the top).
    public func cell(_ panel: Int, column: Int, row: Int) -> Int { panels[panel].cells[row * columns + column] }

    /// The grid column and row nearest to a point, or nil when it lies outside the rectangle.
    public func gridPosition(x: Double, y: Double) -> (column: Int, row: Int)? {
        guard xRange.contains(x), yRange.contains(y) else { return nil }
        // Halves, so that a span wider than the largest Double does not overflow to ∞ (and ∞/∞ to NaN);
        // the fractions are in 0…1 for a point inside.
        let fx = (x / 2 - xRange.lowerBound / 2) / (xRange.upperBound / 2 - xRange.lowerBound / 2)
        let fy = (yRange.upperBound / 2 - y / 2) / (yRange.upperBound / 2 - yRange.lowerBound / 2)
        func cell(_ f: Double, _ n: Int) -> Int { f.isFinite ? Int((min(1, max(0, f)) * Double(n - 1)).rounded()) : 0 }
        return (cell(fx, columns), cell(fy, rows))
    }
}
