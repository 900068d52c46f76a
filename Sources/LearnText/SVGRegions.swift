import Foundation
import LearnCore

/// Draws a `TraceRegionMap` as inline SVG: each panel a grid of tinted cells (one per grid point,
/// centred on it; runs of one class in a row merged), axes with ticks on the (x1, x2) plane, the samples
/// as markers coloured like their own class, so a sample on the other class's tint is misclassified;
/// captions under the panels and a legend under all.
///
/// Panels sit side by side, as many in a row as fit `width`; x and x2 units are drawn the same length.
public struct SVGRegions: Sendable {
    public var width: Double

    public init(width: Double = 660) { self.width = width }

    /// Light tints for the regions and strong colours for their samples, class by class.
    static let tints = ["#f7d9c4", "#cfe0f4", "#d3ecd2", "#ecd5ee", "#f3ecbf"]
    static let inks = ["#b4470f", "#1f5fa8", "#2e7d32", "#7b3f8c", "#8a7400"]
    static let fontSize = 13.0

    public func draw(_ map: TraceRegionMap) -> String {
        let n = SVGNumber.string
        let dx = (map.xRange.upperBound - map.xRange.lowerBound) / Double(map.columns - 1)
        let dy = (map.yRange.upperBound - map.yRange.lowerBound) / Double(map.rows - 1)
        // The drawn rectangle: the grid points' cells, half a step beyond the range on each side.
        let spanX = Double(map.columns) * dx, spanY = Double(map.rows) * dy
        let count = max(1, map.panels.count)
        let gap = 22.0, margin = 46.0
        let perRow = max(1, min(count, Int((width - margin + gap) / (150 + gap))))
        var panelWidth = min(440, (width - margin - Double(perRow - 1) * gap) / Double(perRow))
        var panelHeight = panelWidth * spanY / spanX
        if panelHeight > 360 { panelHeight = 360; panelWidth = panelHeight * spanX / spanY }
        let captionLines = map.panels.map(\.caption.count).max() ?? 0
        let rowsOfPanels = (count + perRow - 1) / perRow
        let rowHeight = panelHeight + 40 + Double(captionLines) * 16 + 8
        let legend = legendEntries(map)
        let legendRows = self.legendRows(legend)
        let height = 10 + Double(rowsOfPanels) * rowHeight + Double(legendRows.count) * 22 + 6
        let usedWidth = margin + Double(perRow) * panelWidth + Double(perRow - 1) * gap + 8
        let totalWidth = max(usedWidth, min(width, legendRows.map { $0.reduce(0) { $0 + $1.width } }.max() ?? 0) + margin)

        var out = "<svg class=\"figure regions\" viewBox=\"0 0 \(n(totalWidth)) \(n(height))\" width=\"\(n(totalWidth))\" role=\"img\">"
        out += "<title>\(HTMLEscape.text(map.title))</title>"
        let xAxis = SVGAxis.linear(map.xRange.lowerBound, map.xRange.upperBound, count: 5)
        let yAxis = SVGAxis.linear(map.yRange.lowerBound, map.yRange.upperBound, count: 5)
        for (k, panel) in map.panels.enumerated() {
            let left = margin + Double(k % perRow) * (panelWidth + gap)
            let top = 10 + Double(k / perRow) * rowHeight
            let cw = panelWidth / Double(map.columns), ch = panelHeight / Double(map.rows)
            func px(_ x: Double) -> Double { left + (x - map.xRange.lowerBound + dx / 2) / spanX * panelWidth }
            func py(_ y: Double) -> Double { top + (map.yRange.upperBound + dy / 2 - y) / spanY * panelHeight }
            out += "<g class=\"panel\" data-panel=\"\(k)\"><g shape-rendering=\"crispEdges\">"
            for r in 0..<map.rows {
                var c = 0
                while c < map.columns {
                    let cls = panel.cells[r * map.columns + c]
                    var end = c + 1
                    while end < map.columns, panel.cells[r * map.columns + end] == cls { end += 1 }
                    out += "<rect x=\"\(n(left + Double(c) * cw))\" y=\"\(n(top + Double(r) * ch))\" width=\"\(n(Double(end - c) * cw + 0.3))\" height=\"\(n(ch + 0.3))\" fill=\"\(Self.tints[cls % Self.tints.count])\"/>"
                    c = end
                }
            }
            out += "</g>"
            // Axes through zero, light, when zero is inside.
            if map.xRange.contains(0) {
                out += "<line x1=\"\(n(px(0)))\" y1=\"\(n(top))\" x2=\"\(n(px(0)))\" y2=\"\(n(top + panelHeight))\" stroke=\"#999\" stroke-width=\"0.8\" stroke-dasharray=\"3 3\"/>"
            }
            if map.yRange.contains(0) {
                out += "<line x1=\"\(n(left))\" y1=\"\(n(py(0)))\" x2=\"\(n(left + panelWidth))\" y2=\"\(n(py(0)))\" stroke=\"#999\" stroke-width=\"0.8\" stroke-dasharray=\"3 3\"/>"
            }
            out += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(panelWidth))\" height=\"\(n(panelHeight))\" fill=\"none\" stroke=\"#444\" stroke-width=\"1\"/>"
            // Ticks: x under every panel, y left of the first in each row.
            for t in xAxis.ticks where map.xRange.contains(t.value) {
                out += "<line x1=\"\(n(px(t.value)))\" y1=\"\(n(top + panelHeight))\" x2=\"\(n(px(t.value)))\" y2=\"\(n(top + panelHeight + 4))\" stroke=\"#444\"/>"
                out += SVGText(plain: t.label).element(x: px(t.value), y: top + panelHeight + 16, size: Self.fontSize - 2, anchor: "middle", fill: "#222")
            }
            if k % perRow == 0 {
                for t in yAxis.ticks where map.yRange.contains(t.value) {
                    out += "<line x1=\"\(n(left - 4))\" y1=\"\(n(py(t.value)))\" x2=\"\(n(left))\" y2=\"\(n(py(t.value)))\" stroke=\"#444\"/>"
                    out += SVGText(plain: t.label).element(x: left - 6, y: py(t.value) + 4, size: Self.fontSize - 2, anchor: "end", fill: "#222")
                }
                let yc = top + panelHeight / 2
                out += Self.name(map.yLabel).element(x: 12, y: yc, size: Self.fontSize, anchor: "middle", fill: "#111",
                                                           extra: "transform=\"rotate(-90 12 \(n(yc)))\"")
            }
            out += Self.name(map.xLabel).element(x: left + panelWidth / 2, y: top + panelHeight + 32, size: Self.fontSize, anchor: "middle", fill: "#111")
            // Samples.
            for p in map.points where p.x.isFinite && p.y.isFinite && map.xRange.contains(p.x) && map.yRange.contains(p.y) {
                out += Self.marker(p.label, x: px(p.x), y: py(p.y))
            }
            for (j, line) in panel.caption.enumerated() {
                out += SVGText(plain: line).element(x: left + panelWidth / 2, y: top + panelHeight + 50 + Double(j) * 16,
                                                    size: Self.fontSize - 1, anchor: "middle", fill: "#222")
            }
            out += "</g>"
        }
        var y = 10 + Double(rowsOfPanels) * rowHeight + 12
        for row in legendRows {
            var x = margin
            for entry in row {
                if entry.isRegion {
                    out += "<rect x=\"\(n(x))\" y=\"\(n(y - 10))\" width=\"18\" height=\"14\" fill=\"\(Self.tints[entry.index % Self.tints.count])\" stroke=\"#888\" stroke-width=\"0.6\"/>"
                } else {
                    out += Self.marker(entry.index, x: x + 9, y: y - 3)
                }
                out += entry.text.element(x: x + 26, y: y + 1, size: Self.fontSize, fill: "#222")
                x += entry.width
            }
            y += 22
        }
        return out + "</svg>"
    }

    /// A sample of class `label`: a hollow circle for class 0, a filled one for class 1, other shapes after.
    static func marker(_ label: Int, x: Double, y: Double) -> String {
        let ink = inks[label % inks.count], n = SVGNumber.string
        switch label % 4 {
        case 0: return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"5.5\" fill=\"white\" stroke=\"\(ink)\" stroke-width=\"2.4\"/>"
        case 1: return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"6\" fill=\"\(ink)\" stroke=\"white\" stroke-width=\"1.2\"/>"
        case 2: return "<path d=\"M\(n(x)) \(n(y - 7))L\(n(x + 6.5)) \(n(y + 5))L\(n(x - 6.5)) \(n(y + 5))Z\" fill=\"\(ink)\" stroke=\"white\" stroke-width=\"1\"/>"
        default: return "<rect x=\"\(n(x - 5))\" y=\"\(n(y - 5))\" width=\"10\" height=\"10\" fill=\"\(ink)\" stroke=\"white\" stroke-width=\"1\"/>"
        }
    }

    /// `x1` typeset as x with subscript 1; other names as written.
    static func name(_ label: String) -> SVGText {
        let p = Symbol.parts(label)
        let simple = !label.contains(" ") && p.base.count == 1 && p.subscript.allSatisfy(\.isNumber)
        return simple ? SVGText.symbol(label) : SVGText(plain: label)
    }

    struct LegendEntry {
        var isRegion: Bool
        var index: Int
        var text: SVGText
        var width: Double
    }

    func legendEntries(_ map: TraceRegionMap) -> [LegendEntry] {
        let regions = map.regionNames.enumerated().map { k, name -> LegendEntry in
            let text = SVGText(plain: "region " + name)
            return LegendEntry(isRegion: true, index: k, text: text, width: 26 + text.width(Self.fontSize) + 22)
        }
        let samples = map.pointNames.enumerated().map { k, name -> LegendEntry in
            let text = SVGText(plain: "sample " + name)
            return LegendEntry(isRegion: false, index: k, text: text, width: 26 + text.width(Self.fontSize) + 22)
        }
        return regions + samples
    }

    func legendRows(_ entries: [LegendEntry]) -> [[LegendEntry]] {
        SVGRows.fill(entries, available: width - 50) { $0.width }
    }
}
