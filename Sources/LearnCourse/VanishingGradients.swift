import Foundation
import LearnCore
import LearnScalar

/// The ULB deck's vanishing / exploding gradient argument made concrete.
///
/// Section `chain`: a chain of one neuron per layer, a_1 = x, s_l = w_l·a_l, a_(l+1) = f(s_l), J = ½(a_(n+1) − d)²,
/// whose gradient ∂J/∂w_1 = (a_(n+1) − d)·f'(s_n)·w_n ⋯ f'(s_2)·w_2·f'(s_1)·a_1 is a product with one f' per layer
/// (each ≤ 0.25 for the sigmoid, 1 for ReLU at a positive input). Section `layers`: a deep, fully connected network
/// with the same seeded weights run with sigmoid and with ReLU hidden layers (a linear output neuron), the norm of
/// ∂E/∂W^l for every layer l from the engine's backward pass; then the same weights scaled up (exploding gradients).
public enum VanishingGradients: Derivation {
    public static let name = "vanishing-gradients"
    public static let summary = "The ULB deck's product of f' on a one-neuron chain (sigmoid against ReLU, bound 0.25ⁿ); ‖∂E/∂W^l‖ and ‖δ^l‖/|δ^L| per layer for a 10 × 16 network with sigmoid, ReLU and weights ×2 (exploding, exactly large^(L−1) and large^(2L−1))."
    public static let sections = ["chain", "layers"]
    public static let parameters: [Parameter] = [
        .count("layers", 10, "weight layers of the network and of the chain", in: 2...30),
        .count("width", 16, "neurons per hidden layer", in: 1...16),
        .count("seed", 1, "seed of the weights and the input", in: 0...1_000_000),
        .number("scale", 1, "weights uniform in ±scale·√(6/n_in) (He's range for ReLU)", in: 0.01...100),
        .number("large", 2, "factor for the large weights of the exploding case", in: 0.01...100),
        .number("chain_weight", 1, "every weight w_l of the one-neuron chain", in: -100...100),
        .number("x", 1, "input a_1 of the chain", in: -100...100),
        .number("d", 0, "desired output of the chain and of the network", in: -100...100),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        var sheet = Worksheet()
        chain(p, &sheet)
        network(p, &sheet)
        return sheet.trace
    }

    // MARK: - The one-neuron chain of the deck's slide

    static func chain(_ p: Parameters, _ sheet: inout Worksheet) {
        sheet.section("chain")
        let n = p.count("layers"), w = p["chain_weight"]
        for (name, activation) in [("sigmoid", Activation.sigmoid), ("relu", Activation.relu)] {
            let weights = (1...n).map { Value(w, name: "w_\($0)") }
            let a1 = Value(p["x"], name: "a_1")
            var a = a1, nets: [Value] = []
            for l in 1...n {
                let s = (weights[l - 1] * a).named("s_\(l)")
                nets.append(s)
                a = activation.apply(s)
            }
            let J = (0.5 * (a - Value(p["d"])).pow(2)).named("J")
            J.backward()
            // f'(s_l) from the closed forms σ(1 − σ) and [s > 0]; the product below must equal the engine's ∂J/∂w_1.
            let slopes = nets.map { s -> Double in
                activation == .sigmoid ? { let y = 1 / (1 + exp(-s.data)); return y * (1 - y) }() : (s.data > 0 ? 1 : 0)
            }
            var rows: [[TraceTable.Cell]] = []
            for l in 1...n {
                rows.append([.text(String(l)), .number(nets[l - 1].data), .number(slopes[l - 1]), .number(w)])
                sheet.record("f'_\(l)", slopes[l - 1])
                sheet.record("w_\(l)", w)
            }
            let label = name == "sigmoid" ? "sigmoid" : "ReLU"
            sheet.add(TraceTable(title: "The chain with \(label): one f'(s_l) per layer", columns: ["l", "s_l = w_l·a_l", "f'(s_l)", "w_l"], rows: rows))
            sheet.record("a_1", p["x"])
            sheet.record("dJ/dy", a.data - p["d"])
            var factors: [Formula] = [.symbol("dJ/dy")]
            for l in stride(from: n, through: 1, by: -1) {
                factors.append(.symbol("f'_\(l)"))
                factors.append(l == 1 ? .symbol("a_1") : .symbol("w_\(l)"))
            }
            sheet.derive("dJ/dw_1_\(name)", symbol: .derivative(of: "J", withRespectTo: "w_1"), .product(factors), value: weights[0].grad,
                         note: "The deck's product, one factor f' per layer; the value is the engine's backward pass through the \(n)-neuron \(label) chain.")
            let product = slopes.reduce(1, *)
            sheet.record("product_\(name)", product)
            sheet.note("The \(n) derivatives alone multiply to \(NumberFormat().string(product)).")
        }
        sheet.derive("sigmoid_bound", symbol: .text(plain: "0.25^n", latex: "0.25^{n}"), .power(0.25, .number(Double(n))), value: pow(0.25, Double(n)),
                     note: "The sigmoid's f' never exceeds 0.25 (at s = 0), so \(n) of them multiply to at most this, whatever the weights.")
        sheet.record("relu_slope", 1)
    }

    // MARK: - A deep fully connected network, sigmoid against ReLU

    /// The seeded weights W^l (row k: the weights into neuron k of layer l) uniform in ±√(6/n_in), and the input pattern in [0, 1].
    /// Thresholds are 0, as in the deck's chain f(w_l·a_l).
    public static func seeded(sizes: [Int], seed: UInt64) -> (weights: [[[Double]]], input: [Double]) {
        var rng = SplitMix64(seed: seed)
        var weights: [[[Double]]] = []
        for m in 1..<sizes.count {
            let bound = sqrt(6 / Double(sizes[m - 1]))
            weights.append((0..<sizes[m]).map { _ in (0..<sizes[m - 1]).map { _ in rng.uniform(-bound, bound) } })
        }
        return (weights, (0..<sizes[0]).map { _ in rng.nextUnit() })
    }

    /// For l = 1 … L, by the engine's backward pass for E = ½(y − d)²: ‖∂E/∂W^l‖ (Frobenius, weights only) and
    /// ‖δ^l‖/|δ^L|, the error signal that reaches layer l per unit of the output neuron's δ (δ_k^l = −∂E/∂s_k^l).
    static func layerNorms(sizes: [Int], weights: [[[Double]]], factor: Double, input: [Double], d: Double,
                           activation: Activation) -> (gradient: [Double], signal: [Double]) {
        let layers = (1..<sizes.count).map { m in
            Layer((0..<sizes[m]).map { k in
                Neuron(name: "\(k + 1)^\(m)", weights: weights[m - 1][k].map { Value(factor * $0) }, bias: Value(0),
                       activation: m == sizes.count - 1 ? .identity : activation)
            })
        }
        let net = Network(layers, updatesBiases: false)
        let passes = net.forward(input.map { Value($0) })
        let E = 0.5 * (passes.last!.outs[0] - Value(d)).pow(2)
        E.backward()
        let gradient = layers.map { layer in
            sqrt(layer.neurons.reduce(0) { sum, neuron in sum + neuron.weights.reduce(0) { $0 + $1.grad * $1.grad } })
        }
        let output = abs(passes.last!.nets[0].grad)
        let signal = passes.map { pass in sqrt(pass.nets.reduce(0) { $0 + $1.grad * $1.grad }) / output }
        return (gradient, signal)
    }

    static func network(_ p: Parameters, _ sheet: inout Worksheet) {
        sheet.section("layers")
        let L = p.count("layers"), width = p.count("width")
        let sizes = Array(repeating: width, count: L) + [1]
        let (weights, input) = seeded(sizes: sizes, seed: UInt64(p.count("seed")))
        let scale = p["scale"], large = p["large"], f = NumberFormat()
        let cases: [(name: String, label: String, factor: Double, activation: Activation)] = [
            ("sigmoid", "sigmoid", scale, .sigmoid), ("relu", "ReLU", scale, .relu),
            ("relu_large", "ReLU, weights ×\(f.string(large))", scale * large, .relu),
            ("sigmoid_large", "sigmoid, weights ×\(f.string(large))", scale * large, .sigmoid),
        ]
        sheet.note("\(L) weight layers: \(width) inputs, \(L - 1) hidden layers of \(width), one linear output neuron, thresholds 0, E = ½(y − d)² with d = \(f.string(p["d"])). Weights uniform in ±\(f.string(scale))·√(6/\(width)) = ±\(f.string(scale * sqrt(6 / Double(width)))), the same numbers in every column (seed \(p.count("seed"))).")
        let results = cases.map { layerNorms(sizes: sizes, weights: weights, factor: $0.factor, input: input, d: p["d"], activation: $0.activation) }
        for (c, r) in zip(cases, results) {
            for l in 0..<L {
                sheet.record("norm_\(c.name)_\(l + 1)", r.gradient[l])
                sheet.record("signal_\(c.name)_\(l + 1)", r.signal[l])
            }
            sheet.record("ratio_\(c.name)", r.gradient[0] / r.gradient[L - 1])
        }
        sheet.add(TraceTable(title: "‖∂E/∂W^l‖ by layer l (1 = next to the input, \(L) = the output layer)",
                             columns: ["l"] + cases.map(\.label),
                             rows: (0..<L).map { l in [.text(String(l + 1))] + results.map { .number($0.gradient[l]) } }))
        sheet.add(TracePlot(title: "Gradient norm by layer (log scale)", xLabel: "layer l", yLabel: "‖∂E/∂W^l‖",
                            series: zip(cases, results).map { c, r in
                                .init(name: c.label, points: r.gradient.enumerated().map { (Double($0.offset + 1), $0.element) })
                            }, logY: true))
        sheet.add(TraceTable(title: "The deck's product of derivatives: ‖δ^l‖ / |δ^\(L)|, the error signal reaching layer l",
                             columns: ["l"] + cases.map(\.label),
                             rows: (0..<L).map { l in [.text(String(l + 1))] + results.map { .number($0.signal[l]) } }))
        // ReLU(c·s) = c·ReLU(s) for c > 0: with every weight ×c and thresholds 0, each layer's net inputs grow by c per layer.
        sheet.record("L", Double(L))
        sheet.record("large", large)
        sheet.derive("signal_growth", .power("large", .difference("L", 1)), value: results[2].signal[0] / results[1].signal[0],
                     note: "‖δ^1‖/|δ^\(L)| with weights ×\(f.string(large)) over the same without: the backward pass crosses \(L - 1) weight matrices, each \(f.string(large)) times larger, and ReLU passes the same units (ReLU(c·s) = c·ReLU(s)).")
        if p["d"] == 0 {
            sheet.derive("gradient_growth", .power("large", .difference(.product([2, "L"]), 1)), value: results[2].gradient[0] / results[1].gradient[0],
                         note: "‖∂E/∂W^1‖ grows even more: the output y is \(f.string(large))^\(L) times larger, so is ∂E/∂y = y − d (d = 0), and the backward pass adds \(f.string(large))^\(L - 1); ∂E/∂W^1 = δ^1·x takes the input as it is.")
        } else {
            sheet.record("gradient_growth", results[2].gradient[0] / results[1].gradient[0])
        }
        // Ratios of two zero gradients: every ReLU unit inactive, or the output equal to d, leaves no error signal.
        for name in sheet.trace.names where name.hasPrefix("signal_") || name.hasPrefix("ratio_") || name.hasSuffix("_growth") {
            guard let v = sheet.trace.value(name), !v.isFinite else { continue }
            sheet.mark(name, .undefined("a ratio of two zero gradients: with these weights (width \(width), seed \(p.count("seed"))) no error signal reaches the layers (every ReLU unit inactive, or the output equal to d), so there is nothing to compare"))
        }
    }
}
