import Foundation
import LearnModels
import LearnCourse
import LearnNotebook

/// `learn eval FILE`: re-scores a saved model on the test set of the dataset it was trained on.
enum EvalCommand {
    static let help = HelpCommand.Command(name: "eval", summary: "re-score a saved model on the test set", usage: """
        learn eval FILE [--data DIR] [--dataset NAME]

        Loads a model written by 'learn train --save FILE' and scores it on the 10,000 test images of the
        dataset it was trained on (or --dataset NAME): accuracy, confusion matrix, images it got wrong.

        Exit status: 0 done; 64 bad command line; 65 a corrupt or foreign model file (or one with a weight
        that is not a finite number), a model whose outputs overflow, or bad data; 66 no such file or no data.
        """)

    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "eval", valued: ["--data", "--dataset"], switches: ["--help"])
        if arguments.has("--help") { return try HelpCommand.run(["eval"]) }
        guard let path = arguments.positionals.first else { throw UsageError("eval: which model file? (learn eval FILE)") }
        guard arguments.positionals.count == 1 else { throw UsageError("eval: unexpected argument '\(arguments.positionals[1])'") }
        let saved = try ModelFile.read(path)
        let dataset = try DatasetChoice.load(arguments, default: saved.facts["dataset"])
        try TrainCommand.show(model: saved.model, network: saved.network, dataset: dataset, heading: describe(saved, path: path)) { image in
            ModelReport.overflow(path, input: "\(dataset.name) test image #\(image)")
        }
        return .ok
    }

    /// `model.bin: mlp (784 → 625 sigmoid → 10 …), trained on mnist, 40 epochs, sgd lr 0.5`.
    static func describe(_ saved: SavedModel, path: String) -> String {
        let f = saved.facts
        var parts = ["\(path): \(saved.model.rawValue), \(saved.model.summary)"]
        if let d = f["dataset"] { parts.append("trained on \(d)" + (f["training images"].map { " (\($0) images)" } ?? "")) }
        if let e = f["epochs"], let o = f["optimizer"], let lr = f["learning rate"] { parts.append("\(e) epochs of \(o), lr \(lr)") }
        return parts.joined(separator: "; ")
    }
}
