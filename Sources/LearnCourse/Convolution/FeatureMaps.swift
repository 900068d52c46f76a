import LearnCore
import LearnTensor

/// The Le Borgne deck's questions about a convolution layer, answered on a small drawn input: a 7 × 7
/// input and a 3 × 3 kernel give a 5 × 5 feature map; the kernel is a pattern filter whose largest
/// response is where the input looks like it; padding of (K − 1)/2 zeros keeps the size; an input of
/// C channels takes kernels K × K × C, and C′ kernels make C′ feature maps, with K·K·C·C′ weights (+ C′
/// biases); the deck's Keras example (3 × 256 × 256 → 64 maps → 32 maps, padding 'same'). The `flip`
/// section sets the Week 10 deck's convolution a_{i,j} = Σ w_{k,l} z_{i−k, j−l} beside the
/// cross-correlation Σ w_{k,l} z_{i+k, j+l} that libraries compute, on a small unsymmetric example.
///
/// The input is a 0/1 picture: a diagonal stroke from (1, 1) to the bottom-right corner, crossed by a
/// horizontal bar three rows from the bottom. The kernel is a diagonal detector, 1 on its diagonal and
/// −1/(K − 1) elsewhere, so a clean diagonal gives K and anything else less. All weights are multiples of
/// ½ (for K = 3), so Float32 and Double agree exactly. Positions are (row, column) from 0; output (r, c)
/// covers input rows r…r+K−1 and columns c…c+K−1 (a cross-correlation, as libraries compute it).
public enum FeatureMaps: Derivation {
    public static let name = "feature-maps"
    public static let summary = "The Le Borgne deck's 7 × 7 input and 3 × 3 kernel (a diagonal detector on a drawn stroke): the 5 × 5 map and its traced largest sum, the input that maximizes a kernel, the Week 10 deck's flipped convolution against cross-correlation, padding (K − 1)/2, C channels into C′ feature maps with K·K·C·C′ (+ C′) weights, the deck's Keras example."
    public static let sections = ["valid", "pattern", "flip", "padding", "channels", "keras"]
    public static let parameters: [Parameter] = [
        .count("size", 7, "input height and width L", in: 3...30),
        .count("kernel", 3, "kernel size K", in: 1...9),
        .count("channels", 3, "input channels C of the channel example", in: 1...8),
        .count("maps", 2, "kernels, so output feature maps C′, of the channel example", in: 1...8),
    ]

    /// The drawn input, `size × size`, row-major: the diagonal (i, i) for i ≥ 1 and row `size − 3` from column 1.
    static func picture(size: Int) -> [Double] {
        var x = [Double](repeating: 0, count: size * size)
        for i in 1..<size { x[i * size + i] = 1 }
        for c in 1..<(size - 1) { x[(size - 3) * size + c] = 1 }
        return x
    }

    /// The diagonal detector, `k × k`: 1 on the diagonal, −1/(k − 1) off it.
    static func diagonalKernel(_ k: Int) -> [Double] {
        (0..<k * k).map { i in i / k == i % k ? 1 : -1 / Double(k - 1) }
    }

    /// Channel `c` of the channel example: the picture (c = 0), its transpose (c = 1), its mirror image
    /// left to right (c = 2), then again shifted one column for each further three channels.
    static func channel(_ c: Int, size: Int) -> [Double] {
        let x = picture(size: size)
        return (0..<size * size).map { i in
            let (r, col) = (i / size, i % size)
            let shifted = (col + c / 3) % size
            switch c % 3 {
            case 0: return x[r * size + shifted]
            case 1: return x[shifted * size + r]
            default: return x[r * size + (size - 1 - shifted)]
            }
        }
    }

    /// The weights of the channel example, `[C′][C][K·K]`: quarters from −1 to 1, seeded.
    static func channelKernels(maps: Int, channels: Int, k: Int) -> [[[Double]]] {
        var generator = SplitMix64(seed: 4)
        return (0..<maps).map { _ in (0..<channels).map { _ in (0..<k * k).map { _ in Double(Int(generator.next() % 9) - 4) / 4 } } }
    }

    /// The bias of map `m` in the channel example.
    static func channelBias(_ m: Int) -> Double { m % 2 == 0 ? 0.5 : -0.25 }

    /// The valid cross-correlation of one `size × size` channel with one `k × k` kernel, padded by `p` zeros.
    static func correlate(_ x: [Double], size: Int, _ w: [Double], k: Int, padding p: Int = 0) -> [Double] {
        let out = size + 2 * p - k + 1
        return (0..<out * out).map { o in
            let (r, c) = (o / out, o % out)
            var sum = 0.0
            for a in 0..<k {
                for b in 0..<k {
                    let (i, j) = (r + a - p, c + b - p)
                    if i >= 0 && i < size && j >= 0 && j < size { sum += w[a * k + b] * x[i * size + j] }
                }
            }
            return sum
        }
    }

    /// The flip example's input z, 4 × 4, and kernel v, 3 × 3 (row-major): small whole numbers, and a
    /// kernel that is not symmetric under a half turn, so that convolution and cross-correlation differ.
    static let flipInput: [Double] = [3, 0, 2, 1,
                                      0, 1, 3, 0,
                                      2, 1, 0, 1,
                                      1, 2, 1, 0]
    static let flipKernel: [Double] = [1, 2, 0,
                                       0, 1, 0,
                                       0, 0, -1]

    /// A `k × k` kernel turned by 180°: entry (a, b) becomes entry (k − 1 − a, k − 1 − b).
    static func rotated(_ w: [Double], k: Int) -> [Double] { (0..<k * k).map { w[k * k - 1 - $0] } }

    /// The Week 10 deck's convolution a_{i,j} = Σ_{k,l} w_{k,l} z_{i−k, j−l} (kernel indices k, l from 0 to
    /// K − 1), at the positions where every z it needs lies in the input: i, j from K − 1 to L − 1. Output
    /// (r, c) is a_{r+K−1, c+K−1}.
    static func convolve(_ z: [Double], size: Int, _ w: [Double], k: Int) -> [Double] {
        let out = size - k + 1
        return (0..<out * out).map { o in
            let (i, j) = (o / out + k - 1, o % out + k - 1)
            var sum = 0.0
            for a in 0..<k { for b in 0..<k { sum += w[a * k + b] * z[(i - a) * size + (j - b)] } }
            return sum
        }
    }

    static func grid(_ title: String, _ values: [Double], rows: Int, columns: Int, first: Int = 0) -> TraceTable {
        TraceTable(title: title, columns: [""] + (0..<columns).map { "\($0 + first)" },
                   rows: (0..<rows).map { r in [.text("\(r + first)")] + (0..<columns).map { .number(values[r * columns + $0]) } })
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let (size, k) = (p.count("size"), p.count("kernel"))
        let (channels, maps) = (p.count("channels"), p.count("maps"))
        guard k <= size else { throw .badValue(name: "kernel", value: String(k), expected: "a kernel no larger than the input (size = \(size))") }
        var sheet = Worksheet(inputs: ["L": Double(size), "K": Double(k), "C": Double(channels), "C'": Double(maps)])
        let x = picture(size: size)
        let w = k == 1 ? [1.0] : diagonalKernel(k)
        let out = size - k + 1

        sheet.section("valid")
        sheet.add(TraceImage(title: "The input (\(size) × \(size)): a diagonal stroke crossed by a bar", rows: size, columns: size, pixels: x))
        sheet.add(grid("The input x, \(size) × \(size) (rows and columns from 0)", x, rows: size, columns: size))
        sheet.add(grid("The kernel w, \(k) × \(k): a diagonal detector", w, rows: k, columns: k))
        sheet.derive("out_valid", symbol: .text(plain: "output size", latex: "L'"), .sum([.difference("L", "K"), 1]), value: Double(out),
                     note: "The kernel fits where it lies wholly inside the input: \(out) places along each axis.")
        let map = correlate(x, size: size, w, k: k)
        let engine = conv2d(Tensor(shape: [1, 1, size, size], scalars: x.map(Float.init)),
                            weight: Tensor(shape: [1, 1, k, k], scalars: w.map(Float.init)))
        sheet.record("engine_rows", Double(engine.shape[2]))
        sheet.record("engine_difference", zip(map, engine.scalars).map { abs($0 - Double($1)) }.max() ?? 0)
        sheet.add(grid("The feature map y = x ⋆ w, \(out) × \(out) (by the sums below; the engine's conv2d agrees)", map, rows: out, columns: out))

        sheet.section("pattern")
        // The "red dot": the strongest response written out as its k·k products.
        let best = map.indices.max { map[$0] < map[$1] } ?? 0
        let (br, bc) = (best / out, best % out)
        var terms: [Formula] = []
        for a in 0..<k {
            for b in 0..<k {
                sheet.record("x_\(br + a),\(bc + b)", x[(br + a) * size + bc + b])
                sheet.record("w_\(a),\(b)", w[a * k + b])
                terms.append(.product([.symbol("w_\(a),\(b)"), .symbol("x_\(br + a),\(bc + b)")]))
            }
        }
        sheet.derive("y_\(br),\(bc)", .sum(terms), value: map[best],
                     note: "The largest value of the map: the kernel laid on rows \(br)…\(br + k - 1), columns \(bc)…\(bc + k - 1), where the input is the pattern itself.")
        sheet.record("map_max", map[best])
        let positive = w.filter { $0 > 0 }.reduce(0, +)
        sheet.derive("max_possible", symbol: .text(plain: "largest response", latex: "\\max_x y"), .sum(w.filter { $0 > 0 }.map { .number($0) }), value: positive,
                     note: "On pixels from 0 to 1 a response is largest when there is ink exactly under the positive weights and none under the negative ones: "
                         + "the sum of the positive weights. The input that maximizes a convolution is the kernel's own pattern.")
        let norm = w.reduce(0) { $0 + $1 * $1 }
        sheet.derive("kernel_norm_squared", symbol: .text(plain: "‖w‖²", latex: "\\lVert w \\rVert^2"), .sum(w.map { .power(.number($0), 2) }), value: norm,
                     note: "For inputs of a fixed length ‖x‖ = ‖w‖ the same holds exactly: w·x ≤ ‖w‖‖x‖ (Cauchy–Schwarz), with equality at x = w, where the response is ‖w‖².")
        let second = map.enumerated().filter { $0.offset != best }.map(\.element).max() ?? map[best]
        sheet.record("map_second", second)

        sheet.section("flip")
        // The Week 10 deck's a_{i,j} = Σ w_{k,l} z_{i−k, j−l} against the cross-correlation libraries compute.
        let (zSize, vSize) = (4, 3), vOut = 4 - 3 + 1
        let z = flipInput, v = flipKernel
        sheet.add(grid("The input z, 4 × 4", z, rows: zSize, columns: zSize))
        sheet.add(grid("The kernel v, 3 × 3 (not symmetric under a half turn)", v, rows: vSize, columns: vSize))
        let correlation = correlate(z, size: zSize, v, k: vSize)
        let convolution = convolve(z, size: zSize, v, k: vSize)
        let turned = rotated(v, k: vSize)
        for a in 0..<vSize { for b in 0..<vSize { sheet.record("v_\(a),\(b)", v[a * vSize + b]) } }
        for i in 0..<zSize { for j in 0..<zSize { sheet.record("z_\(i),\(j)", z[i * zSize + j]) } }
        var correlationTerms: [Formula] = [], convolutionTerms: [Formula] = []
        for a in 0..<vSize {
            for b in 0..<vSize {
                correlationTerms.append(.product([.symbol("v_\(a),\(b)"), .symbol("z_\(a),\(b)")]))
                convolutionTerms.append(.product([.symbol("v_\(a),\(b)"), .symbol("z_\(2 - a),\(2 - b)")]))
            }
        }
        sheet.derive("correlation_0,0", symbol: .text(plain: "(z ⋆ v)_0,0", latex: "(z \\star v)_{0,0}"), .sum(correlationTerms), value: correlation[0],
                     note: "Cross-correlation, as libraries and `learn`'s engine compute it: $\\sum_{k,l} v_{k,l}\\, z_{i+k,\\, j+l}$, the kernel laid on the input as it is.")
        sheet.derive("convolution_2,2", symbol: .text(plain: "a_2,2", latex: "a_{2,2}"), .sum(convolutionTerms), value: convolution[0],
                     note: "The Week 10 deck's $a_{i,j} = \\sum_{k,l} w_{k,l}\\, z_{i-k,\\, j-l}$, with v for its w, at $i = j = 2$, the first position where every $z$ it needs is inside the input: the kernel's first entry meets the input's last pixel of the window — the kernel is laid on turned by 180°.")
        let engineCorrelation = conv2d(Tensor(shape: [1, 1, zSize, zSize], scalars: z.map(Float.init)),
                                       weight: Tensor(shape: [1, 1, vSize, vSize], scalars: v.map(Float.init)))
        let engineTurned = conv2d(Tensor(shape: [1, 1, zSize, zSize], scalars: z.map(Float.init)),
                                  weight: Tensor(shape: [1, 1, vSize, vSize], scalars: turned.map(Float.init)))
        sheet.add(grid("v turned by 180°", turned, rows: vSize, columns: vSize))
        sheet.add(TraceTable(title: "The same input and kernel, both ways (output (r, c) is the deck's a at i = r + 2, j = c + 2)",
                             columns: ["(r, c)", "z ⋆ v (engine's conv2d)", "deck's a (convolution)", "z ⋆ (v turned) (engine's conv2d)"],
                             rows: (0..<vOut * vOut).map { o in
                                 [.text("(\(o / vOut), \(o % vOut))"), .number(Double(engineCorrelation.scalars[o])), .number(convolution[o]), .number(Double(engineTurned.scalars[o]))]
                             }))
        for o in 0..<vOut * vOut {
            sheet.record("correlation_\(o / vOut),\(o % vOut)", correlation[o])
            sheet.record("convolution_\(o / vOut + 2),\(o % vOut + 2)", convolution[o])
        }
        sheet.record("flip_difference", zip(convolution, engineTurned.scalars).map { abs($0 - Double($1)) }.max() ?? 0)
        sheet.record("correlation_engine_difference", zip(correlation, engineCorrelation.scalars).map { abs($0 - Double($1)) }.max() ?? 0)
        sheet.record("flip_gap", zip(convolution, correlation).map { abs($0 - $1) }.max() ?? 0)
        sheet.record("diagonal_flip_gap", zip(convolve(x, size: size, w, k: k), map).map { abs($0 - $1) }.max() ?? 0)
        sheet.record("diagonal_symmetric", w == rotated(w, k: k) ? 1 : 0)
        sheet.note("Convolution is cross-correlation with the kernel turned by 180°. A network that learns its kernels learns the turned one just as well, so the two give the same networks; they differ only when a kernel is written by hand, or copied from one convention into the other.")

        sheet.section("padding")
        if k % 2 == 1 {
            let pad = (k - 1) / 2
            sheet.derive("padding_width", symbol: .text(plain: "P", latex: "P"), .quotient(.parentheses(.difference("K", 1)), 2), value: Double(pad),
                         note: "A \(k) × \(k) kernel centred on an edge pixel hangs (K − 1)/2 = \(pad) pixels over the border; that many rings of zeros give it something to lie on.")
            sheet.record("P", Double(pad))
            let same = size + 2 * pad - k + 1
            sheet.derive("out_same", symbol: .text(plain: "output size with padding", latex: "L'_{\\text{same}}"),
                         .sum([.difference(.sum(["L", .product([2, "P"])]), "K"), 1]), value: Double(same),
                         note: "$L + 2P - K + 1 = L + (K - 1) - K + 1 = L$: the size is kept, whatever L is.")
            let padded = correlate(x, size: size, w, k: k, padding: pad)
            let paddedEngine = conv2d(Tensor(shape: [1, 1, size, size], scalars: x.map(Float.init)),
                                      weight: Tensor(shape: [1, 1, k, k], scalars: w.map(Float.init)), padding: .same)
            sheet.record("engine_same_rows", Double(paddedEngine.shape[2]))
            sheet.record("engine_same_difference", zip(padded, paddedEngine.scalars).map { abs($0 - Double($1)) }.max() ?? 0)
            sheet.add(grid("With \(pad) ring\(pad == 1 ? "" : "s") of zeros: \(same) × \(same), the border rows and columns new", padded, rows: same, columns: same))
        } else {
            sheet.note("An even kernel (K = \(k)) has no centre: K − 1 = \(k - 1) zeros cannot be split evenly between the two sides, so no symmetric padding keeps the size (libraries put the extra zero on one side).")
        }

        sheet.section("channels")
        let kernels = channelKernels(maps: maps, channels: channels, k: k)
        let input = (0..<channels).map { channel($0, size: size) }
        var channelRows: [[TraceTable.Cell]] = []
        var outputs: [[Double]] = []
        for m in 0..<maps {
            var y = [Double](repeating: channelBias(m), count: out * out)
            for c in 0..<channels {
                let part = correlate(input[c], size: size, kernels[m][c], k: k)
                for i in y.indices { y[i] += part[i] }
                if m == 0 {
                    sheet.record("s_\(c + 1)", part[0])
                    channelRows.append([.text("channel \(c + 1)"), .number(part[0])])
                }
            }
            outputs.append(y)
        }
        var strip: [Double] = []
        for r in 0..<size {
            for c in 0..<channels {
                strip += input[c][(r * size)..<(r * size + size)]
                if c < channels - 1 { strip.append(0) }
            }
        }
        sheet.add(TraceImage(title: "The \(channels) input channel\(channels == 1 ? "" : "s") side by side (\(size) × \(size) each)", rows: size,
                             columns: channels * (size + 1) - 1, pixels: strip))
        sheet.add(TraceTable(title: "Map 1 at (0, 0): each channel's \(k * k) products under its own \(k) × \(k) slice of the kernel",
                             columns: ["", "Σ w·x"], rows: channelRows))
        sheet.record("b_1", channelBias(0))
        sheet.derive("y1_0,0", .sum((1...channels).map { .symbol("s_\($0)") } + ["b_1"]), value: outputs[0][0],
                     note: "One feature map from all the channels: the scalar product runs through the depth of the input, \(k)·\(k)·\(channels) = \(k * k * channels) products, plus the map's bias.")
        let weights = Tensor(shape: [maps, channels, k, k], scalars: kernels.flatMap { $0.flatMap { $0.map(Float.init) } })
        let bias = Tensor(shape: [maps], scalars: (0..<maps).map { Float(channelBias($0)) })
        let engineMaps = conv2d(Tensor(shape: [1, channels, size, size], scalars: input.flatMap { $0.map(Float.init) }), weight: weights, bias: bias)
        sheet.record("maps_out", Double(engineMaps.shape[1]))
        sheet.record("maps_rows", Double(engineMaps.shape[2]))
        sheet.record("channels_difference", zip(outputs.flatMap { $0 }, engineMaps.scalars).map { abs($0 - Double($1)) }.max() ?? 0)
        sheet.add(TraceTable(title: "Shapes: \(channels) channels in, \(maps) kernels of \(k) × \(k) × \(channels), \(maps) feature maps out (by the engine's conv2d)",
                             columns: ["", "shape"],
                             rows: [[.text("input block L × L × C"), .text("\(size) × \(size) × \(channels)")],
                                    [.text("one kernel K × K × C"), .text("\(k) × \(k) × \(channels)")],
                                    [.text("output block L′ × L′ × C′"), .text("\(engineMaps.shape[2]) × \(engineMaps.shape[3]) × \(engineMaps.shape[1])")]]))
        let layer = Conv2D(name: "example", weight: weights, bias: bias)
        sheet.derive("weights", symbol: .text(plain: "weights", latex: "\\text{weights}"), .product(["K", "K", "C", "C'"]), value: Double(layer.weight.value.count),
                     note: "One weight per kernel position and input channel, for each of the C′ kernels (the deck's K·K·C·C′).")
        sheet.derive("parameters", symbol: .text(plain: "parameters", latex: "\\text{parameters}"), .sum([.product(["K", "K", "C", "C'"]), "C'"]),
                     value: Double(layer.parameters.reduce(0) { $0 + $1.value.count }),
                     note: "With one bias per feature map, as the engine's Conv2D layer counts them. The input size L does not appear: the same kernel is used at every position.")

        sheet.section("keras")
        // The deck's Keras example: Convolution2D(64, 3, 3, border_mode='same', input_shape=(3, 256, 256)), then Convolution2D(32, 3, 3, 'same').
        var rows: [[TraceTable.Cell]] = []
        var channelsIn = 3, side = 256
        for (index, filters) in [64, 32].enumerated() {
            let g = Conv2DGeometry(input: [1, channelsIn, side, side], weight: [filters, channelsIn, 3, 3], padding: .same)
            let conv = Conv2D(name: "keras\(index + 1)", inChannels: channelsIn, outChannels: filters, kernelSize: 3, padding: .same, seed: 0)
            let count = conv.parameters.reduce(0) { $0 + $1.value.count }
            sheet.record("keras\(index + 1)_maps", Double(g.outChannels))
            sheet.record("keras\(index + 1)_size", Double(g.outputHeight))
            sheet.derive("keras\(index + 1)_parameters", symbol: .text(plain: "parameters of Keras layer \(index + 1)", latex: "\\text{Keras layer \(index + 1)}"),
                         .sum([.product([3, 3, .number(Double(channelsIn)), .number(Double(filters))]), .number(Double(filters))]), value: Double(count))
            rows.append([.text("Convolution2D(\(filters), 3, 3, border_mode='same')"), .text("(None, \(channelsIn), \(side), \(side))"),
                         .text("(None, \(g.outChannels), \(g.outputHeight), \(g.outputWidth))"), .number(Double(count))])
            channelsIn = filters
            side = g.outputHeight
        }
        sheet.add(TraceTable(title: "The deck's Keras example, through the engine's geometry and Conv2D layers",
                             columns: ["layer", "input", "output", "parameters"], rows: rows))
        sheet.record("deck_block", 64 * 64 * 3)
        sheet.note("The deck's input block of 64 × 64 pixels and 3 channels holds 64·64·3 = 12288 numbers; a 3 × 3 kernel on it has 3·3·3 = 27 weights, however large the image.")
        return sheet.trace
    }
}
