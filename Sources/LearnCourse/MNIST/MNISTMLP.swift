import Foundation
import LearnModels
import LearnCore
import LearnData
import LearnTensor

/// One MNIST digit through the course's MLP (784 → 625 sigmoid → 10, the Kuzovkin deck's second
/// network, from Radford's tutorial): what the IDX files hold, the digit and its scaling to 0…1, the
/// forward pass with one hidden net input written out as its sum of 784 products, softmax and
/// cross-entropy, the output gradient p − y, one hidden delta, and one SGD step on that digit.
///
/// The tensor engine (`Float`) computes the pass; every shown step is recomputed in `Double` from the
/// engine's weights and the image's bytes, and the trace records how far the two differ.
///
/// Notation: pixels x₁…x₇₈₄ (pixel i is row ⌊(i−1)/28⌋, column (i−1) mod 28, counted from 0), weights
/// w_{i,j} from pixel i to hidden unit j, hidden biases b_j, net inputs net_hj and outputs out_hj;
/// weights v_{j,k} from hidden unit j to output k, output biases c_k, logits z_k and probabilities p_k
/// for the digits k = 0…9.
public enum MNISTMLP: Derivation {
    public static let name = "mnist-mlp"
    public static let summary = "One MNIST digit through the course MLP 784 → 625 sigmoid → 10: the IDX files, the digit, the forward pass (one hidden net input as its sum of 784 products), softmax, cross-entropy, δ = p − y, one SGD step."
    public static let sections = ["data", "digit", "forward", "gradient", "step"]
    public static let parameters: [Parameter] = [
        .count("index", 0, "which training image (counted from 0)", in: 0...59_999),
        .count("unit", 1, "which hidden unit to write out (1…625)", in: 1...625),
        .count("seed", 1, "seed of the initial weights", in: 0...1_000_000),
        .number("eta", 0.005, "learning rate η of the single SGD step", in: 1e-6...100),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        try run(p, data: LessonData.load())
    }

    /// The derivation on `data` (any dataset of 28 × 28 images: tests pass a small synthetic one).
    static func run(_ p: Parameters, data: Dataset) throws(DerivationError) -> Trace {
        guard data.rows == 28 && data.columns == 28 else {
            throw .invalid("\(data.name): the course MLP takes 28 × 28 images, these are \(data.rows) × \(data.columns)")
        }
        let index = try p.index("index", below: data.train.count, of: "training set")
        var sheet = Worksheet(inputs: ["eta": p["eta"]])
        dataSection(&sheet, data)
        let label = Int(data.train.labels[index])
        let x = digitSection(&sheet, data, index: index, label: label)
        var pass = Pass(network: CourseNetwork.mlp.build(seed: UInt64(p.count("seed"))),
                        image: data.train.imageTensor(index..<index + 1, rows: 28, columns: 28), label: label)
        forwardSection(&sheet, pass, x: x, unit: p.count("unit"))
        gradientSection(&sheet, &pass, x: x, unit: p.count("unit"))
        try stepSection(&sheet, pass, eta: p["eta"], unit: p.count("unit"))
        return sheet.trace
    }

    // MARK: - The data

    /// What the four IDX files hold: a 4-byte magic (0, 0, type 0x08 for unsigned bytes, the number of
    /// dimensions), each dimension as a 32-bit integer, then the bytes.
    static func dataSection(_ sheet: inout Worksheet, _ data: Dataset) {
        sheet.section("data")
        let (rows, columns) = (data.rows, data.columns)
        sheet.record("train_count", Double(data.train.count))
        sheet.record("test_count", Double(data.test.count))
        sheet.record("rows", Double(rows))
        sheet.record("columns", Double(columns))
        var table: [[TraceTable.Cell]] = []
        for (file, dimensions, key) in [("train-images-idx3-ubyte", [data.train.count, rows, columns], "train_images_bytes"),
                                        ("train-labels-idx1-ubyte", [data.train.count], "train_labels_bytes"),
                                        ("t10k-images-idx3-ubyte", [data.test.count, rows, columns], "test_images_bytes"),
                                        ("t10k-labels-idx1-ubyte", [data.test.count], "test_labels_bytes")] {
            let magic = 0x0800 + dimensions.count
            let bytes = 4 + 4 * dimensions.count + dimensions.reduce(1, *)
            sheet.record(key, Double(bytes))
            table.append([.text(file), .text("0x0000080\(dimensions.count) = \(magic)"),
                          .text(dimensions.map(String.init).joined(separator: " × ")), .number(Double(bytes))])
        }
        sheet.add(TraceTable(title: "The four IDX files of \(data.name)", columns: ["file", "magic", "dimensions", "bytes"], rows: table))
        sheet.derive("pixels_per_image", symbol: .text(plain: "pixels per image", latex: "\\text{pixels per image}"),
                     .product(["rows", "columns"]), value: Double(rows * columns),
                     note: "Each image is \(rows) rows of \(columns) bytes, one after another: the network sees it as one vector of \(rows * columns) numbers.")
        sheet.derive("train_images_bytes", symbol: .text(plain: "bytes of train-images", latex: "\\text{bytes of train-images}"),
                     .sum([4, .product([4, 3]), .product(["train_count", "rows", "columns"])]),
                     value: Double(4 + 4 * 3 + data.train.count * rows * columns),
                     note: "The magic, three dimensions of 4 bytes each, then one byte per pixel: 0 is background, 255 full ink.")
    }

    /// The digit as a picture, its label, and the scaling of its bytes to 0…1. Returns the 784 inputs.
    static func digitSection(_ sheet: inout Worksheet, _ data: Dataset, index: Int, label: Int) -> [Double] {
        sheet.section("digit")
        let n = data.pixelsPerImage
        let bytes = Array(data.train.image(index, pixels: n))
        let x = bytes.map { Double($0) / 255 }
        sheet.record("label", Double(label))
        sheet.add(TraceImage(title: "Training image \(index), labelled \(label)", rows: data.rows, columns: data.columns, pixels: x))
        let ink = bytes.filter { $0 != 0 }.count
        sheet.record("ink_pixels", Double(ink))
        sheet.record("max_byte", Double(bytes.max() ?? 0))
        sheet.note("Its label is **\(label)**. \(ink) of its \(n) pixels carry ink (a byte above 0); the other \(n - ink) are background.")
        // The first pixel with ink and the darkest one, scaled.
        let firstInk = bytes.firstIndex { $0 != 0 } ?? 0
        let darkest = bytes.firstIndex(of: bytes.max() ?? 0) ?? 0
        for (i, what) in [(firstInk, "the first pixel with ink"), (darkest, "the darkest pixel")] {
            sheet.record("byte_\(i + 1)", Double(bytes[i]))
            sheet.derive("x_\(i + 1)", .quotient(.symbol("byte_\(i + 1)"), 255), value: x[i],
                         note: "Pixel \(i + 1) (row \(i / data.columns), column \(i % data.columns)) is \(what); the course scales every byte to 0…1 by dividing by 255.")
        }
        return x
    }

    // MARK: - The forward pass

    /// The course MLP's layers and the values of one forward and backward pass on one image.
    struct Pass {
        let network: Network
        let dense1: Dense
        let dense2: Dense
        /// `[1, 1, 28, 28]`, scaled to 0…1.
        let image: Tensor
        let label: Int
        /// `[1, 625]`, `[1, 625]`, `[1, 10]`.
        let net: Tensor, hidden: Tensor, logits: Tensor
        let loss: (loss: Double, probabilities: Tensor, gradient: Tensor)

        init(network: Network, image: Tensor, label: Int) {
            self.network = network
            dense1 = network.layers[0] as! Dense
            dense2 = network.layers[2] as! Dense
            self.image = image
            self.label = label
            net = dense1.forward(image, training: true)
            hidden = network.layers[1].forward(net, training: true)
            logits = dense2.forward(hidden, training: true)
            loss = SoftmaxCrossEntropy()(logits, labels: [label])
        }

        /// w_{i,j}: input i to hidden unit j (both from 1).
        func w(_ i: Int, _ j: Int) -> Double { Double(dense1.weight.value.scalars[(i - 1) * dense1.outputCount + j - 1]) }
        /// v_{j,k}: hidden unit j (from 1) to output k (from 0).
        func v(_ j: Int, _ k: Int) -> Double { Double(dense2.weight.value.scalars[(j - 1) * 10 + k]) }
        func b(_ j: Int) -> Double { Double(dense1.bias?.value.scalars[j - 1] ?? 0) }
        func c(_ k: Int) -> Double { Double(dense2.bias?.value.scalars[k] ?? 0) }
    }

    static func sigmoid(_ s: Double) -> Double { 1 / (1 + exp(-s)) }

    static func forwardSection(_ sheet: inout Worksheet, _ pass: Pass, x: [Double], unit u: Int) {
        sheet.section("forward")
        let (inputs, hidden, outputs) = (pass.dense1.inputCount, pass.dense1.outputCount, pass.dense2.outputCount)
        let layers: [[TraceTable.Cell]] = [
            [.text("input x"), .text("—"), .text("[1, \(inputs)]"), .number(0)],
            [.text("hidden: net = x·W + b"), .text("W [\(inputs), \(hidden)], b [\(hidden)]"), .text("[1, \(hidden)]"),
             .number(Double(pass.dense1.parameters.reduce(0) { $0 + $1.value.count }))],
            [.text("hidden: out = σ(net)"), .text("—"), .text("[1, \(hidden)]"), .number(0)],
            [.text("output: z = out·V + c"), .text("V [\(hidden), \(outputs)], c [\(outputs)]"), .text("[1, \(outputs)]"),
             .number(Double(pass.dense2.parameters.reduce(0) { $0 + $1.value.count }))],
            [.text("p = softmax(z)"), .text("—"), .text("[1, \(outputs)]"), .number(0)],
        ]
        sheet.add(TraceTable(title: "The course MLP on one image: shapes", columns: ["stage", "weights", "output shape", "parameters"], rows: layers))
        sheet.record("inputs", Double(inputs))
        sheet.record("hidden_units", Double(hidden))
        sheet.record("outputs", Double(outputs))
        let (nIn, nHidden, nOut) = (Formula.number(Double(inputs)), Formula.number(Double(hidden)), Formula.number(Double(outputs)))
        sheet.derive("mlp_parameters", symbol: .text(plain: "parameters", latex: "\\text{parameters}"),
                     .sum([.product([nIn, nHidden]), nHidden, .product([nHidden, nOut]), nOut]),
                     value: Double(pass.network.parameterCount),
                     note: "Weights and biases of both layers; the engine's own count agrees with the arithmetic.")

        // net_hu as its sum of 784 products, of which only the inked pixels' are not 0.
        let ink = x.indices.filter { x[$0] != 0 }.map { $0 + 1 }
        var net = pass.b(u)
        for i in 1...x.count { net += pass.w(i, u) * x[i - 1] }
        var terms: [Formula] = []
        for i in Array(ink.prefix(2)) + (ink.count > 3 ? [] : Array(ink.dropFirst(2))) {
            sheet.record("w_\(i),\(u)", pass.w(i, u))
            sheet.record("x_\(i)", x[i - 1])
            terms.append(.product([.symbol("w_\(i),\(u)"), .symbol("x_\(i)")]))
        }
        if ink.count > 3, let last = ink.last {
            sheet.record("w_\(last),\(u)", pass.w(last, u))
            sheet.record("x_\(last)", x[last - 1])
            terms += [.text(plain: "⋯", latex: "\\cdots"), .product([.symbol("w_\(last),\(u)"), .symbol("x_\(last)")])]
        }
        sheet.record("b_\(u)", pass.b(u))
        let netEngine = Double(pass.net.scalars[u - 1])
        sheet.derive("net_h\(u)", .sum(terms + [.symbol("b_\(u)")]), value: net,
                     note: "$net_{h\(u)} = \\sum_{i=1}^{784} w_{i,\(u)} x_{i} + b_{\(u)}$: 784 products, but only the \(ink.count) inked pixels give one that is not 0. "
                         + "The sum in double precision; the engine's Float32 matrix product gives \(NumberFormat().string(netEngine)).")
        sheet.record("net_h\(u)_engine", netEngine)
        sheet.record("net_h\(u)_difference", abs(netEngine - net))
        let out = sigmoid(net)
        sheet.derive("out_h\(u)", .quotient(1, .sum([1, .power("e", .negation(.symbol("net_h\(u)")))])), value: out)
        sheet.record("out_h\(u)_engine", Double(pass.hidden.scalars[u - 1]))

        // The ten logits and the softmax, recomputed in Double from the engine's logits.
        let z = pass.logits.scalars.map(Double.init)
        let zMax = z.max() ?? 0
        let e = z.map { exp($0 - zMax) }
        let total = e.reduce(0, +)
        let p = e.map { $0 / total }
        for k in z.indices {
            sheet.record("z_\(k)", z[k])
            sheet.record("p_\(k)", p[k])
        }
        let label = pass.label
        sheet.record("z_label", z[label])
        var rows: [[TraceTable.Cell]] = []
        for k in z.indices {
            rows.append([.text(k == label ? "\(k) ← label" : "\(k)"), .number(z[k]), .number(exp(z[k])), .number(p[k]),
                         .number(Double(pass.loss.probabilities.scalars[k]))])
        }
        sheet.add(TraceTable(title: "Logits z_k = Σⱼ out_hj · v_j,k + c_k and softmax probabilities",
                             columns: ["digit k", "z_k", "e^z_k", "p_k", "p_k (engine)"], rows: rows))
        let Z = z.reduce(0) { $0 + exp($1) }
        sheet.derive("Z", .sum([.power("e", "z_0"), .power("e", "z_1"), .text(plain: "⋯", latex: "\\cdots"), .power("e", "z_9")]), value: Z,
                     note: "The normalizer: the sum of $e^{z_k}$ over the ten digits.")
        let pLabel = exp(z[label]) / Z
        sheet.derive("p_label", symbol: .symbol("p_\(label)"), .quotient(.power("e", .symbol("z_\(label)")), "Z"), value: pLabel,
                     note: "The probability the network gives the right digit, \(label). Untrained, it spreads its belief over all ten.")
        sheet.derive("sum_p", symbol: .text(plain: "Σ p_k", latex: "\\sum_{k} p_{k}"),
                     .sum(["p_0", "p_1", .text(plain: "⋯", latex: "\\cdots"), "p_9"]), value: p.reduce(0, +),
                     note: "Softmax makes a probability distribution: the ten probabilities sum to 1.")
        sheet.record("sum_p_engine", pass.loss.probabilities.scalars.reduce(0.0) { $0 + Double($1) })
        let loss = -log(pLabel)
        sheet.derive("E", .negation(.function("ln", [.symbol("p_\(label)")])), value: loss,
                     note: "Cross-entropy with a one-hot target is minus the log of the right digit's probability: 0 when the network is sure and right.")
        sheet.derive("E_logsumexp", symbol: .symbol("E"), .difference(.function("ln", ["Z"]), .symbol("z_\(label)")), value: log(Z) - z[label],
                     note: "The same number as $\\ln Z - z_{\(label)}$, which is how the engine computes it (after subtracting the largest logit, so nothing overflows).")
        sheet.record("E_engine", pass.loss.loss)
        sheet.record("E_difference", abs(pass.loss.loss - loss))
        sheet.note("The engine's `SoftmaxCrossEntropy` gives E = \(NumberFormat().string(pass.loss.loss)).")
    }

    // MARK: - The backward pass

    static func gradientSection(_ sheet: inout Worksheet, _ pass: inout Pass, x: [Double], unit u: Int) {
        sheet.section("gradient")
        pass.network.zeroGradients()
        _ = pass.network.backward(pass.loss.gradient)
        let label = pass.label
        let p = (0..<10).map { sheet.lookup("p_\($0)") ?? .nan }
        let delta = p.indices.map { p[$0] - ($0 == label ? 1 : 0) }
        let engine = pass.loss.gradient.scalars.map(Double.init)
        var rows: [[TraceTable.Cell]] = []
        for k in p.indices {
            sheet.record("y_\(k)", k == label ? 1 : 0)
            sheet.record("delta_\(k)", delta[k])
            rows.append([.text("\(k)"), .number(p[k]), .number(k == label ? 1 : 0), .number(delta[k]), .number(engine[k])])
        }
        sheet.add(TraceTable(title: "The output deltas δ_k = ∂E/∂z_k = p_k − y_k (y one-hot for digit \(label))",
                             columns: ["digit k", "p_k", "y_k", "δ_k = p_k − y_k", "engine ∂E/∂z_k"], rows: rows))
        sheet.derive("delta_label", symbol: .symbol("delta_\(label)"), .difference(.symbol("p_\(label)"), .symbol("y_\(label)")), value: delta[label],
                     note: "With softmax and cross-entropy the softmax's derivative cancels against the logarithm's: $\\delta_k = p_k - y_k$, no $\\sigma'$ factor. "
                         + "The right digit's delta is negative (raise its logit), every other one positive (lower theirs).")
        sheet.derive("sum_delta", symbol: .text(plain: "Σ δ_k", latex: "\\sum_{k} \\delta_{k}"),
                     .sum(["delta_0", "delta_1", .text(plain: "⋯", latex: "\\cdots"), "delta_9"]), value: delta.reduce(0, +),
                     note: "The deltas sum to 0 (up to rounding), because the $p_k$ sum to 1 and so do the $y_k$.")
        sheet.record("delta_engine_difference", zip(delta, engine).map { abs($0 - $1) }.max() ?? 0)

        // One output weight and one hidden delta, by the chain rule.
        let out = sheet.lookup("out_h\(u)") ?? .nan
        let gradV = delta[label] * out
        sheet.partial("E", "v_\(u),\(label)", .product([.symbol("delta_\(label)"), .symbol("out_h\(u)")]), value: gradV,
                      note: "The weight from hidden unit \(u) to output \(label): the output's delta times what flows in along the weight.")
        let engineV = Double(pass.dense2.weight.gradient.scalars[(u - 1) * 10 + label])
        sheet.record("dE/dv_\(u),\(label)_engine", engineV)
        var back = 0.0
        for k in 0..<10 {
            sheet.record("v_\(u),\(k)", pass.v(u, k))
            back += pass.v(u, k) * delta[k]
        }
        sheet.partial("E", "out_h\(u)", .sum([.product([.symbol("v_\(u),0"), "delta_0"]), .product([.symbol("v_\(u),1"), "delta_1"]),
                                              .text(plain: "⋯", latex: "\\cdots"), .product([.symbol("v_\(u),9"), "delta_9"])]),
                      value: back, note: "Hidden unit \(u) feeds all ten outputs, so its error signal is the sum of what flows back from each.")
        let deltaHidden = back * out * (1 - out)
        sheet.derive("delta_h\(u)", .product([.derivative(of: "E", withRespectTo: "out_h\(u)"), .symbol("out_h\(u)"), .parentheses(.difference(1, .symbol("out_h\(u)")))]),
                     value: deltaHidden, note: "Through the sigmoid: $\\sigma'(net) = out\\,(1 - out)$. Here σ′ does appear: it is the hidden layer's activation.")
        if let i = x.indices.first(where: { x[$0] != 0 }).map({ $0 + 1 }) {
            sheet.partial("E", "w_\(i),\(u)", .product([.symbol("delta_h\(u)"), .symbol("x_\(i)")]), value: deltaHidden * x[i - 1],
                          note: "A weight into hidden unit \(u) from an inked pixel; from a background pixel ($x_i = 0$) the gradient is exactly 0.")
            let engineW = Double(pass.dense1.weight.gradient.scalars[(i - 1) * pass.dense1.outputCount + u - 1])
            sheet.record("dE/dw_\(i),\(u)_engine", engineW)
            sheet.record("hidden_gradient_difference", abs(engineW - deltaHidden * x[i - 1]))
        }
        let zeroRows = x.indices.filter { x[$0] == 0 }.count
        sheet.record("zero_gradient_rows", Double(zeroRows))
        sheet.note("The engine's backward pass gives the same numbers (∂E/∂v = \(NumberFormat().string(engineV)) in Float32). "
                   + "Of W's 784 rows, the \(zeroRows) that leave background pixels get a zero gradient from this image.")
    }

    // MARK: - One step

    static func stepSection(_ sheet: inout Worksheet, _ pass: Pass, eta: Double, unit u: Int) throws(DerivationError) {
        sheet.section("step")
        let label = pass.label
        func norm2(_ parameters: [LearnTensor.Parameter]) -> Double {
            parameters.reduce(0.0) { sum, p in p.gradient.scalars.reduce(sum) { $0 + Double($1) * Double($1) } }
        }
        let gradientNorm2 = norm2(pass.network.parameters), outputNorm2 = norm2(pass.dense2.parameters)
        let v = pass.v(u, label)
        sheet.record("v_\(u),\(label)", v)
        SGD(learningRate: Float(eta)).step(pass.network.parameters)
        let updated = v - eta * (sheet.lookup(Formula.derivativeKey("E", "v_\(u),\(label)")) ?? .nan)
        sheet.derive("v_\(u),\(label)+", .difference(.symbol("v_\(u),\(label)"), .product(["eta", .derivative(of: "E", withRespectTo: "v_\(u),\(label)")])),
                     value: updated, note: "Every weight moves against its gradient at once; this is one of the \(pass.network.parameterCount).")
        sheet.record("v_\(u),\(label)+_engine", pass.v(u, label))

        let z = pass.network.forward(pass.image, training: false).scalars.map(Double.init)
        guard z.allSatisfy(\.isFinite) else {
            throw .badValue(name: "eta", value: NumberFormat().string(eta),
                            expected: "a rate whose step keeps the network's outputs finite (this one overflows Float32)")
        }
        // ln p = z_label − ln Σ e^z, with the largest score taken out first: finite for any finite scores.
        let largest = z.max() ?? 0
        let logP = z[label] - largest - log(z.reduce(0) { $0 + exp($1 - largest) })
        let pAfter = exp(logP)
        sheet.record("p_label_after", pAfter)
        sheet.record("p_\(label)+", pAfter)
        let before = sheet.lookup("E") ?? .nan
        sheet.derive("E_after", symbol: .text(plain: "E after the step", latex: "E^{+}"), .negation(.function("ln", [.symbol("p_\(label)+")])),
                     value: -logP, note: "The same digit through the updated network.")
        sheet.record("E_change", -logP - before)
        sheet.derive("grad_norm2", symbol: .text(plain: "‖∇E‖²", latex: "\\lVert \\nabla E \\rVert^{2}"),
                     .sum([.number(gradientNorm2 - outputNorm2), .number(outputNorm2)]), value: gradientNorm2,
                     note: "The squared length of the whole gradient: the sum of the squares of all \(pass.network.parameterCount) partial derivatives, "
                         + "the hidden layer's and the output layer's.")
        sheet.derive("E_change_predicted", symbol: .text(plain: "ΔE ≈ −η‖∇E‖²", latex: "\\Delta E \\approx -\\eta \\lVert \\nabla E \\rVert^{2}"),
                     .negation(.product(["eta", .number(gradientNorm2)])), value: -eta * gradientNorm2,
                     note: "To first order a step of gradient descent changes the loss by −η times the squared length of the gradient.")
        sheet.add(TraceTable(title: "Digit \(label) before and after one SGD step (η = \(NumberFormat().string(eta)))",
                             columns: ["", "p_\(label)", "E"],
                             rows: [[.text("before"), .number(sheet.lookup("p_label") ?? .nan), .number(before)],
                                    [.text("after"), .number(pAfter), .number(-logP)],
                                    [.text("change"), .number(pAfter - (sheet.lookup("p_label") ?? .nan)), .number(-logP - before)]]))
        sheet.record("grad_norm2_output", outputNorm2)
        sheet.note("The actual change is \(NumberFormat().string(-logP - before)): close to the estimate for a small η, further from it as η grows "
                   + "(try `--set eta=0.05`). \(NumberFormat(digits: 1).string(100 * outputNorm2 / gradientNorm2)) % of $\\lVert \\nabla E \\rVert^2$ "
                   + "comes from the \(pass.dense2.parameters.reduce(0) { $0 + $1.value.count }) weights and biases of the output layer: "
                   + "every hidden output is positive, so all \(pass.dense1.outputCount) weights into an output move the same way at once. "
                   + "That is why so small a rate is needed here.")
    }
}
