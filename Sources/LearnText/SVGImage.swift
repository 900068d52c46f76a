import LearnCore

/// Draws a `TraceImage` as inline SVG: one square per pixel (runs of equal grey in a row merged into
/// one rectangle), ink dark on white paper, in a thin frame. No embedded bitmap: the page stays text.
///
/// Pixels are scaled to fill about `height` units down without passing `width` across (2 to 24
/// units a pixel), and greys are rounded to 64 levels. Pixels of 8 units or more get a faint grid. A value that is not finite is drawn as paper.
public struct SVGImage: Sendable {
    /// The height to fill, and the widest a picture may be, in SVG units.
    public var height: Double
    public var width: Double

    public init(height: Double = 196, width: Double = 640) { self.height = height; self.width = width }

    /// The side of one pixel in SVG units (a 28 × 28 digit: 7).
    func scale(_ image: TraceImage) -> Double {
        let fit = min(height / Double(max(image.rows, 1)), width / Double(max(image.columns, 1)))
        return min(24, max(2, fit.rounded(.down)))
    }

    public func draw(_ image: TraceImage) -> String {
        let s = scale(image), n = SVGNumber.string
        let w = Double(image.columns) * s, h = Double(image.rows) * s
        var out = "<svg class=\"figure picture\" viewBox=\"-1 -1 \(n(w + 2)) \(n(h + 2))\" width=\"\(n(w + 2))\" role=\"img\" shape-rendering=\"crispEdges\">"
        out += "<title>\(HTMLEscape.text(image.title))</title>"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"white\"/>"
        for r in 0..<image.rows {
            var c = 0
            while c < image.columns {
                let level = Self.level(image.pixels[r * image.columns + c])
                var end = c + 1
                while end < image.columns, Self.level(image.pixels[r * image.columns + end]) == level { end += 1 }
                if level > 0 {
                    out += "<rect x=\"\(n(Double(c) * s))\" y=\"\(n(Double(r) * s))\" width=\"\(n(Double(end - c) * s))\" height=\"\(n(s))\" fill=\"\(Self.grey(level))\"/>"
                }
                c = end
            }
        }
        if s >= 8 && (image.rows > 1 || image.columns > 1) {
            // Large cells (a kernel, a one-hot matrix): a faint grid, so rows and columns can be counted.
            var d = ""
            for r in 1..<max(image.rows, 1) { d += "M0 \(n(Double(r) * s))H\(n(w))" }
            for c in 1..<max(image.columns, 1) { d += "M\(n(Double(c) * s)) 0V\(n(h))" }
            if !d.isEmpty { out += "<path d=\"\(d)\" stroke=\"#cfcfcf\" stroke-width=\"0.6\" fill=\"none\"/>" }
        }
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"none\" stroke=\"#888\" stroke-width=\"1\"/>"
        return out + "</svg>"
    }

    /// The ink of a pixel, 0 (paper) to 63 (black).
    static func level(_ v: Double) -> Int {
        guard v.isFinite else { return 0 }
        return Int((min(1, max(0, v)) * 63).rounded())
    }

    /// The colour of a level: white to black.
    static func grey(_ level: Int) -> String {
        let g = 255 - Int((Double(level) / 63 * 255).rounded())
        let hex = String(g, radix: 16)
        let two = hex.count == 1 ? "0" + hex : hex
        return "#" + two + two + two
    }
}
