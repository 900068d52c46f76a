import LearnCore

/// Draws a `TraceRegionMap` as lines of text: one character per grid point, regions as fills, samples as
/// markers over them; several panels side by side, as many as fit in `width` characters, each with its
/// caption above and its x1 range below; x2 labelled on the left of each row of panels; then a legend.
///
/// Fills by region class: blank, `·`, `░`, `▒` (ASCII: blank, `.`, `:`, `=`); markers by sample label:
/// `○`, `●`, `◇`, `◆` (ASCII: `o`, `@`, `x`, `#`). No escape codes either way, so the picture reads the
/// same piped, with NO_COLOR, and inside a Markdown code block.
public struct RegionText: Sendable {
    public var unicode: Bool
    public var width: Int
    public var format: NumberFormat

    public init(unicode: Bool, width: Int = 78, format: NumberFormat = NumberFormat(digits: 3)) {
        self.unicode = unicode
        self.width = width
        self.format = format
    }

    var fills: [Character] { unicode ? [" ", "·", "░", "▒"] : [" ", ".", ":", "="] }
    var markers: [Character] { unicode ? ["○", "●", "◇", "◆"] : ["o", "@", "x", "#"] }

    public func draw(_ map: TraceRegionMap) -> [String] {
        let top = format.string(map.yRange.upperBound), bottom = format.string(map.yRange.lowerBound)
        let margin = max(top.count, bottom.count, map.yLabel.count)
        let vertical = unicode ? "│" : "|", corner = unicode ? "└" : "+", horizontal = unicode ? "─" : "-"
        let left = format.string(map.xRange.lowerBound), right = format.string(map.xRange.upperBound)
        let captionWidth = map.panels.flatMap(\.caption).map(\.count).max() ?? 0
        let panelWidth = max(map.columns + 1, captionWidth, left.count + right.count + map.xLabel.count + 3)
        let perRow = max(1, (width - margin - 1) / (panelWidth + 2))
        func padded(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func trimmed(_ s: String) -> String { var s = s; while s.last == " " { s.removeLast() }; return s }

        var lines: [String] = []
        for start in stride(from: 0, to: map.panels.count, by: perRow) {
            let group = Array(start..<min(start + perRow, map.panels.count))
            if start > 0 { lines.append("") }
            let captionLines = group.map { map.panels[$0].caption.count }.max() ?? 0
            for k in 0..<captionLines {
                let parts = group.map { i in padded(k < map.panels[i].caption.count ? map.panels[i].caption[k] : "", panelWidth) }
                lines.append(trimmed(String(repeating: " ", count: margin + 1) + parts.joined(separator: "  ")))
            }
            let grids = group.map { picture(map, panel: $0) }
            for r in 0..<map.rows {
                let tag = r == 0 ? top : (r == map.rows - 1 ? bottom : (r == map.rows / 2 ? map.yLabel : ""))
                let parts = grids.map { padded(vertical + String($0[r]), panelWidth) }
                lines.append(trimmed(String(repeating: " ", count: margin - tag.count) + tag + " " + parts.joined(separator: "  ")))
            }
            let axis = padded(corner + String(repeating: horizontal, count: map.columns), panelWidth)
            lines.append(trimmed(String(repeating: " ", count: margin + 1) + Array(repeating: axis, count: group.count).joined(separator: "  ")))
            let gap = max(1, map.columns - left.count - right.count - map.xLabel.count)
            let range = padded(" " + left + String(repeating: " ", count: max(1, gap / 2)) + map.xLabel
                + String(repeating: " ", count: max(1, gap - gap / 2)) + right, panelWidth)
            lines.append(trimmed(String(repeating: " ", count: margin + 1) + Array(repeating: range, count: group.count).joined(separator: "  ")))
        }
        var legend: [String] = []
        for (k, name) in map.regionNames.enumerated() {
            let fill = fills[k % fills.count]
            legend.append(fill == " " ? "blank: \(name)" : "\(fill) \(name)")
        }
        for (k, name) in map.pointNames.enumerated() where map.points.contains(where: { $0.label == k }) {
            legend.append("\(markers[k % markers.count]) \(name)")
        }
        lines += PlotText.packed(legend, indent: margin + 2, width: max(width, lines.map(\.count).max() ?? 0), gap: "   ")
        return lines
    }

    /// One panel's grid as rows of characters, samples drawn over the regions.
    func picture(_ map: TraceRegionMap, panel: Int) -> [[Character]] {
        var grid = (0..<map.rows).map { r in
            (0..<map.columns).map { c in fills[map.cell(panel, column: c, row: r) % fills.count] }
        }
        for p in map.points {
            guard let (c, r) = map.gridPosition(x: p.x, y: p.y) else { continue }
            grid[r][c] = markers[p.label % markers.count]
        }
        return grid
    }
}
