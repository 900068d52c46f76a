import Foundation
import LearnData
import LearnNotebook

/// Which dataset a training command uses and where it is: `--dataset NAME`, else the name of the
/// `--data` folder when it is a known dataset's, else the saved model's, else MNIST; found by the usual
/// search order.
enum DatasetChoice {
    /// `fallback` is the dataset to use when neither option names one (a saved model's). A `--data`
    /// folder that is not named after a dataset (`~/data`, holding `mnist/` and `fashion-mnist/`) names
    /// none: the model's dataset is looked for in it.
    static func load(_ arguments: Arguments, default fallback: String? = nil) throws -> Dataset {
        let name: String
        if let given = arguments.last("--dataset") {
            name = given
        } else if let folder = arguments.last("--data"),
                  let known = KnownDataset.named(URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent) {
            name = known.name
        } else {
            name = fallback ?? "mnist"
        }
        let dataset = try DataCommand.known(name)
        let found = try DataCommand.located(dataset, DataCommand.locator(arguments))
        let loaded: Dataset
        do {
            loaded = try Dataset.load(name: dataset.name, from: found.folder.path)
        } catch {
            if case .cannotRead = error { throw CommandError(message: error.description, status: .noInput) }
            throw CommandError(message: error.description, status: .dataError)
        }
        // Valid IDX files of another shape: the course networks (and saved models) take 28 × 28 images.
        guard loaded.rows == 28 && loaded.columns == 28 else {
            throw CommandError(message: "\(found.folder.path): the images are \(loaded.rows) × \(loaded.columns); the course networks take 28 × 28 (MNIST's shape)",
                               status: .dataError)
        }
        return loaded
    }
}
