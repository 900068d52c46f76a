import Foundation
import LearnModels
import LearnCore
import LearnData
import LearnTensor

/// The Kuzovkin deck's Prewitt edge detector on a real MNIST digit: the two 3×3 kernels, what each
/// computes at one position written out as its sum of products, the two response maps as pictures
/// (by the tensor engine's `conv2d`), and 2×2 max pooling of an edge map.
///
/// The kernels (a cross-correlation, as every library computes it: the kernel is not flipped):
///
///     Gx = [−1 0 1; −1 0 1; −1 0 1]   (large where ink rises from left to right: vertical edges)
///     Gy = [−1 −1 −1; 0 0 0; 1 1 1]   (large where ink rises from top to bottom: horizontal edges)
///
/// Positions are (row, column) counted from 0; output (r, c) covers input rows r…r+2, columns c…c+2.
public enum Prewitt: Derivation {
    public static let name = "prewitt"
    public static let summary = "The Kuzovkin deck's Prewitt kernels on an MNIST digit: traced sums, edge maps, 2 × 2 max pooling of an edge map."
    public static let sections = ["kernels", "digit", "responses", "pooling"]
    public static let parameters: [Parameter] = [
        .count("index", 0, "which training image (counted from 0)", in: 0...59_999),
    ]

    static let kernels: [(name: String, symbol: String, weights: [Double], what: String, opposite: String)] = [
        ("vertical", "Gx", [-1, 0, 1, -1, 0, 1, -1, 0, 1], "ink rising from left to right, the left edge of a stroke",
         "ink falling from left to right, the right edge of a stroke"),
        ("horizontal", "Gy", [-1, -1, -1, 0, 0, 0, 1, 1, 1], "ink rising from top to bottom, the top edge of a stroke",
         "ink falling from top to bottom, the bottom edge of a stroke"),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        try run(p, data: LessonData.load())
    }

    /// The derivation on `data` (tests pass a small synthetic dataset; ``PrewittDrawn`` a drawn digit, with
    /// its own `caption` for the picture instead of "Training image …").
    static func run(_ p: Parameters, data: Dataset, caption: String? = nil) throws(DerivationError) -> Trace {
        let index = try p.index("index", below: data.train.count, of: "training set")
        let (rows, columns) = (data.rows, data.columns)
        guard rows >= 3 && columns >= 3 else { throw .invalid("\(data.name): images of \(rows) × \(columns) are smaller than a 3 × 3 kernel") }
        let x = data.train.scaledPixels(index, pixels: data.pixelsPerImage)
        let label = data.train.labels[index]
        var sheet = Worksheet()

        sheet.section("kernels")
        for k in kernels {
            sheet.add(TraceTable(title: "\(k.symbol): the \(k.name) Prewitt kernel", columns: ["", "column 0", "column 1", "column 2"],
                                 rows: (0..<3).map { r in [.text("row \(r)")] + (0..<3).map { .number(k.weights[r * 3 + $0]) } }))
        }
        sheet.record("kernel_size", 3)

        sheet.section("digit")
        sheet.add(TraceImage(title: caption ?? "Training image \(index), labelled \(label)", rows: rows, columns: columns, pixels: x))

        // Both kernels at once: the engine's conv2d with two output channels.
        let image = data.train.imageTensor(index..<index + 1, rows: rows, columns: columns)
        let weight = Tensor(shape: [2, 1, 3, 3], scalars: kernels.flatMap { $0.weights.map(Float.init) })
        let response = conv2d(image, weight: weight)
        let (oh, ow) = (response.shape[2], response.shape[3])

        sheet.section("responses")
        sheet.record("output_rows", Double(oh))
        sheet.record("output_columns", Double(ow))
        sheet.derive("output_size", symbol: .text(plain: "output size", latex: "\\text{output size}"),
                     .sum([.difference(.number(Double(rows)), 3), 1]), value: Double(oh),
                     note: "Without padding a 3×3 kernel fits in \(rows) − 3 + 1 = \(oh) positions along each axis: the map loses a pixel at each edge.")
        var maps: [[Double]] = []
        for (channel, k) in kernels.enumerated() {
            let map = (0..<oh * ow).map { Double(response.scalars[channel * oh * ow + $0]) }
            maps.append(map)
            // Written out where the response is strongest.
            let best = map.indices.max { abs(map[$0]) < abs(map[$1]) } ?? 0
            let (r, c) = (best / ow, best % ow)
            var terms: [Formula] = []
            var sum = 0.0
            for a in 0..<3 {
                for b in 0..<3 where k.weights[a * 3 + b] != 0 {
                    let name = "x_\(r + a),\(c + b)"
                    let value = x[(r + a) * columns + c + b]
                    sheet.record(name, value)
                    sum += k.weights[a * 3 + b] * value
                    terms.append(k.weights[a * 3 + b] > 0 ? .symbol(name) : .negation(.symbol(name)))
                }
            }
            let step = "\(k.symbol)_\(r),\(c)"
            sheet.add(TraceTable(title: "The 3 × 3 patch under \(k.symbol) at (\(r), \(c)): rows \(r)…\(r + 2), columns \(c)…\(c + 2)",
                                 columns: ["", "column \(c)", "column \(c + 1)", "column \(c + 2)"],
                                 rows: (0..<3).map { a in [.text("row \(r + a)")] + (0..<3).map { .number(x[(r + a) * columns + c + $0]) } }))
            sheet.derive(step, .sum(terms), value: sum,
                         note: "The strongest \(k.name) response, \(sum < 0 ? "negative: \(k.opposite)" : "positive: \(k.what)"). "
                             + "The kernel's nine weights times the nine pixels under it; the three zero weights drop out.")
            sheet.record("\(k.name)_max", sum)
            sheet.record("\(k.name)_engine", map[best])
            sheet.record("\(k.name)_difference", abs(map[best] - sum))
            sheet.add(TraceImage(title: "|\(k.symbol)|: \(k.name) edges (\(oh) × \(ow); a response of 1 or more in full ink)", rows: oh, columns: ow,
                                 pixels: map.map { min(1, abs($0)) }))
        }
        let magnitude = zip(maps[0], maps[1]).map { ($0 * $0 + $1 * $1).squareRoot() }
        sheet.add(TraceImage(title: "√(Gx² + Gy²): all edges", rows: oh, columns: ow, pixels: magnitude.map { min(1, $0) }))
        sheet.record("edge_max", magnitude.max() ?? 0)

        // 2×2 max pooling of the edge magnitude: half the size, the strong edges kept.
        sheet.section("pooling")
        let pooled = maxPool2D(Tensor(shape: [1, 1, oh, ow], scalars: magnitude.map(Float.init)))
        let (ph, pw) = (pooled.output.shape[2], pooled.output.shape[3])
        sheet.record("pooled_rows", Double(ph))
        sheet.record("pooled_columns", Double(pw))
        sheet.record("map_rows", Double(oh))
        sheet.derive("pooled_size", symbol: .text(plain: "pooled size", latex: "\\text{pooled size}"),
                     (oh - 2) % 2 == 0 ? .sum([.quotient(.difference("map_rows", 2), 2), 1])
                                       : .sum([.function("floor", [.quotient(.difference("map_rows", 2), 2)]), 1]), value: Double(ph),
                     note: "Windows of 2 × 2 moved by 2: $\\lfloor (\(oh) - 2)/2 \\rfloor + 1 = \(ph)$.")
        sheet.add(TraceImage(title: "2 × 2 max pooling of the edge map (\(ph) × \(pw))", rows: ph, columns: pw,
                             pixels: pooled.output.scalars.map { min(1, Double($0)) }))
        sheet.record("pooled_max", pooled.output.scalars.max().map(Double.init) ?? 0)
        return sheet.trace
    }
}
