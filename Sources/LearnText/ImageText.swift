import LearnCore

/// Draws a greyscale picture (a digit, a kernel, a feature map) as lines of text.
///
/// With `unicode`, each character shows two pixels stacked (`▀`, `▄`, `█` or blank, ink above
/// one half), so a 28 × 28 digit takes 28 columns and 14 lines. Without it, each character shows the
/// mean of the two pixels on the ramp ` .:-=+*#%@`. No escape codes either way.
public struct ImageText: Sendable {
    public var unicode: Bool

    public init(unicode: Bool) { self.unicode = unicode }

    public func draw(_ image: TraceImage) -> [String] {
        let ramp = Array(" .:-=+*#%@")
        func pixel(_ r: Int, _ c: Int) -> Double {
            guard r < image.rows else { return 0 }
            let v = image.pixels[r * image.columns + c]
            return v.isNaN ? 0 : min(1, max(0, v))
        }
        var lines: [String] = []
        for r in stride(from: 0, to: image.rows, by: 2) {
            var line = ""
            for c in 0..<image.columns {
                let top = pixel(r, c), bottom = pixel(r + 1, c)
                if unicode {
                    switch (top >= 0.5, bottom >= 0.5) {
                    case (true, true): line.append("█")
                    case (true, false): line.append("▀")
                    case (false, true): line.append("▄")
                    case (false, false): line.append(" ")
                    }
                } else {
                    line.append(ramp[min(ramp.count - 1, Int((top + bottom) / 2 * Double(ramp.count)))])
                }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines
    }
}
