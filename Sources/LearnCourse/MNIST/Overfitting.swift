import Foundation
import LearnModels
import LearnCore
import LearnData
import LearnTensor

/// Overfitting on a small MNIST subset, and three of its cures: a network with far more weights than
/// training images (784 → H sigmoid → 10) trained by SGD, its training and validation error epoch by
/// epoch, the epoch early stopping would pick, the same network with L2 weight decay, with dropout, and
/// with few hidden units; then the Kuzovkin deck's table of regularizers on the full MNIST.
///
/// Deterministic for a seed (the weights, the order of the images and the dropout masks all come from
/// it); Float32 sums may be split differently on another number of cores, so the lesson asserts ranges
/// and directions, not digits.
public enum Overfitting: Derivation {
    public static let name = "overfitting"
    public static let summary = "784 → 300 sigmoid → 10 on the first 1000 MNIST images, with 500 validation images from the end of the training set: training against validation loss per epoch, the epoch early stopping picks, weight decay's (1 − ηλ) on a weight that never gets a gradient, dropout, an 8-unit network, and the Kuzovkin deck's Table 9 counted in test digits."
    public static let sections = ["setup", "curve", "early-stopping", "weight-decay", "dropout", "compare", "deck"]
    public static let parameters: [Parameter] = [
        .count("samples", 1000, "training images (the first ones)", in: 10...50_000),
        .count("validation", 500, "validation images (the last ones of the training set)", in: 10...10_000),
        .count("test", 1000, "test images scored (the first ones)", in: 10...10_000),
        .count("hidden", 300, "hidden units of the large network", in: 1...2000),
        .count("small", 8, "hidden units of the small network", in: 1...2000),
        .count("epochs", 20, "epochs of every run", in: 2...500),
        .count("batch", 10, "images per mini-batch", in: 1...50_000),
        .number("rate", 0.5, "SGD learning rate η", in: 1e-6...100),
        .number("lambda", 0.001, "weight decay λ of the weight-decay run", in: 0...10),
        .number("dropout", 0.5, "dropout rate of the hidden layer in the dropout run", in: 0...0.95),
        .number("input_dropout", 0.2, "dropout rate of the input in the dropout run", in: 0...0.95),
        .choice("activation", "sigmoid", ["sigmoid", "relu"], "hidden units' activation"),
        .count("seed", 1, "seed of the weights, the order of the images and the dropout masks", in: 0...1_000_000),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        try run(p, data: LessonData.load())
    }

    /// The four runs of the lesson, in order: large, weight decay, dropout, small.
    static func runs(_ p: Parameters, split: OverfittingRun.Split) throws(DerivationError) -> [OverfittingRun] {
        var large = OverfittingRun.Setup(hidden: p.count("hidden"))
        large.relu = p.choice("activation") == "relu"
        var decay = large; decay.weightDecay = p["lambda"]
        var dropout = large; dropout.hiddenDropout = p["dropout"]; dropout.inputDropout = p["input_dropout"]
        var small = OverfittingRun.Setup(hidden: p.count("small")); small.relu = large.relu
        var result: [OverfittingRun] = []
        for setup in [large, decay, dropout, small] {
            result.append(try OverfittingRun.train(setup, on: split, epochs: p.count("epochs"), batch: p.count("batch"),
                                                   rate: p["rate"], seed: UInt64(p.count("seed"))))
        }
        return result
    }

    /// Table 9 of Srivastava et al. (2014) as the Kuzovkin deck prints it: test error (%) on MNIST.
    static let table9: [(method: String, key: String, error: Double)] = [
        ("L2", "l2", 1.62), ("L2 + L1 applied towards the end of training", "l2_l1", 1.60), ("L2 + KL-sparsity", "l2_kl", 1.55),
        ("Max-norm", "maxnorm", 1.35), ("Dropout + L2", "dropout_l2", 1.25), ("Dropout + Max-norm", "dropout_maxnorm", 1.05),
    ]

    /// The deck's table, with what its percentages mean on MNIST's 10,000 test images.
    static func deckTable(_ sheet: inout Worksheet) {
        sheet.section("deck")
        sheet.add(TraceTable(title: "Kuzovkin deck, after Srivastava et al. (2014), Table 9: regularizers on MNIST (10,000 test images)",
                             columns: ["method", "test error %", "errors of 10,000"],
                             rows: table9.map { [.text($0.method), .number($0.error), .number(($0.error * 100).rounded())] }))
        for row in table9 { sheet.record("table9_\(row.key)", row.error) }
        sheet.derive("table9_dropout_gain", symbol: .text(plain: "L2 − (Dropout + L2)", latex: "\\text{L2} - (\\text{Dropout + L2})"),
                     .difference(1.62, 1.25), value: 1.62 - 1.25,
                     note: "Percentage points of test error that adding dropout to L2 saves: 37 of the 10,000 test images.")
        sheet.derive("table9_dropout_relative", symbol: .text(plain: "relative reduction", latex: "\\text{relative reduction}"),
                     .quotient(.difference(1.62, 1.25), 1.62), value: (1.62 - 1.25) / 1.62)
    }

    static func split(_ p: Parameters, data: Dataset) throws(DerivationError) -> OverfittingRun.Split {
        guard data.rows == 28 && data.columns == 28 else {
            throw .invalid("\(data.name): the lesson's networks take 28 × 28 images, these are \(data.rows) × \(data.columns)")
        }
        let samples = p.count("samples"), validation = p.count("validation"), n = data.train.count
        guard samples + validation <= n else {
            throw .invalid("samples (\(samples)) and validation (\(validation)) images must not overlap: \(data.name) has \(n) training images")
        }
        let test = min(p.count("test"), data.test.count)
        return OverfittingRun.Split(train: data.train.imageTensor(0..<samples, rows: 28, columns: 28).reshaped([samples, 784]),
                                    trainLabels: data.train.labelIndices(0..<samples),
                                    validation: data.train.imageTensor(n - validation..<n, rows: 28, columns: 28).reshaped([validation, 784]),
                                    validationLabels: data.train.labelIndices(n - validation..<n),
                                    test: data.test.imageTensor(0..<test, rows: 28, columns: 28).reshaped([test, 784]),
                                    testLabels: data.test.labelIndices(0..<test))
    }

    static func run(_ p: Parameters, data: Dataset) throws(DerivationError) -> Trace {
        let split = try split(p, data: data)
        let all = try runs(p, split: split)
        var sheet = Worksheet(inputs: ["eta": p["rate"], "lambda": p["lambda"]])
        let (large, decay, dropout, small) = (all[0], all[1], all[2], all[3])
        let epochs = p.count("epochs")
        for (name, run) in zip(["large", "decay", "dropout", "small"], all) {
            sheet.record("train_accuracy_\(name)", run.trainAccuracy.last!)
            sheet.record("validation_accuracy_\(name)", run.validationAccuracy.last!)
            sheet.record("test_accuracy_\(name)", run.testAccuracy)
            sheet.record("gap_\(name)", run.gap)
            sheet.record("best_epoch_\(name)", Double(run.bestEpoch))
            sheet.record("squared_weights_\(name)", run.squaredWeights)
            sheet.record("min_validation_loss_\(name)", run.validationLoss.min()!)
            sheet.record("validation_loss_\(name)", run.validationLoss.last!)
            sheet.record("train_loss_\(name)", run.trainLoss.last!)
            sheet.record("test_accuracy_at_best_\(name)", run.testAccuracyAtBest)
        }
        let f = NumberFormat()
        let samples = split.trainLabels.count

        sheet.section("setup")
        sheet.record("samples", Double(samples))
        sheet.record("validation_images", Double(split.validationLabels.count))
        sheet.record("test_images", Double(split.testLabels.count))
        sheet.record("parameters_large", Double(large.parameterCount))
        sheet.record("parameters_small", Double(small.parameterCount))
        sheet.derive("parameters_per_image", symbol: .text(plain: "weights per training image", latex: "\\text{weights per training image}"),
                     .quotient(.number(Double(large.parameterCount)), .number(Double(samples))), value: Double(large.parameterCount) / Double(samples),
                     note: "784 → \(p.count("hidden")) \(p.choice("activation")) → 10 has $784 \\cdot \(p.count("hidden")) + \(p.count("hidden")) + \(p.count("hidden")) \\cdot 10 + 10$ weights and biases, "
                         + "far more than there are images to fit: room to memorize every one.")
        sheet.note("The first \(samples) training images train; the last \(split.validationLabels.count) of the training set validate (never trained on); "
                   + "the first \(split.testLabels.count) test images score the result. Plain SGD, η = \(f.string(p["rate"])), batches of \(p.count("batch")), "
                   + "\(epochs) epochs, seed \(p.count("seed")); every run starts from the same weights.")

        sheet.section("curve")
        sheet.add(TracePlot(title: "Cross-entropy after each epoch, 784 → \(p.count("hidden")) → 10 without any cure", xLabel: "epoch", yLabel: "loss",
                            series: [.init(name: "training images", points: large.trainLoss.enumerated().map { (Double($0 + 1), $1) }),
                                     .init(name: "validation images", points: large.validationLoss.enumerated().map { (Double($0 + 1), $1) })],
                            logY: true))
        let shownEpochs = Set([1, 2, 3, 5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 300, 400, 500, large.bestEpoch, epochs]).filter { $0 <= epochs }.sorted()
        for e in shownEpochs {
            sheet.record("train_loss_epoch_\(e)", large.trainLoss[e - 1])
            sheet.record("validation_loss_epoch_\(e)", large.validationLoss[e - 1])
            sheet.record("train_accuracy_epoch_\(e)", large.trainAccuracy[e - 1])
            sheet.record("validation_accuracy_epoch_\(e)", large.validationAccuracy[e - 1])
        }
        sheet.add(TraceTable(title: "Training against validation, epoch by epoch (← the lowest validation loss)",
                             columns: ["epoch", "train loss", "validation loss", "train accuracy %", "validation accuracy %"],
                             rows: shownEpochs.map { e in
                                 [.text(e == large.bestEpoch ? "\(e) ←" : "\(e)"), .number(large.trainLoss[e - 1]),
                                  .number(large.validationLoss[e - 1]), .number(large.trainAccuracy[e - 1]), .number(large.validationAccuracy[e - 1])]
                             }))

        sheet.section("early-stopping")
        sheet.record("best_epoch", Double(large.bestEpoch))
        sheet.record("min_validation_loss", large.validationLoss.min()!)
        sheet.record("final_validation_loss", large.validationLoss.last!)
        sheet.derive("validation_loss_rise", symbol: .text(plain: "rise of the validation loss after its minimum", latex: "\\Delta L_{\\text{val}}"),
                     .difference(.number(large.validationLoss.last!), .number(large.validationLoss.min()!)),
                     value: large.validationLoss.last! - large.validationLoss.min()!,
                     note: "Training loss keeps falling, validation loss turned at epoch \(large.bestEpoch): from there on the network learns the training images, not digits.")
        sheet.record("test_accuracy_at_best", large.testAccuracyAtBest)
        sheet.record("test_accuracy_at_end", large.testAccuracy)
        sheet.note("Early stopping keeps the weights of epoch \(large.bestEpoch): test accuracy \(f.string(large.testAccuracyAtBest)) % there, "
                   + "\(f.string(large.testAccuracy)) % after all \(epochs) epochs.")

        sheet.section("weight-decay")
        let updates = Double(decay.updates)
        sheet.record("updates", updates)
        sheet.derive("decay_factor", symbol: .text(plain: "1 − ηλ", latex: "1 - \\eta\\lambda"), .difference(1, .product(["eta", "lambda"])),
                     value: 1 - p["rate"] * p["lambda"],
                     note: "With $E' = E + \\frac{\\lambda}{2}\\sum w^2$, each update is $w \\leftarrow w - \\eta(\\partial E/\\partial w + \\lambda w) = (1 - \\eta\\lambda)\\,w - \\eta\\,\\partial E/\\partial w$: "
                         + "every weight shrinks by this factor, and the data pushes back only where it has a reason to.")
        sheet.record("corner_weight_before", decay.cornerWeightBefore)
        sheet.derive("corner_weight_predicted", symbol: .text(plain: "w(corner) after decay", latex: "w_{\\text{corner}} \\cdot (1 - \\eta\\lambda)^{\\text{updates}}"),
                     .product([.number(decay.cornerWeightBefore), .power(.number(1 - p["rate"] * p["lambda"]), .number(updates))]),
                     value: decay.cornerWeightBefore * pow(1 - p["rate"] * p["lambda"], updates),
                     note: "The weight from the top-left pixel, which is blank in every MNIST image, gets no gradient at all: only the decay moves it, "
                         + "\(f.string(updates)) times.")
        sheet.record("corner_weight_decay", decay.cornerWeightAfter)
        sheet.record("corner_weight_large", large.cornerWeightAfter)
        sheet.record("corner_weight_ratio", decay.cornerWeightAfter / (decay.cornerWeightBefore * pow(1 - p["rate"] * p["lambda"], updates)))
        sheet.record("corner_weight_drift_large", large.cornerWeightAfter - large.cornerWeightBefore)
        sheet.note("The engine's value after training: \(f.string(decay.cornerWeightAfter)) (Float32); without decay it stays at \(f.string(large.cornerWeightAfter)).")
        sheet.derive("squared_weights_ratio", symbol: .text(plain: "Σw² with decay / without", latex: "\\textstyle\\sum w^2_{\\lambda} / \\sum w^2"),
                     .quotient(.number(decay.squaredWeights), .number(large.squaredWeights)), value: decay.squaredWeights / large.squaredWeights)

        sheet.section("dropout")
        sheet.add(TracePlot(title: "Validation loss after each epoch", xLabel: "epoch", yLabel: "validation loss",
                            series: zip(["no cure", "weight decay", "dropout", "\(p.count("small")) hidden units"], all).map { name, run in
                                .init(name: name, points: run.validationLoss.enumerated().map { (Double($0 + 1), $1) })
                            }))
        sheet.derive("gap_reduction", symbol: .text(plain: "gap without dropout − gap with dropout", latex: "\\text{gap without dropout} - \\text{gap with dropout}"),
                     .difference(.number(large.gap), .number(dropout.gap)), value: large.gap - dropout.gap,
                     note: "The gap is training accuracy minus test accuracy, in percentage points.")
        sheet.derive("validation_loss_drop", symbol: .text(plain: "validation loss without dropout − with", latex: "L_{\\text{val}} - L_{\\text{val}}^{\\text{dropout}}"),
                     .difference(.number(large.validationLoss.last!), .number(dropout.validationLoss.last!)), value: large.validationLoss.last! - dropout.validationLoss.last!)

        sheet.section("compare")
        let names = ["\(p.count("hidden")) hidden", "… λ = \(f.string(p["lambda"]))",
                     "… dropout", "\(p.count("small")) hidden"]
        sheet.add(TraceTable(title: "After \(epochs) epochs (accuracies in %; the gap is train − test)",
                             columns: ["network", "train", "test", "gap", "best epoch", "test there", "Σw²"],
                             rows: zip(names, all).map { name, run in
                                 [.text(name), .number(run.trainAccuracy.last!), .number(run.testAccuracy),
                                  .number(run.gap), .text("\(run.bestEpoch)"), .number(run.testAccuracyAtBest), .number(run.squaredWeights)]
                             }))

        deckTable(&sheet)
        return sheet.trace
    }
}
