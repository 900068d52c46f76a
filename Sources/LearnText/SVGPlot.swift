import Foundation
import LearnCore

/// Draws a `TracePlot` as inline SVG: a framed plot area with grid lines, ticks and labels on both
/// axes (the y axis logarithmic when the plot asks for it), the axis names, each series as a line or
/// as markers, and a legend under the plot.
///
/// How a series is drawn: points in increasing x are joined by a line (with markers when there are
/// few); points in another order are a path when consecutive points are close (a contour, the route
/// of gradient descent; the line is lifted where they jump) and a scatter of markers otherwise. Points
/// that are not finite, or not positive on a log scale, are left out. Each series has its own colour,
/// dash pattern and marker shape, so the plot still reads in black and white.
public struct SVGPlot: Sendable {
    /// The drawing's size in SVG units (the page scales it to its width).
    public var width: Double
    public var height: Double

    public init(width: Double = 640, height: Double = 360) {
        self.width = width
        self.height = height
    }

    static let palette = ["#1f5fa8", "#d0621a", "#2e8540", "#b3263a", "#6b4aa6", "#7a6228"]
    static let dashes = ["", "7 4", "2 3", "9 3 2 3", "4 2", "1 2"]
    static let fontSize = 13.0

    /// Where the plot area lies and how data maps into it.
    struct Frame {
        var left: Double, top: Double, right: Double, bottom: Double
        var x: SVGAxis
        var y: SVGAxis
        var logY: Bool

        func px(_ v: Double) -> Double { x.position(v, from: left, to: right) }
        func py(_ v: Double) -> Double { y.position(logY ? log10(v) : v, from: bottom, to: top) }
    }

    /// The points of a series that can be drawn.
    static func drawable(_ s: TracePlot.Series, logY: Bool) -> [(x: Double, y: Double)] {
        s.points.filter { $0.x.isFinite && $0.y.isFinite && (!logY || $0.y > 0) }
    }

    /// The frame for `plot` with its legend taking `legendHeight` under it; nil when nothing can be drawn.
    func frame(_ plot: TracePlot, legendHeight: Double) -> Frame? {
        let points = plot.series.flatMap { Self.drawable($0, logY: plot.logY) }
        guard let first = points.first else { return nil }
        var (xMin, xMax, yMin, yMax) = (first.x, first.x, first.y, first.y)
        for p in points { xMin = min(xMin, p.x); xMax = max(xMax, p.x); yMin = min(yMin, p.y); yMax = max(yMax, p.y) }
        let xAxis = SVGAxis.linear(xMin, xMax, count: 7)
        let yAxis = plot.logY ? SVGAxis.logScale(log10(yMin), log10(yMax)) : SVGAxis.linear(yMin, yMax, count: 6)
        let labelWidth = yAxis.ticks.map { SVGText(plain: $0.label).width(Self.fontSize) }.max() ?? 20
        let left = 14 + Self.fontSize * 1.4 + labelWidth + 8
        return Frame(left: left, top: 12, right: width - 18, bottom: height - 52 - legendHeight, x: xAxis, y: yAxis, logY: plot.logY)
    }

    /// The SVG element.
    public func draw(_ plot: TracePlot) -> String {
        let legend = legendEntries(plot)
        let rows = legendRows(legend)
        let legendHeight = rows.isEmpty ? 0 : Double(rows.count) * 20 + 6
        guard let f = frame(plot, legendHeight: legendHeight) else {
            return "<svg class=\"figure plot\" viewBox=\"0 0 \(SVGNumber.string(width)) 60\" width=\"\(SVGNumber.string(width))\" role=\"img\">"
                + "<title>\(HTMLEscape.text(plot.title))</title>"
                + SVGText(plain: "(nothing to draw: no finite points)").element(x: width / 2, y: 34, size: Self.fontSize, anchor: "middle", fill: "#666")
                + "</svg>"
        }
        let n = SVGNumber.string
        var out = "<svg class=\"figure plot\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" role=\"img\">"
        out += "<title>\(HTMLEscape.text(plot.title))</title>"
        // Grid and frame.
        out += "<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">"
        for t in f.x.ticks { out += "<line x1=\"\(n(f.px(t.value)))\" y1=\"\(n(f.top))\" x2=\"\(n(f.px(t.value)))\" y2=\"\(n(f.bottom))\"/>" }
        for t in f.y.ticks {
            let y = f.y.position(t.value, from: f.bottom, to: f.top)
            out += "<line x1=\"\(n(f.left))\" y1=\"\(n(y))\" x2=\"\(n(f.right))\" y2=\"\(n(y))\"/>"
        }
        out += "</g>"
        out += "<rect class=\"plot-area\" x=\"\(n(f.left))\" y=\"\(n(f.top))\" width=\"\(n(f.right - f.left))\" height=\"\(n(f.bottom - f.top))\" fill=\"none\" stroke=\"#444\" stroke-width=\"1\"/>"
        // Ticks and their labels.
        out += "<g class=\"ticks\" stroke=\"#444\">"
        for t in f.x.ticks { out += "<line x1=\"\(n(f.px(t.value)))\" y1=\"\(n(f.bottom))\" x2=\"\(n(f.px(t.value)))\" y2=\"\(n(f.bottom + 5))\"/>" }
        for t in f.y.ticks {
            let y = f.y.position(t.value, from: f.bottom, to: f.top)
            out += "<line x1=\"\(n(f.left - 5))\" y1=\"\(n(y))\" x2=\"\(n(f.left))\" y2=\"\(n(y))\"/>"
        }
        out += "</g><g class=\"tick-labels\" fill=\"#222\">"
        for t in f.x.ticks {
            out += SVGText(plain: t.label).element(x: f.px(t.value), y: f.bottom + 19, size: Self.fontSize, anchor: "middle")
        }
        for t in f.y.ticks {
            let y = f.y.position(t.value, from: f.bottom, to: f.top)
            out += SVGText(plain: t.label).element(x: f.left - 8, y: y + 4.5, size: Self.fontSize, anchor: "end")
        }
        out += "</g>"
        // Axis names.
        out += Self.axisName(plot.xLabel).element(x: (f.left + f.right) / 2, y: f.bottom + 40, size: Self.fontSize + 1, anchor: "middle", fill: "#111")
        let yName = Self.axisName(plot.yLabel) + (plot.logY ? SVGText(plain: " (log scale)") : SVGText())
        let yCentre = (f.top + f.bottom) / 2
        out += yName.element(x: 16, y: yCentre, size: Self.fontSize + 1, anchor: "middle", fill: "#111",
                             extra: "transform=\"rotate(-90 16 \(n(yCentre)))\" dominant-baseline=\"middle\"")
        // Series.
        for (k, s) in plot.series.enumerated() { out += series(s, k, f) }
        // Legend.
        var y = f.bottom + 52 + 14
        for row in rows {
            var x = f.left
            for entry in row {
                let style = self.style(Self.drawable(plot.series[entry.index], logY: plot.logY), f)
                out += Self.sample(entry.index, style: style, x: x, y: y - 4)
                out += entry.text.element(x: x + 30, y: y, size: Self.fontSize, fill: "#222")
                x += entry.width
            }
            y += 20
        }
        out += "</svg>"
        return out
    }

    /// How a series is drawn.
    enum Style { case line(markers: Bool), path, scatter }

    func style(_ points: [(x: Double, y: Double)], _ f: Frame) -> Style {
        if points.count <= 1 { return .scatter }
        if zip(points, points.dropFirst()).allSatisfy({ $0.x <= $1.x }) { return .line(markers: points.count <= 30) }
        var steps = zip(points, points.dropFirst()).map { hypot(f.px($1.x) - f.px($0.x), f.py($1.y) - f.py($0.y)) }
        steps.sort()
        let diagonal = hypot(f.right - f.left, f.bottom - f.top)
        return steps[steps.count / 2] <= 0.05 * diagonal ? .path : .scatter
    }

    func series(_ s: TracePlot.Series, _ k: Int, _ f: Frame) -> String {
        let points = Self.drawable(s, logY: f.logY)
        guard !points.isEmpty else { return "" }
        let colour = Self.palette[k % Self.palette.count], dash = Self.dashes[k % Self.dashes.count]
        let n = SVGNumber.string
        let style = self.style(points, f)
        var out = "<g class=\"series\" data-series=\"\(k)\">"
        switch style {
        case .line, .path:
            let xy = points.map { (f.px($0.x), f.py($0.y)) }
            let steps = zip(xy, xy.dropFirst()).map { hypot($1.0 - $0.0, $1.1 - $0.1) }
            let diagonal = hypot(f.right - f.left, f.bottom - f.top)
            var d = "", last = xy[0]
            d += "M\(n(xy[0].0)) \(n(xy[0].1))"
            for i in 1..<xy.count {
                let (x, y) = xy[i]
                // A path is lifted where it jumps: a step far longer than the steps on either side of it
                // (from one contour to the next).
                if case .path = style {
                    let before = i >= 2 ? steps[i - 2] : 0, after = i < steps.count ? steps[i] : 0
                    if steps[i - 1] > 0.02 * diagonal && steps[i - 1] > 5 * max(before, after) {
                        d += "M\(n(x)) \(n(y))"
                        last = (x, y)
                        continue
                    }
                }
                if hypot(x - last.0, y - last.1) < 0.6 && i < xy.count - 1 { continue }
                d += "L\(n(x)) \(n(y))"
                last = (x, y)
            }
            out += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-linejoin=\"round\""
                + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>"
            if case .line(true) = style {
                for p in points { out += Self.marker(k, x: f.px(p.x), y: f.py(p.y), size: 3.2) }
            }
        case .scatter:
            for p in points { out += Self.marker(k, x: f.px(p.x), y: f.py(p.y), size: points.count > 60 ? 2.4 : 3.6) }
        }
        return out + "</g>"
    }

    /// A marker of series `k`'s shape and colour centred at (x, y).
    static func marker(_ k: Int, x: Double, y: Double, size r: Double) -> String {
        let colour = palette[k % palette.count]
        let n = SVGNumber.string
        switch k % 5 {
        case 0:
            return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(colour)\"/>"
        case 1:
            return "<rect x=\"\(n(x - r))\" y=\"\(n(y - r))\" width=\"\(n(2 * r))\" height=\"\(n(2 * r))\" fill=\"white\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>"
        case 2:
            return "<path d=\"M\(n(x)) \(n(y - 1.2 * r))L\(n(x + 1.1 * r)) \(n(y + 0.8 * r))L\(n(x - 1.1 * r)) \(n(y + 0.8 * r))Z\" fill=\"\(colour)\"/>"
        case 3:
            return "<path d=\"M\(n(x)) \(n(y - 1.3 * r))L\(n(x + 1.3 * r)) \(n(y))L\(n(x)) \(n(y + 1.3 * r))L\(n(x - 1.3 * r)) \(n(y))Z\" fill=\"white\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>"
        default:
            return "<path d=\"M\(n(x - r)) \(n(y - r))L\(n(x + r)) \(n(y + r))M\(n(x - r)) \(n(y + r))L\(n(x + r)) \(n(y - r))\" stroke=\"\(colour)\" stroke-width=\"1.8\"/>"
        }
    }

    // MARK: Legend

    struct LegendEntry {
        var index: Int
        var text: SVGText
        var width: Double
    }

    /// The legend's entries; none when the only series is named like the y axis.
    func legendEntries(_ plot: TracePlot) -> [LegendEntry] {
        guard plot.series.count > 1 || plot.series.first.map({ $0.name != plot.yLabel && !$0.name.isEmpty }) == true else { return [] }
        return plot.series.enumerated().map { k, s in
            let text = SVGText(plain: s.name)
            return LegendEntry(index: k, text: text, width: 30 + text.width(Self.fontSize) + 22)
        }
    }

    /// Legend entries in rows that fit the width.
    func legendRows(_ entries: [LegendEntry]) -> [[LegendEntry]] {
        SVGRows.fill(entries, available: width - 90) { $0.width }
    }

    /// A legend sample: a short line (with its marker) or a marker alone, 24 units wide from x.
    static func sample(_ k: Int, style: Style, x: Double, y: Double) -> String {
        let colour = palette[k % palette.count], dash = dashes[k % dashes.count]
        let n = SVGNumber.string
        switch style {
        case .scatter:
            return marker(k, x: x + 12, y: y, size: 3.6)
        case .line(let markers):
            return "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 24))\" y2=\"\(n(y))\" stroke=\"\(colour)\" stroke-width=\"2\""
                + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>" + (markers ? marker(k, x: x + 12, y: y, size: 3.2) : "")
        case .path:
            return "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 24))\" y2=\"\(n(y))\" stroke=\"\(colour)\" stroke-width=\"2\""
                + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>"
        }
    }

    /// An axis name: a symbol such as `E_total` typeset, anything else as written.
    static func axisName(_ label: String) -> SVGText {
        let symbolLike = !label.isEmpty && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && label.first?.isLetter == true && label.contains("_")
        return symbolLike ? SVGText.symbol(label) : SVGText(plain: label)
    }
}
