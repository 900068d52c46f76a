import LearnCore
import LearnModels
import LearnData
import LearnTensor

/// The Drchal deck's "Generalize PCA: Autoencoder — what about non-linear units?": a sigmoid
/// autoencoder 784 → `hidden` → 784 trained on the first `samples` MNIST training images (no labels),
/// scored on the first `test` test images, with a few test digits drawn beside their reconstructions.
///
/// Network: the engine's `Dense 784 → hidden`, `Sigmoid`, `Dense hidden → 784`, `Sigmoid` (pixels are
/// 0…1, so is the output); loss `E = ½‖x − x̂‖²` per image, averaged; Adam; weights and order from `seed`
/// (``AutoencoderTraining``). The yardstick is the error of the best constant guess, the mean training
/// image, `½‖x − x̄‖²`: an autoencoder that learned nothing per image would score that.
public enum AutoencoderMNIST: Derivation {
    public static let name = "autoencoder-mnist"
    public static let summary = "A ReLU autoencoder 784 → h → 784 on the first MNIST images: training curve, test error against the mean image's, test digits beside their reconstructions."
    public static let sections = ["setup", "training", "result"]
    public static let parameters: [Parameter] = [
        .count("hidden", 32, "hidden units h (the code's length)", in: 1...784),
        .choice("activation", "relu", ["relu", "sigmoid", "tanh"], "the hidden units' activation"),
        .count("samples", 1000, "training images (the first ones; labels unused)", in: 10...60_000),
        .count("epochs", 8, "passes over them", in: 1...200),
        .count("batch", 20, "images per mini-batch", in: 1...1000),
        .number("rate", 0.005, "Adam's learning rate", in: 1e-6...1),
        .count("seed", 1, "seed of the weights and of the order of the images", in: 0...1_000_000),
        .count("test", 500, "test images scored (the first ones)", in: 1...10_000),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        try run(p, data: LessonData.load())
    }

    /// The derivation on `data` (tests pass a small synthetic dataset).
    static func run(_ p: Parameters, data: Dataset) throws(DerivationError) -> Trace {
        let pixels = data.pixelsPerImage, (rows, columns) = (data.rows, data.columns)
        let (hidden, seed) = (p.count("hidden"), UInt64(p.count("seed")))
        let samples = min(p.count("samples"), data.train.count), testCount = min(p.count("test"), data.test.count)
        let train = data.train.imageTensor(0..<samples, rows: rows, columns: columns).reshaped([samples, pixels])
        let test = data.test.imageTensor(0..<testCount, rows: rows, columns: columns).reshaped([testCount, pixels])
        var sheet = Worksheet()

        sheet.section("setup")
        var g = SplitMix64(seed: seed)
        let activation: any Layer
        switch p.choice("activation") {
        case "relu": activation = ReLU()
        case "tanh": activation = Tanh()
        default: activation = Sigmoid()
        }
        let network = Network([Dense(name: "encoder", inputs: pixels, outputs: hidden, generator: &g), activation,
                               Dense(name: "decoder", inputs: hidden, outputs: pixels, generator: &g), Sigmoid()])
        sheet.add(TraceTable(title: "The autoencoder: \(pixels) → \(hidden) → \(pixels), the target is the input",
                             columns: ["layer", "parameters"], rows: network.layers.map { layer in
                                 [.text(layer.summary), .number(Double(layer.parameters.reduce(0) { $0 + $1.value.count }))]
                             } + [[.text("total"), .number(Double(network.parameterCount))]]))
        sheet.record("parameters", Double(network.parameterCount))
        sheet.record("code_length", Double(hidden))
        sheet.derive("compression", symbol: .text(plain: "compression", latex: "\\text{compression}"),
                     .quotient(.number(Double(pixels)), .number(Double(hidden))), value: Double(pixels) / Double(hidden),
                     note: "Each image must pass through \(hidden) numbers: the network has to find what digits have in common.")

        sheet.section("training")
        let epochs = AutoencoderTraining.train(network, inputs: train, epochs: p.count("epochs"), batch: p.count("batch"), rate: p["rate"], seed: seed)
        sheet.add(TracePlot(title: "Training error per epoch, ½‖x − x̂‖² averaged over the \(samples) images", xLabel: "epoch", yLabel: "E",
                            series: [.init(name: "E", points: epochs.enumerated().map { (Double($0.offset + 1), $0.element) })]))
        sheet.record("train_error", epochs.last ?? .nan)

        sheet.section("result")
        var mean = [Float](repeating: 0, count: pixels)
        for i in 0..<samples { for j in 0..<pixels { mean[j] += train.scalars[i * pixels + j] } }
        mean = mean.map { $0 / Float(samples) }
        var baseline = 0.0
        for i in 0..<testCount {
            for j in 0..<pixels { let d = Double(test.scalars[i * pixels + j] - mean[j]); baseline += 0.5 * d * d }
        }
        baseline /= Double(testCount)
        let testError = AutoencoderTraining.error(network, inputs: test)
        sheet.record("test_images", Double(testCount))
        sheet.record("test_error", testError)
        sheet.record("mean_image_error", baseline)
        sheet.derive("error_ratio", symbol: .text(plain: "E_test / E_mean", latex: "E_{\\text{test}} / E_{\\bar{x}}"), .quotient("test_error", "mean_image_error"),
                     value: testError / baseline,
                     note: "On \(testCount) test images it never saw: its error against that of drawing the mean training image every time.")
        let output = network.forward(test, training: false)
        for k in 0..<min(3, testCount) {
            let original = test.scalars[k * pixels..<(k + 1) * pixels].map(Double.init)
            let copy = output.scalars[k * pixels..<(k + 1) * pixels].map(Double.init)
            var picture: [Double] = []
            for r in 0..<rows { picture += original[r * columns..<(r + 1) * columns] + [0, 0, 0, 0] + copy[r * columns..<(r + 1) * columns] }
            var e = 0.0
            for j in 0..<pixels { e += 0.5 * (original[j] - copy[j]) * (original[j] - copy[j]) }
            sheet.record("error_\(k)", e)
            sheet.add(TraceImage(title: "Test image \(k) (labelled \(data.test.labels[k])) and its reconstruction from \(hidden) numbers: ½‖x − x̂‖² = \(NumberFormat().string(e))",
                                 rows: rows, columns: 2 * columns + 4, pixels: picture))
        }
        return sheet.trace
    }
}
