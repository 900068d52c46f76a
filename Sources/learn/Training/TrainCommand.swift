import LearnText
import Foundation
import LearnModels
import LearnCourse
import LearnData
import LearnNotebook
import LearnTensor

/// `learn train MODEL`: trains one of the course's networks on MNIST (or Fashion-MNIST) with a live
/// progress line and a line per epoch, then plots the loss and accuracy per epoch and shows the test
/// accuracy, the confusion matrix and some misclassified images.
enum TrainCommand {
    static let help = HelpCommand.Command(name: "train", summary: "train a course network on MNIST and score it", usage: """
        learn train MODEL [--epochs N] [--batch B] [--lr X] [--decay X] [--weight-decay λ] [--shift P] [--optimizer NAME] [--seed S]
                          [--data DIR] [--dataset NAME] [--samples N] [--save FILE] [--log FILE.csv]

        Trains MODEL on the training images, scoring the 10,000 test images after every epoch (a line each
        on standard output), then plots the train and test loss and accuracy per epoch and shows the test
        accuracy beside the course's figure, the confusion matrix and a few images it got wrong.

        Models (and their defaults):
        \(CourseNetwork.allCases.map { m in
            let s = m.defaultSettings
            return "  \(m.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))\(m.summary)\n"
                + "          defaults: \(s.epochs) epochs, batch \(s.batchSize), \(s.optimizer.rawValue) lr \(s.learningRate)"
                + (s.learningRateDecay == 1 ? "" : " × \(s.learningRateDecay) per epoch")
                + (s.weightDecay == 0 ? "" : ", weight decay \(s.weightDecay)")
                + (s.shift == 0 ? "" : ", images shifted by up to \(s.shift) px")
        }.joined(separator: "\n"))

          --epochs N       epochs to train
          --batch B        images per mini-batch
          --lr X           learning rate of the first epoch
          --decay X        multiply the learning rate by X after each epoch (1: constant)
          --weight-decay λ L2 weight decay for sgd, momentum and nesterov (0: none)
          --shift P        each epoch, move every training image by up to P pixels (0: no augmentation)
          --optimizer O    \(OptimizerChoice.allCases.map(\.rawValue).joined(separator: ", "))
          --seed S         seeds the weights, dropout and the order of the samples (default 1)
          --data DIR       where the dataset is (else $LEARN_DATA, ~/.cache/learn, /usr/share/datasets)
          --dataset NAME   mnist (default) or fashion-mnist
          --samples N      train on the first N training images only (a quick run)
          --save FILE      write the trained model to FILE (atomically), for 'learn eval' and 'learn predict'
          --log FILE.csv   write the numbers of every epoch to FILE.csv, rewritten (atomically) after each
                           epoch: epoch,learning_rate,train_loss,test_loss,train_accuracy,test_accuracy,seconds
                           (losses: mean softmax cross-entropy; accuracies: fractions from 0 to 1)

        --save and --log follow a symbolic link to its file; they never replace a folder, FIFO, device or
        socket.

        Exit status: 0 done; 3 training diverged (a loss, weight or output became NaN or infinite);
        64 bad command line; 65 bad data; 66 no data; 73 the --save or --log file cannot be written
        (checked before training).
        """)

    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "train",
                                      valued: ["--epochs", "--batch", "--lr", "--decay", "--weight-decay", "--shift", "--optimizer", "--seed", "--data",
                                               "--dataset", "--samples", "--save", "--log"], switches: ["--help"])
        if arguments.has("--help") { return try HelpCommand.run(["train"]) }
        let model = try modelArgument(arguments, command: "train")
        var settings = model.defaultSettings
        settings.epochs = try arguments.integer("--epochs", in: 1...10_000) ?? settings.epochs
        settings.batchSize = try arguments.integer("--batch", in: 1...60_000) ?? settings.batchSize
        settings.learningRate = try arguments.number("--lr", in: 1e-9...100) ?? settings.learningRate
        settings.learningRateDecay = try arguments.number("--decay", in: 0.01...1) ?? settings.learningRateDecay
        settings.weightDecay = try arguments.number("--weight-decay", in: 0...1) ?? settings.weightDecay
        settings.shift = try arguments.integer("--shift", in: 0...4) ?? settings.shift
        settings.seed = try ExerciseCommand.seed(arguments) ?? settings.seed
        if let name = arguments.last("--optimizer") {
            guard let choice = OptimizerChoice(rawValue: name.lowercased()) else {
                throw UsageError("--optimizer: expected one of \(OptimizerChoice.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'")
            }
            settings.optimizer = choice
        }
        let samples = try arguments.integer("--samples", in: 1...Int.max)
        let save = arguments.last("--save")
        if let save { try OutputPath.checkWritable(save, option: "--save") }
        var log: LogFile? = nil
        if let path = arguments.last("--log") { log = try LogFile(path) }
        if let save, let log, try OutputPath.identity(save, option: "--save") == OutputPath.identity(log.path, option: "--log") {
            throw UsageError("--save and --log name the same file (\(save)); give each its own")
        }

        let dataset = try DatasetChoice.load(arguments)
        let session = TrainingSession(model: model, settings: settings)
        let n = min(samples ?? dataset.train.count, dataset.train.count)
        Output.error(note: "training \(model.rawValue) on \(n) \(dataset.name) images: \(session.network.parameterCount) weights, "
                     + "\(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s"), batch \(settings.batchSize), \(settings.optimizer.rawValue) lr \(settings.learningRate), seed \(settings.seed)")
        let progress = ProgressLine(epochs: settings.epochs, batchSize: settings.batchSize)
        let results: [TrainingSession.EpochResult]
        var finished: [TrainingSession.EpochResult] = []
        let hint = "training diverged; try a lower learning rate, e.g. --lr \(String(format: "%g", settings.learningRate / 10))"
        log?.write(finished)
        do {
            results = try session.train(on: dataset, trainSamples: n, batch: progress.batch) { result in
                progress.epoch(result)
                finished.append(result)
                log?.write(finished)
            }
        } catch {
            progress.clear()
            switch error {
            case let .diverged(epoch, batch):
                throw CommandError(message: "the loss became NaN or infinite at epoch \(epoch), batch \(batch): " + hint, status: .diverged)
            case let .testLossDiverged(epoch):
                throw CommandError(message: "the test loss became NaN or infinite after epoch \(epoch): " + hint, status: .diverged)
            }
        }

        let total = results.reduce(0) { $0 + $1.seconds }
        if let weight = session.network.parameters.first(where: { !$0.value.scalars.allSatisfy(\.isFinite) }) {
            throw CommandError(message: "the weights \(weight.name) became NaN or infinite: " + hint, status: .diverged)
        }
        if let save {
            let facts = ["dataset": dataset.name, "epochs": "\(settings.epochs)", "batch": "\(settings.batchSize)",
                         "optimizer": settings.optimizer.rawValue, "learning rate": "\(settings.learningRate)",
                         "decay": "\(settings.learningRateDecay)", "weight decay": "\(settings.weightDecay)", "shift": "\(settings.shift)", "seed": "\(settings.seed)", "training images": "\(n)",
                         "test accuracy": String(format: "%.4f", results.last?.testAccuracy ?? 0)]
            try ModelFile.write(SavedModel(model: model, network: session.network, facts: facts), to: save)
        }
        Output.standard("\n" + TrainingCurves.lines(results, width: Terminal.width, unicode: Terminal.unicodePictures).joined(separator: "\n") + "\n")
        try show(model: model, network: session.network, dataset: dataset) { image in
            CommandError(message: "the trained network's outputs for test image #\(image) are NaN or infinite: " + hint, status: .diverged)
        }
        Output.standard(String(format: "\nTrained in %@ (%.1f s per epoch)%@%@.", ProgressText.duration(total),
                               total / Double(max(1, results.count)), save.map { "; saved to \($0)" } ?? "",
                               log.map { $0.failure == nil ? "; log in \($0.path)" : "" } ?? ""))
        if let failure = log?.failure { throw failure }
        return .ok
    }

    /// Scores `network` on the test set and prints `heading` (if any) and the report; throws
    /// `overflow(image)` before printing anything when the outputs for a test image are NaN or infinite.
    static func show(model: CourseNetwork, network: Network, dataset: Dataset, heading: String? = nil,
                     overflow: (Int) -> CommandError) throws {
        let inputs = dataset.test.imageTensor(rows: dataset.rows, columns: dataset.columns)
        let logits = network.outputs(for: inputs)
        if let image = firstNonFiniteRow(logits) { throw overflow(image) }
        if let heading { Output.standard(heading) }
        let predictions = argmaxOfRows(logits)
        let confusion = ConfusionMatrix(actual: dataset.test.labelIndices(), predicted: predictions, classes: 10)
        let width = Terminal.width
        var blocks = ModelReport.blocks(model: model, dataset: dataset, confusion: confusion, width: width)
        let gallery = ModelReport.mistakes(dataset: dataset, predictions: predictions, probabilities: softmax(logits),
                                           unicode: Terminal.unicodePictures, width: width - 4)
        // A code block is indented by four columns.
        if !gallery.isEmpty { blocks.append(.code(language: nil, lines: gallery)) }
        Output.standard(TerminalRenderer(style: Terminal.style()).render(blocks), terminator: "")
    }

    /// The MODEL positional, or a usage error listing the models with the nearest first.
    static func modelArgument(_ arguments: Arguments, command: String) throws(UsageError) -> CourseNetwork {
        let names = CourseNetwork.allCases.map(\.rawValue)
        guard let name = arguments.positionals.first else { throw UsageError("\(command): which model? (\(names.joined(separator: ", ")))") }
        guard arguments.positionals.count == 1 else { throw UsageError("\(command): unexpected argument '\(arguments.positionals[1])'") }
        guard let model = CourseNetwork(rawValue: name.lowercased()) else {
            let near = LessonLibrary.nearest(to: name, in: names)
            throw UsageError("unknown model '\(name)' (\(near.isEmpty ? "models: " + names.joined(separator: ", ") : "did you mean \(near.joined(separator: " or "))?"))")
        }
        return model
    }
}
