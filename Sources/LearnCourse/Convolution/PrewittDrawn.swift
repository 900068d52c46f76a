import LearnCore
import LearnData

/// The Kuzovkin deck's Prewitt edge detector on a digit drawn by the program, so that it runs without
/// the MNIST files: the same derivation as ``Prewitt`` (kernels, traced sums at the strongest
/// responses, edge maps, 2 × 2 max pooling), on a 28 × 28 picture of a 7, a 0 or a 1.
///
/// The digit is drawn with straight strokes: a pixel (row r, column c) is full ink (255) when its centre
/// lies within `width` pixels of a stroke, else blank (0). A 0 is a ring: an ellipse of radii 8 (rows)
/// and 5.5 (columns) about (14, 14), and a pixel is ink when its distance from the ellipse, measured as
/// |ρ − 1| · 6.5 with ρ the ellipse's normalized radius, is at most `width`.
public enum PrewittDrawn: Derivation {
    public static let name = "prewitt-drawn"
    public static let summary = "The Prewitt edge detector (as prewitt) on a 7, 0 or 1 drawn in 28 × 28 pixels, no dataset needed."
    public static let sections = ["kernels", "digit", "responses", "pooling"]
    public static let parameters: [Parameter] = [
        .choice("digit", "seven", ["seven", "zero", "one"], "which digit is drawn"),
        .number("width", 1.5, "half the stroke width, in pixels", in: 0.5...6),
    ]

    /// The strokes of each digit as segments from (row, column) to (row, column).
    static let strokes: [String: [((Double, Double), (Double, Double))]] = [
        "seven": [((6, 7), (6, 20)), ((6, 20), (22, 11))],
        "one": [((5, 14), (22, 14)), ((5, 14), (9, 10))],
    ]

    /// Distance from the point (r, c) to the segment from `a` to `b`.
    static func distance(_ r: Double, _ c: Double, _ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let (dr, dc) = (b.0 - a.0, b.1 - a.1)
        let length = dr * dr + dc * dc
        let t = length == 0 ? 0 : max(0, min(1, ((r - a.0) * dr + (c - a.1) * dc) / length))
        let (pr, pc) = (a.0 + t * dr - r, a.1 + t * dc - c)
        return (pr * pr + pc * pc).squareRoot()
    }

    /// The drawn digit's 784 bytes, row-major.
    static func image(digit: String, width: Double) -> [UInt8] {
        (0..<784).map { i in
            let (r, c) = (Double(i / 28), Double(i % 28))
            let ink: Bool
            if digit == "zero" {
                let rho = (((r - 14) / 8) * ((r - 14) / 8) + ((c - 14) / 5.5) * ((c - 14) / 5.5)).squareRoot()
                ink = abs(rho - 1) * 6.5 <= width
            } else {
                ink = (strokes[digit] ?? []).contains { distance(r, c, $0.0, $0.1) <= width }
            }
            return ink ? 255 : 0
        }
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let digit = p.choice("digit")
        let label: UInt8 = digit == "zero" ? 0 : digit == "one" ? 1 : 7
        let pixels = image(digit: digit, width: p["width"])
        let data = Dataset(name: "drawn", rows: 28, columns: 28,
                           train: Dataset.Split(images: pixels, labels: [label]), test: Dataset.Split(images: [], labels: []))
        var prewitt = Parameters(Prewitt.parameters)
        try prewitt.set("index", to: "0")
        var trace = try Prewitt.run(prewitt, data: data, caption: "A \(digit) drawn in 28 × 28 pixels (strokes \(NumberFormat().string(2 * p["width"])) pixels wide)")
        trace.section = "digit"
        trace.record("ink_pixels", Double(pixels.filter { $0 > 0 }.count))
        return trace
    }
}
