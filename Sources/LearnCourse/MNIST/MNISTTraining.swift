import Foundation
import LearnModels
import LearnCore
import LearnData
import LearnTensor

/// A short, seeded training run of one of the course's networks on the first `samples` MNIST training
/// images, scored on the first `test` test images: the network layer by layer, the loss of every
/// batch as a curve, the accuracy, and a few digits it got wrong.
///
/// Deterministic for a seed: the weights come from ``CourseNetwork/build(seed:)`` and the order of the
/// samples from the trainer's seed, exactly as ``TrainingSession`` (`learn train`) draws them, so
/// `learn train MODEL --samples N --epochs E --batch B --lr R --decay 1 --seed S` trains the same network.
/// (Float32 sums may be split differently on a machine with another number of cores, which can move a
/// prediction that sits on a decision boundary; the lessons' accuracy bands allow for that.)
public enum MNISTTraining: Derivation {
    public static let name = "mnist-training"
    public static let summary = "A short seeded training run of a course network (mlp, lenet5, …) on the first samples MNIST images, scored on the first test test images."
    public static let sections = ["setup", "training", "result"]
    public static let parameters: [Parameter] = [
        .choice("model", "mlp", CourseNetwork.allCases.map(\.rawValue), "which course network"),
        .count("samples", 500, "training images used (the first ones)", in: 1...60_000),
        .count("epochs", 1, "passes over those images", in: 1...100),
        .count("batch", 32, "images per mini-batch", in: 1...60_000),
        .choice("optimizer", "adam", OptimizerChoice.allCases.map(\.rawValue), "update rule"),
        .number("rate", 0.003, "learning rate of the training run", in: 1e-6...100),
        .count("seed", 1, "seed of the initial weights and of the order of the images", in: 0...1_000_000),
        .count("test", 400, "test images scored (the first ones)", in: 1...10_000),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        try run(p, data: LessonData.load())
    }

    /// The derivation on `data` (any dataset of 28 × 28 images: tests pass a small synthetic one).
    static func run(_ p: Parameters, data: Dataset) throws(DerivationError) -> Trace {
        guard data.rows == 28 && data.columns == 28 else {
            throw .invalid("\(data.name): the course networks take 28 × 28 images, these are \(data.rows) × \(data.columns)")
        }
        guard let model = CourseNetwork(rawValue: p.choice("model")),
              let optimizer = OptimizerChoice(rawValue: p.choice("optimizer")) else { throw .invalid("unknown model or optimizer") }
        let samples = min(p.count("samples"), data.train.count), testCount = min(p.count("test"), data.test.count)
        let settings = TrainingSettings(epochs: p.count("epochs"), batchSize: p.count("batch"), optimizer: optimizer,
                                        learningRate: p["rate"], seed: UInt64(p.count("seed")))
        var sheet = Worksheet()

        sheet.section("setup")
        let network = model.build(seed: settings.seed)
        sheet.add(TraceTable(title: "\(model.rawValue): \(model.summary)", columns: ["layer", "parameters"],
                             rows: network.layers.map { layer in
                                 [.text(layer.summary), .number(Double(layer.parameters.reduce(0) { $0 + $1.value.count }))]
                             } + [[.text("total"), .number(Double(network.parameterCount))]]))
        sheet.record("parameters", Double(network.parameterCount))
        sheet.record("samples", Double(samples))
        sheet.record("test_images", Double(testCount))
        let batches = (samples + settings.batchSize - 1) / settings.batchSize
        sheet.record("batches_per_epoch", Double(batches))
        sheet.note("Training on the first \(samples) training images for \(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s") "
                   + "in batches of \(settings.batchSize) (\(batches) update\(batches == 1 ? "" : "s") per epoch), \(optimizer.rawValue) with learning rate "
                   + "\(NumberFormat().string(settings.learningRate)), seed \(settings.seed); then scoring the first \(testCount) test images. "
                   + "`learn train \(model.rawValue) --samples \(samples) --epochs \(settings.epochs) --batch \(settings.batchSize) --optimizer \(optimizer.rawValue) "
                   + "--lr \(NumberFormat().string(settings.learningRate)) --decay 1 --shift 0 --weight-decay 0 --seed \(settings.seed)` trains the same network and scores all \(data.test.count).")

        sheet.section("training")
        let trainer = Trainer(network: network, optimizer: optimizer.make(learningRate: settings.learningRate),
                              batchSize: settings.batchSize, shuffles: true, seed: settings.seed &+ 0x5EED)
        let inputs = data.train.imageTensor(0..<samples, rows: 28, columns: 28)
        let labels = data.train.labelIndices(0..<samples)
        var curve: [(x: Double, y: Double)] = []
        var epochRows: [[TraceTable.Cell]] = []
        var seen = 0
        for epoch in 1...settings.epochs {
            // As `TrainingSession`: a fresh optimizer value each epoch (its memory lives in the parameters).
            trainer.optimizer = optimizer.make(learningRate: settings.learningRate)
            // The progress reports the running mean; each batch's own loss is the difference of the sums.
            var previousTotal = 0.0, previousSamples = 0
            let last: TrainingProgress
            do {
                last = try trainer.trainEpoch(inputs: inputs, labels: labels) { state in
                    let total = state.loss * Double(state.samples)
                    curve.append((Double(seen + state.samples), (total - previousTotal) / Double(state.samples - previousSamples)))
                    (previousTotal, previousSamples) = (total, state.samples)
                }
            } catch {
                throw .invalid("\(error.description) (model \(model.rawValue), rate \(NumberFormat().string(settings.learningRate)))")
            }
            seen += samples
            epochRows.append([.text("\(epoch)"), .number(last.loss), .number(100 * last.accuracy)])
            sheet.record("train_loss_epoch_\(epoch)", last.loss)
        }
        sheet.add(TracePlot(title: "Cross-entropy of each batch, before its update", xLabel: "training images seen", yLabel: "loss",
                            series: [.init(name: "batch loss", points: curve)]))
        sheet.add(TraceTable(title: "Each epoch: mean batch loss and accuracy on the batches, before each update",
                             columns: ["epoch", "mean loss", "train accuracy %"], rows: epochRows))
        sheet.record("loss_first_batch", curve.first?.y ?? .nan)
        sheet.record("loss_last_batch", curve.last?.y ?? .nan)
        sheet.record("initial_loss_chance", log(Double(Dataset.classCount)))
        sheet.note("An untrained network guesses: its loss starts near $\\ln 10 = \(NumberFormat(digits: 3).string(log(10)))$, "
                   + "the cross-entropy of giving each digit probability 1/10.")

        sheet.section("result")
        let testInputs = data.test.imageTensor(0..<testCount, rows: 28, columns: 28)
        let testLabels = data.test.labelIndices(0..<testCount)
        let outputs = network.outputs(for: testInputs)
        let predictions = argmaxOfRows(outputs)
        let correct = zip(predictions, testLabels).filter { $0 == $1 }.count
        sheet.record("test_correct", Double(correct))
        sheet.record("test_images", Double(testCount))
        sheet.derive("test_accuracy", symbol: .text(plain: "test accuracy (%)", latex: "\\text{test accuracy (\\%)}"),
                     .product([100, .quotient("test_correct", "test_images")]), value: 100 * Double(correct) / Double(testCount),
                     note: "The share of the \(testCount) test images (never seen in training) whose most probable digit is the right one.")
        sheet.record("test_errors", Double(testCount - correct))
        let probabilities = softmax(outputs)
        let wrong = predictions.indices.filter { predictions[$0] != testLabels[$0] }.prefix(3)
        for i in wrong {
            let predicted = predictions[i]
            let p = Double(probabilities.scalars[i * 10 + predicted])
            sheet.add(TraceImage(title: "Test image \(i): a \(testLabels[i]), taken for a \(predicted) (p = \(NumberFormat(digits: 2).string(p)))",
                                 rows: 28, columns: 28, pixels: data.test.scaledPixels(i, pixels: 784)))
        }
        sheet.add(TraceTable(title: "The course's figures on all \(data.test.count) test images, and what `learn train MODEL` does to reach them (all \(data.train.count) training images)",
                             columns: ["model", "course figure", "learn train defaults"],
                             rows: CourseNetwork.allCases.map { m in
                                 let s = m.defaultSettings
                                 return [.text(m.rawValue), .text(m.publishedTarget),
                                         .text("\(s.epochs) epochs, batch \(s.batchSize), \(s.optimizer.rawValue) lr \(NumberFormat().string(s.learningRate))")]
                             }))
        return sheet.trace
    }
}
