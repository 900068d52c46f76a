import Foundation
import LearnCore

/// Draws a `TracePlot` as lines of text: one marker per series, y axis labelled at top and bottom,
/// x range underneath, then a legend. With `unicode` false it uses ASCII only.
public struct PlotText: Sendable {
    public let width: Int
    public let height: Int
    public let unicode: Bool
    public let format: NumberFormat

    public init(width: Int, height: Int, unicode: Bool, format: NumberFormat) {
        self.width = width; self.height = height; self.unicode = unicode; self.format = format
    }

    /// The same plot style with the plot area as wide as fits in `columns` once the y labels of `plot`
    /// are beside it (at least 2): every line of ``draw(_:)`` is then at most `columns` wide, unless
    /// the legend, the axis names or the x labels are wider than the plot area.
    public func fitted(to columns: Int, for plot: TracePlot) -> PlotText {
        let margin = bounds(plot).map { self.margin(plot, $0) } ?? 0
        return PlotText(width: max(2, columns - margin - 2), height: height, unicode: unicode, format: format)
    }

    /// The x and (transformed, for a log scale) y ranges of the points that can be drawn.
    private func bounds(_ plot: TracePlot) -> (xMin: Double, xMax: Double, yMin: Double, yMax: Double)? {
        let points = plot.series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite && (!plot.logY || $0.y > 0) }
        guard let first = points.first else { return nil }
        func ty(_ y: Double) -> Double { plot.logY ? log10(y) : y }
        var (xMin, xMax, yMin, yMax) = (first.x, first.x, ty(first.y), ty(first.y))
        for p in points {
            xMin = min(xMin, p.x); xMax = max(xMax, p.x); yMin = min(yMin, ty(p.y)); yMax = max(yMax, ty(p.y))
        }
        if xMax == xMin { xMax = xMin + 1 }
        if yMax == yMin { yMax = yMin + 1 }
        return (xMin, xMax, yMin, yMax)
    }

    private func label(_ plot: TracePlot, _ t: Double) -> String { format.string(plot.logY ? pow(10, t) : t) }

    /// Columns taken by the y labels.
    private func margin(_ plot: TracePlot, _ b: (xMin: Double, xMax: Double, yMin: Double, yMax: Double)) -> Int {
        max(label(plot, b.yMax).count, label(plot, b.yMin).count)
    }

    public func draw(_ plot: TracePlot) -> [String] {
        let markers: [Character] = unicode ? ["●", "○", "◆", "▲", "■"] : ["*", "o", "+", "x", "#"]
        guard let (xMin, xMax, yMin, yMax) = bounds(plot) else { return ["(nothing to draw)"] }
        func ty(_ y: Double) -> Double { plot.logY ? log10(y) : y }
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        for (k, series) in plot.series.enumerated() {
            for p in series.points where p.x.isFinite && p.y.isFinite && (!plot.logY || p.y > 0) {
                // Halves, so that a span from −1e308 to 1e308 does not overflow to ∞ (and ∞/∞ to NaN).
                let col = ProgressText.cells(fraction: (p.x / 2 - xMin / 2) / (xMax / 2 - xMin / 2), width: width - 1)
                let row = height - 1 - ProgressText.cells(fraction: (ty(p.y) / 2 - yMin / 2) / (yMax / 2 - yMin / 2), width: height - 1)
                grid[row][col] = markers[k % markers.count]
            }
        }
        let top = label(plot, yMax), bottom = label(plot, yMin)
        let margin = max(top.count, bottom.count)
        let vertical: Character = unicode ? "│" : "|", corner = unicode ? "└" : "+", horizontal = unicode ? "─" : "-"
        var lines: [String] = []
        for (r, row) in grid.enumerated() {
            let tag = r == 0 ? top : (r == height - 1 ? bottom : "")
            lines.append(String(repeating: " ", count: margin - tag.count) + tag + " " + String(vertical) + String(row))
        }
        lines.append(String(repeating: " ", count: margin + 1) + corner + String(repeating: horizontal, count: width))
        let left = format.string(xMin), right = format.string(xMax)
        let gap = max(1, width - left.count - right.count)
        lines.append(String(repeating: " ", count: margin + 2) + left + String(repeating: " ", count: gap) + right)
        let scale = plot.logY ? " (log scale)" : ""
        let total = margin + 2 + width
        lines += Self.packed(["x: \(plot.xLabel),", "y: \(plot.yLabel)\(scale)"], indent: margin + 2, width: total, gap: " ")
        if plot.series.count > 1 || plot.series.first?.name != plot.yLabel {
            let legend = plot.series.enumerated().map { "\(markers[$0.offset % markers.count]) \($0.element.name)" }
            lines += Self.packed(legend, indent: margin + 2, width: total, gap: "   ")
        }
        return lines
    }

    /// Entries on as few lines as fit in `width`, each line indented by `indent` (less when an entry
    /// would not fit), entries on a line separated by `gap`.
    static func packed(_ entries: [String], indent: Int, width: Int, gap: String) -> [String] {
        var lines: [String] = [], line = ""
        for entry in entries {
            if !line.isEmpty, indent + line.count + gap.count + entry.count <= width {
                line += gap + entry
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = entry
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { String(repeating: " ", count: max(0, min(indent, width - $0.count))) + $0 }
    }
}
