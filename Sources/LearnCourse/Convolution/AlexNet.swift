import LearnCore
import LearnTensor

/// AlexNet (Krizhevsky, Sutskever & Hinton 2012) counted layer by layer: the Le Borgne deck's "5 conv,
/// 3FC … 650m neurons, 60M parameters" and its two formulas, `K·K·C·C′` from convolution to convolution
/// and `L·L·C·S` from the last convolution to the first fully connected layer.
///
/// The variant counted is the paper's: five convolutions of 96, 256, 384, 384 and 256 kernels (11 × 11
/// stride 4, 5 × 5, 3 × 3, 3 × 3, 3 × 3), overlapping 3 × 3 max pooling with stride 2 after the first,
/// second and fifth, then dense layers of 4096, 4096 and 1000. The network was split over two GPUs, and
/// the second, fourth and fifth convolutions see only the half of the maps below them on their own GPU
/// (kernels of depth 48, 192 and 192): the "grouped" count. The same network without the split (every
/// kernel as deep as its input) is the "ungrouped" count. Biases (one per map or unit) are counted, and
/// the total is also given without them.
///
/// Sizes come from `H′ = (H + 2P − K)/S + 1` (the engine's ``Conv2DGeometry`` and
/// ``PoolRounding/floor``) on a 227 × 227 input: the paper's "224 × 224" gives (224 − 11)/4 + 1 = 54.25.
public enum AlexNet: Derivation {
    public static let name = "alexnet"
    public static let summary = "AlexNet (the paper's two-GPU network, biases counted) layer by layer: sizes by (H + 2P − K)/S + 1, K·K·C·C′ + C′ and L·L·C·S + S, grouped and ungrouped totals, neurons."
    public static let sections = ["layers", "parameters", "neurons"]
    public static let parameters: [Parameter] = [
        .count("input", 227, "input height and width of AlexNet", in: 67...1_000),
        .count("classes", 1000, "output classes", in: 1...100_000),
    ]

    /// One layer of the network: a convolution (kernel, stride, padding, maps, groups), a pooling, or a dense layer.
    enum Layer {
        case convolution(kernel: Int, stride: Int, padding: Int, maps: Int, groups: Int)
        case pool
        case dense(units: Int)
    }

    /// The paper's layers; `classes` units at the end.
    static func layers(classes: Int) -> [Layer] {
        [.convolution(kernel: 11, stride: 4, padding: 0, maps: 96, groups: 1), .pool,
         .convolution(kernel: 5, stride: 1, padding: 2, maps: 256, groups: 2), .pool,
         .convolution(kernel: 3, stride: 1, padding: 1, maps: 384, groups: 1),
         .convolution(kernel: 3, stride: 1, padding: 1, maps: 384, groups: 2),
         .convolution(kernel: 3, stride: 1, padding: 1, maps: 256, groups: 2), .pool,
         .dense(units: 4096), .dense(units: 4096), .dense(units: classes)]
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let (size, classes) = (p.count("input"), p.count("classes"))
        var sheet = Worksheet()

        sheet.section("layers")
        var side = size, depth = 3
        var shapeRows: [[TraceTable.Cell]] = [[.text("input"), .text("\(size) × \(size) × 3"), .number(Double(size * size * 3))]]
        var neurons: [Formula] = [], neuronCount = 0, pooledCount = 0
        var convolutions = 0, pools = 0, denses = 0
        var counted: [(name: String, grouped: Formula, groupedValue: Int, ungrouped: Int, biases: Int, text: String)] = []
        var flattened = 0
        for layer in layers(classes: classes) {
            switch layer {
            case let .convolution(k, s, pad, maps, groups):
                convolutions += 1
                let g = Conv2DGeometry(input: [1, depth, side, side], weight: [maps, depth, k, k], stride: s, padding: .zeros(pad))
                let name = "conv\(convolutions)"
                let inner: Formula = .quotient(.parentheses(.difference(.sum([.number(Double(side)), .product([2, .number(Double(pad))])]), .number(Double(k)))), .number(Double(s)))
                let exact = (side + 2 * pad - k) % s == 0
                sheet.derive("\(name)_size", symbol: .text(plain: "H' after \(name)", latex: "H'_{\\text{\(name)}}"),
                             .sum([exact ? inner : .function("floor", [inner]), 1]), value: Double(g.outputHeight),
                             note: convolutions == 1 ? "11 × 11 kernels moved by 4 pixels, no padding." : nil)
                let perGroup = depth / groups
                let weightsGrouped = k * k * perGroup * maps, weightsFull = k * k * depth * maps
                counted.append((name, .sum([.product([k, k, perGroup, maps].map { .number(Double($0)) }), .number(Double(maps))]),
                                weightsGrouped + maps, weightsFull + maps, maps,
                                groups == 1 ? "K·K·C·C′ + C′ = \(k)·\(k)·\(depth)·\(maps) + \(maps)"
                                            : "K·K·(C/2)·C′ + C′ = \(k)·\(k)·\(perGroup)·\(maps) + \(maps) (ungrouped: \(k)·\(k)·\(depth)·\(maps) + \(maps))"))
                side = g.outputHeight
                depth = maps
                neurons.append(.product([.number(Double(side)), .number(Double(side)), .number(Double(maps))]))
                neuronCount += side * side * maps
                shapeRows.append([.text("\(name): \(maps) kernels \(k) × \(k) × \(groups == 1 ? g.inChannels : perGroup), stride \(s), padding \(pad)"),
                                  .text("\(side) × \(side) × \(maps)"), .number(Double(side * side * maps))])
            case .pool:
                pools += 1
                let out = PoolRounding.floor.outputSize(input: side, window: 3, stride: 2)
                let inner: Formula = .quotient(.parentheses(.difference(.number(Double(side)), 3)), 2)
                sheet.derive("pool\(pools)_size", symbol: .text(plain: "H' after pool\(pools)", latex: "H'_{\\text{pool\(pools)}}"),
                             .sum([(side - 3) % 2 == 0 ? inner : .function("floor", [inner]), 1]), value: Double(out),
                             note: pools == 1 ? "Overlapping pooling: 3 × 3 windows moved by 2." : nil)
                side = out
                pooledCount += side * side * depth
                shapeRows.append([.text("pool\(pools): max over 3 × 3, stride 2"), .text("\(side) × \(side) × \(depth)"), .number(Double(side * side * depth))])
            case let .dense(units):
                denses += 1
                let name = "fc\(5 + denses)"
                if denses == 1 {
                    flattened = side * side * depth
                    sheet.record("L", Double(side))
                    sheet.record("C", Double(depth))
                    sheet.record("S", Double(units))
                    sheet.derive("fc6_weights", symbol: .text(plain: "weights of fc6", latex: "\\text{weights of fc6}"), .product(["L", "L", "C", "S"]),
                                 value: Double(side * side * depth * units),
                                 note: "The deck's $L \\cdot L \\cdot C \\cdot S$: every one of the \(side)·\(side)·\(depth) = \(flattened) numbers of the last block to each of the \(units) units — \"may be very high!\"")
                    counted.append((name, .sum([.product([side, side, depth, units].map { .number(Double($0)) }), .number(Double(units))]),
                                    flattened * units + units, flattened * units + units, units, "L·L·C·S + S = \(side)·\(side)·\(depth)·\(units) + \(units)"))
                } else {
                    let inputs = depth
                    counted.append((name, .sum([.product([.number(Double(inputs)), .number(Double(units))]), .number(Double(units))]),
                                    inputs * units + units, inputs * units + units, units, "in·out + out = \(inputs)·\(units) + \(units)"))
                }
                depth = units
                side = 1
                neurons.append(.number(Double(units)))
                neuronCount += units
                shapeRows.append([.text("\(name): dense, \(units) units"), .text("\(units)"), .number(Double(units))])
            }
        }
        sheet.add(TraceTable(title: "AlexNet's layers on a \(size) × \(size) × 3 image (ReLU after every layer but the last; local response normalization leaves the shapes)",
                             columns: ["layer", "output", "neurons"], rows: shapeRows))
        sheet.record("flattened", Double(flattened))
        sheet.derive("conv1_from_224", symbol: .text(plain: "H' after conv1 on 224 × 224", latex: "H'_{\\text{conv1}}(224)"),
                     .sum([.quotient(.parentheses(.difference(224, 11)), 4), 1]), value: (224.0 - 11) / 4 + 1,
                     note: "The paper says 224 × 224 inputs, but 11 × 11 kernels at stride 4 do not tile 224 pixels; 227 gives the paper's 55.")

        sheet.section("parameters")
        var rows: [[TraceTable.Cell]] = []
        var groupedTotal = 0, ungroupedTotal = 0, biasTotal = 0, convolutionTotal = 0
        for layer in counted {
            sheet.derive("\(layer.name)_parameters", symbol: .text(plain: layer.name, latex: "\\text{\(layer.name)}"), layer.grouped, value: Double(layer.groupedValue))
            sheet.record("\(layer.name)_parameters_ungrouped", Double(layer.ungrouped))
            rows.append([.text(layer.name), .text(layer.text), .number(Double(layer.groupedValue)), .number(Double(layer.ungrouped))])
            groupedTotal += layer.groupedValue
            ungroupedTotal += layer.ungrouped
            biasTotal += layer.biases
            if layer.name.hasPrefix("conv") { convolutionTotal += layer.groupedValue }
        }
        rows.append([.text("total"), .text(""), .number(Double(groupedTotal)), .number(Double(ungroupedTotal))])
        sheet.add(TraceTable(title: "AlexNet's parameters, weights and biases (grouped: the paper's two-GPU network)",
                             columns: ["layer", "formula", "grouped", "ungrouped"], rows: rows))
        sheet.derive("parameters", symbol: .text(plain: "parameters", latex: "\\text{parameters}"),
                     .sum(counted.map { .number(Double($0.groupedValue)) }), value: Double(groupedTotal),
                     note: size == 227 && classes == 1000
                        ? "The paper's network, biases included: the deck's (and the paper's) \"60M parameters\", rounded."
                        : "The paper's layers on a \(size) × \(size) input with \(classes) classes, biases included (the deck's \"60M\" is for 227 and 1000).")
        sheet.record("parameters_millions", Double(groupedTotal) / 1e6)
        sheet.record("parameters_ungrouped", Double(ungroupedTotal))
        sheet.record("biases", Double(biasTotal))
        sheet.derive("weights_without_biases", symbol: .text(plain: "weights without biases", latex: "\\text{weights without biases}"),
                     .difference("parameters", "biases"), value: Double(groupedTotal - biasTotal))
        sheet.record("convolution_parameters", Double(convolutionTotal))
        let largestDense = counted.filter { $0.name.hasPrefix("fc") }.max { $0.groupedValue < $1.groupedValue }?.name ?? "fc6"
        sheet.record("dense_parameters", Double(groupedTotal - convolutionTotal))
        sheet.derive("dense_share", symbol: .text(plain: "share in dense layers", latex: "\\text{share in dense layers}"),
                     .quotient(.number(Double(groupedTotal - convolutionTotal)), .number(Double(groupedTotal))), value: Double(groupedTotal - convolutionTotal) / Double(groupedTotal),
                     note: "The five convolutions hold only \(convolutionTotal) of them: nearly all the weights sit in the three dense layers, most in \(largestDense).")

        sheet.section("neurons")
        sheet.derive("neurons", symbol: .text(plain: "neurons", latex: "\\text{neurons}"), .sum(neurons), value: Double(neuronCount),
                     note: "The outputs of the five convolutions (each position of each feature map) and of the three dense layers. Not counted: the input, "
                         + "the outputs of the three max-pooling layers and of the two local response normalizations (which keep conv1's and conv2's shapes).")
        sheet.record("neurons_thousands", Double(neuronCount) / 1000)
        sheet.record("pooling_outputs", Double(pooledCount))
        sheet.derive("neurons_with_pooling", symbol: .text(plain: "neurons, pooling outputs counted too", latex: "\\text{neurons with pooling}"),
                     .sum(["neurons", "pooling_outputs"]), value: Double(neuronCount + pooledCount),
                     note: "Counting the pooling layers' outputs as neurons as well: what one calls a neuron changes the total, and the paper does not say which it counted.")
        sheet.record("neurons_paper", 253_440 + 186_624 + 64_896 + 64_896 + 43_264 + 4096 + 4096 + 1000)
        return sheet.trace
    }
}
