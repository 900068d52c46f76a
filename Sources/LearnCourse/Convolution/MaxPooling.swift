import LearnCore
import LearnTensor

/// Max pooling on a small example, by the tensor engine's `maxPool2D`: each window's maximum written
/// out, the backward pass that sends each output's gradient to the one input that was the maximum,
/// and what a ragged edge does (5 × 5 pooled 2 × 2: 2 × 2 rounding down, 3 × 3 rounding up as old
/// Theano did).
///
/// The 4 × 4 input is the classic one of the cs231n notes that the Le Borgne deck's pooling slide
/// credits: [1 1 2 4; 5 6 7 8; 3 2 1 0; 1 2 3 4], pooled 2 × 2 with stride 2 to [6 8; 3 4].
/// Rows and columns are counted from 1 here, as on the slides.
public enum MaxPooling: Derivation {
    public static let name = "max-pooling"
    public static let summary = "Max pooling of a 4 × 4 example, where its gradient goes, ragged edges rounded down and up."
    public static let sections = ["forward", "backward", "ragged"]
    public static let parameters: [Parameter] = [
        .count("window", 2, "window size", in: 1...4),
        .count("stride", 2, "step between windows", in: 1...4),
    ]

    static let input: [Double] = [1, 1, 2, 4,
                                  5, 6, 7, 8,
                                  3, 2, 1, 0,
                                  1, 2, 3, 4]
    /// The gradient that arrives from above, one per output (as many as needed, row-major).
    static let upstream: [Double] = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 0.9]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let (window, stride) = (p.count("window"), p.count("stride"))
        var sheet = Worksheet()
        let n = 4

        sheet.section("forward")
        sheet.add(TraceTable(title: "The input (4 × 4)", columns: [""] + (1...n).map { "column \($0)" },
                             rows: (0..<n).map { r in [.text("row \(r + 1)")] + (0..<n).map { .number(input[r * n + $0]) } }))
        for r in 0..<n { for c in 0..<n { sheet.record("a_\(r + 1),\(c + 1)", input[r * n + c]) } }
        let result = maxPool2D(Tensor(shape: [1, 1, n, n], scalars: input.map(Float.init)), window: window, stride: stride)
        let (oh, ow) = (result.output.shape[2], result.output.shape[3])
        sheet.record("output_rows", Double(oh))
        sheet.record("output_columns", Double(ow))
        for r in 0..<oh {
            for c in 0..<ow {
                var cells: [Formula] = []
                for y in r * stride..<min(n, r * stride + window) {
                    for x in c * stride..<min(n, c * stride + window) { cells.append(.symbol("a_\(y + 1),\(x + 1)")) }
                }
                sheet.derive("m_\(r + 1),\(c + 1)", .function("max", cells), value: Double(result.output.scalars[r * ow + c]))
            }
        }
        sheet.add(TraceTable(title: "Max pooling \(window) × \(window), stride \(stride): \(n) × \(n) → \(oh) × \(ow)",
                             columns: [""] + (1...ow).map { "column \($0)" },
                             rows: (0..<oh).map { r in [.text("row \(r + 1)")] + (0..<ow).map { .number(Double(result.output.scalars[r * ow + $0])) } }))
        sheet.note("Pooling has no weights: it keeps the largest value of each window and forgets where in the window it was.")

        sheet.section("backward")
        let g = (0..<oh * ow).map { upstream[$0 % upstream.count] }
        let engineBack = maxPool2DBackward(Tensor(shape: [1, 1, oh, ow], scalars: g.map(Float.init)), argmax: result.argmax, inputShape: [1, 1, n, n])
        // The same routing in Double, so that 0.1 prints as 0.1.
        var back = [Double](repeating: 0, count: n * n)
        for o in 0..<oh * ow { back[Int(result.argmax[o])] += g[o] }
        sheet.record("engine_difference", zip(back, engineBack.scalars).map { abs($0 - Double($1)) }.max() ?? 0)
        var routes: [[TraceTable.Cell]] = []
        for o in 0..<oh * ow {
            let position = Int(result.argmax[o])
            routes.append([.text("m_\(o / ow + 1),\(o % ow + 1)"), .number(g[o]),
                           .text("a_\(position / n + 1),\(position % n + 1) = \(NumberFormat().string(input[position]))")])
        }
        sheet.add(TraceTable(title: "Each output's gradient goes to the input that was its maximum", columns: ["output", "∂E/∂m", "goes to"], rows: routes))
        sheet.add(TraceTable(title: "∂E/∂a: the gradient of the input", columns: [""] + (1...n).map { "column \($0)" },
                             rows: (0..<n).map { r in [.text("row \(r + 1)")] + (0..<n).map { .number(back[r * n + $0]) } }))
        let zeros = back.filter { $0 == 0 }.count
        sheet.record("zero_gradients", Double(zeros))
        sheet.record("gradient_sum", back.reduce(0, +))
        sheet.record("upstream_sum", g.reduce(0, +))
        sheet.note("\(zeros) of the \(n * n) inputs get no gradient at all: they were not the maximum of any window, so a small change to them changes nothing above. "
                   + "The gradient is moved, not created: it sums to the same as the gradient from above.")

        sheet.section("ragged")
        let five = (0..<25).map { Double(($0 * 7) % 10) }
        let floor = maxPool2D(Tensor(shape: [1, 1, 5, 5], scalars: five.map(Float.init)), window: 2, stride: 2, rounding: .floor)
        let ceil = maxPool2D(Tensor(shape: [1, 1, 5, 5], scalars: five.map(Float.init)), window: 2, stride: 2, rounding: .ceil)
        sheet.add(TraceTable(title: "A 5 × 5 input (pixel i holds 7·i mod 10)", columns: [""] + (1...5).map { "column \($0)" },
                             rows: (0..<5).map { r in [.text("row \(r + 1)")] + (0..<5).map { .number(five[r * 5 + $0]) } }))
        for (name, pooled) in [("floor", floor), ("ceil", ceil)] {
            let side = pooled.output.shape[2]
            sheet.record("ragged_\(name)", Double(side))
            sheet.add(TraceTable(title: "2 × 2 pooling rounding \(name == "floor" ? "down (today's libraries)" : "up (old Theano, Radford's conv net)"): 5 × 5 → \(side) × \(side)",
                                 columns: [""] + (1...side).map { "column \($0)" },
                                 rows: (0..<side).map { r in [.text("row \(r + 1)")] + (0..<side).map { .number(Double(pooled.output.scalars[r * side + $0])) } }))
        }
        sheet.note("Rounding down drops the fifth row and column; rounding up keeps them in windows that hang over the edge and hold only the inputs that exist.")
        return sheet.trace
    }
}
