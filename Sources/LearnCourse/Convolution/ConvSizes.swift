import LearnCore
import LearnModels
import LearnTensor

/// How big a convolution's output is, and how many weights a network has: `H' = (H + 2P − K)/S + 1`
/// for valid, same and full padding; the course CNN's sizes 28 → 30 → 15 → 13 → 7 → 5 → 3 (Radford's
/// 'full' first convolution and old Theano's pooling, which rounds up), so 128·3·3 = 1152 inputs to its
/// dense layer; LeNet-5's 28 → 28 → 14 → 10 → 5; and both networks' parameters layer by layer
/// (`K·K·C·C′ + C′` for a convolution, `in·out + out` for a dense layer).
///
/// Every size and count is read from the tensor engine's networks (a forward pass of one blank image)
/// and shown beside the arithmetic that predicts it; the two must agree.
public enum ConvSizes: Derivation {
    public static let name = "conv-sizes"
    public static let summary = "(H + 2P − K)/S + 1 for valid, same and full padding; the course CNN's and LeNet-5's shapes and parameter counts, checked against the engine."
    public static let sections = ["padding", "course-cnn", "lenet5", "parameters"]
    public static let parameters: [Parameter] = [
        .count("size", 28, "input height and width H", in: 1...1_000),
        .count("kernel", 3, "kernel size K", in: 1...99),
        .count("stride", 1, "stride S", in: 1...10),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let (h, k, s) = (p.count("size"), p.count("kernel"), p.count("stride"))
        guard k <= h else { throw .badValue(name: "kernel", value: String(k), expected: "a kernel no larger than the input (size = \(h))") }
        var sheet = Worksheet(inputs: ["H": Double(h), "K": Double(k), "S": Double(s)])

        sheet.section("padding")
        var paddings: [(name: String, padding: ConvPadding, amount: Int, meaning: String)] = [
            ("valid", .valid, 0, "no zeros: the kernel stays inside the image"),
        ]
        if k % 2 == 1 { paddings.append(("same", .same, (k - 1) / 2, "(K − 1)/2 zeros each side: the size is kept at stride 1")) }
        paddings.append(("full", .full, k - 1, "K − 1 zeros each side: every placement that overlaps the image (old Theano's 'full', Radford's first layer)"))
        var rows: [[TraceTable.Cell]] = []
        for (name, padding, amount, meaning) in paddings {
            let g = Conv2DGeometry(input: [1, 1, h, h], weight: [1, 1, k, k], stride: s, padding: padding)
            sheet.record("P_\(name)", Double(amount))
            let inner: Formula = .quotient(.parentheses(.difference(.sum(["H", .product([2, .symbol("P_\(name)")])]), "K")), "S")
            let exact = (h + 2 * amount - k) % s == 0
            sheet.derive("out_\(name)", symbol: .text(plain: "H' (\(name))", latex: "H'_{\\text{\(name)}}"),
                         .sum([exact ? inner : .function("floor", [inner]), 1]), value: Double(g.outputHeight),
                         note: "P = \(amount): \(meaning).")
            rows.append([.text(name), .number(Double(amount)), .number(Double(g.outputHeight))])
        }
        sheet.add(TraceTable(title: "A \(k) × \(k) kernel at stride \(s) on a \(h) × \(h) input", columns: ["padding", "P", "output size"], rows: rows))
        // The Le Borgne deck's exercise: a 7 × 7 input and a 3 × 3 kernel.
        let valid7 = Conv2DGeometry(input: [1, 1, 7, 7], weight: [1, 1, 3, 3]).outputHeight
        let same7 = Conv2DGeometry(input: [1, 1, 7, 7], weight: [1, 1, 3, 3], padding: .same).outputHeight
        sheet.record("deck_valid", Double(valid7))
        sheet.record("deck_same", Double(same7))
        sheet.note("The Le Borgne deck's question: a 7 × 7 input and a 3 × 3 kernel give a \(valid7) × \(valid7) map; one ring of zeros (P = 1) keeps it \(same7) × \(same7).")

        sheet.section("course-cnn")
        let cnn = shapes(of: .cnn, prefix: "cnn", &sheet)
        // The same stages with pooling that rounds down (the later convolutions are valid, stride 1).
        var floorSize = cnn.firstConvolution
        var floorChain = [28, floorSize]
        for stage in cnn.stages {
            floorSize = stage.isPool ? PoolRounding.floor.outputSize(input: floorSize, window: stage.size, stride: stage.size)
                                     : floorSize - stage.size + 1
            floorChain.append(floorSize)
        }
        sheet.record("cnn_dense_inputs_floor", Double(cnn.channels * floorSize * floorSize))
        sheet.note("Rounding down, as today's libraries pool, the sizes would be \(floorChain.map(String.init).joined(separator: " → ")) "
                   + "and the dense layer would see \(cnn.channels)·\(floorSize)·\(floorSize) = \(cnn.channels * floorSize * floorSize) inputs: "
                   + "a model file of one convention does not load into the other.")

        sheet.section("lenet5")
        _ = shapes(of: .lenet5, prefix: "lenet5", &sheet)

        sheet.section("parameters")
        counts(of: .cnn, prefix: "cnn", &sheet)
        counts(of: .lenet5, prefix: "lenet5", &sheet)
        return sheet.trace
    }

    /// What ``shapes(of:prefix:_:)`` found: the size after the first convolution, each later stage
    /// (pooling, or a convolution and its kernel size), and the channels entering the dense layers.
    struct Chain {
        var firstConvolution: Int
        /// Each stage after the first convolution: a pooling and its window, or a convolution and its kernel.
        var stages: [(isPool: Bool, size: Int)]
        var channels: Int
    }

    /// Runs one blank image through `model` layer by layer (inference mode), showing how each
    /// convolution and pooling changes the size by its formula, and the flattened size.
    static func shapes(of model: CourseNetwork, prefix: String, _ sheet: inout Worksheet) -> Chain {
        let network = model.build(seed: 0)
        var x = Tensor(zeros: [1, 1, 28, 28])
        var rows: [[TraceTable.Cell]] = [[.text("input"), .text("[1, 1, 28, 28]")]]
        var convolutions = 0, pools = 0
        var chain = Chain(firstConvolution: 0, stages: [], channels: 0)
        for layer in network.layers {
            let before = x.shape
            x = layer.forward(x, training: false)
            if layer is ReLU || layer is Dropout || layer is Sigmoid { continue }
            rows.append([.text(layer.summary), .text("[" + x.shape.map(String.init).joined(separator: ", ") + "]")])
            if let conv = layer as? Conv2D {
                convolutions += 1
                let k = conv.weight.value.shape[2]
                let p = conv.padding.amounts(kernelHeight: k, kernelWidth: k).height
                let formula: Formula = .sum([.quotient(.parentheses(.difference(.sum([.number(Double(before[2])), .product([2, .number(Double(p))])]), .number(Double(k)))),
                                                       .number(Double(conv.stride))), 1])
                sheet.derive("\(prefix)_conv\(convolutions)", symbol: .text(plain: "H' after conv\(convolutions)", latex: "H'_{\\text{conv\(convolutions)}}"),
                             formula, value: Double(x.shape[2]),
                             note: "\(conv.summary): (H + 2P − K)/S + 1 with H = \(before[2]), P = \(p), K = \(k), S = \(conv.stride).")
                if convolutions == 1 { chain.firstConvolution = x.shape[2] } else { chain.stages.append((false, k)) }
            } else if let pool = layer as? MaxPool2D {
                pools += 1
                let h = before[2]
                let ceil = pool.rounding == .ceil
                let inner: Formula = .quotient(.parentheses(.difference(.number(Double(h)), .number(Double(pool.window)))), .number(Double(pool.stride)))
                let rounded: Formula = (h - pool.window) % pool.stride == 0 ? inner : .function(ceil ? "ceil" : "floor", [inner])
                let floorSize = PoolRounding.floor.outputSize(input: h, window: pool.window, stride: pool.stride)
                sheet.derive("\(prefix)_pool\(pools)", symbol: .text(plain: "H' after pool\(pools)", latex: "H'_{\\text{pool\(pools)}}"),
                             .sum([rounded, 1]), value: Double(x.shape[2]),
                             note: "\(pool.summary): " + (ceil && floorSize != x.shape[2]
                                ? "the last window hangs over the edge and is kept, half empty (rounding down would give \(floorSize))."
                                : "windows of \(pool.window) moved by \(pool.stride)."))
                chain.stages.append((true, pool.window))
            } else if layer is Flatten {
                chain.channels = before[1]
                sheet.derive("\(prefix)_dense_inputs", symbol: .text(plain: "inputs of the dense layer", latex: "\\text{inputs of the dense layer}"),
                             .product(before.dropFirst().map { .number(Double($0)) }), value: Double(x.shape[1]),
                             note: "Flatten: \(before[1]) maps of \(before[2]) × \(before[3]) become one vector.")
            }
        }
        sheet.add(TraceTable(title: "\(model.rawValue): shapes of one image through the engine's network (activations and dropout keep the shape)",
                             columns: ["layer", "output shape"], rows: rows))
        return chain
    }

    /// Each layer's parameters by the formula, checked against the engine's count, and the total.
    static func counts(of model: CourseNetwork, prefix: String, _ sheet: inout Worksheet) {
        let network = model.build(seed: 0)
        var rows: [[TraceTable.Cell]] = []
        var totals: [Formula] = [], weightsOnly = 0
        var convolutions = 0, denses = 0
        for layer in network.layers where !layer.parameters.isEmpty {
            let count = layer.parameters.reduce(0) { $0 + $1.value.count }
            let name: String, formula: Formula, text: String
            if let conv = layer as? Conv2D {
                convolutions += 1
                let s = conv.weight.value.shape  // [C', C, K, K]
                name = "conv\(convolutions)"
                let weights: Formula = .product([s[2], s[3], s[1], s[0]].map { .number(Double($0)) })
                formula = conv.bias == nil ? weights : .sum([weights, .number(Double(s[0]))])
                text = "K·K·C·C′ + C′ = \(s[2])·\(s[3])·\(s[1])·\(s[0]) + \(s[0])"
                weightsOnly += conv.weight.value.count
            } else if let dense = layer as? Dense {
                denses += 1
                name = "dense\(denses)"
                let weights: Formula = .product([.number(Double(dense.inputCount)), .number(Double(dense.outputCount))])
                formula = dense.bias == nil ? weights : .sum([weights, .number(Double(dense.outputCount))])
                text = "in·out + out = \(dense.inputCount)·\(dense.outputCount) + \(dense.outputCount)"
                weightsOnly += dense.weight.value.count
            } else {
                continue
            }
            sheet.derive("\(prefix)_\(name)_parameters", symbol: .text(plain: "\(model.rawValue) \(name)", latex: "\\text{\(model.rawValue) \(name)}"),
                         formula, value: Double(count))
            rows.append([.text(name), .text(layer.summary), .text(text), .number(Double(count))])
            totals.append(.number(Double(count)))
        }
        rows.append([.text("total"), .text(""), .text(""), .number(Double(network.parameterCount))])
        sheet.add(TraceTable(title: "\(model.rawValue): parameters layer by layer", columns: ["layer", "", "formula", "parameters"], rows: rows))
        sheet.derive("\(prefix)_parameters", symbol: .text(plain: "\(model.rawValue) total", latex: "\\text{\(model.rawValue) total}"),
                     .sum(totals), value: Double(network.parameterCount),
                     note: "The sum of the layers, and the engine's count of the network's weights and biases.")
        sheet.record("\(prefix)_weights_without_biases", Double(weightsOnly))
    }
}
