import Foundation
import LearnModels
import LearnCourse
import LearnTensor

/// Reading and writing model files (the format is ``ModelArchive``'s): atomically, with one-line errors.
enum ModelFile {
    static func write(_ model: SavedModel, to path: String) throws(CommandError) {
        try Output.writeAtomically(data: Data(model.archive().encoded()), to: path, option: "--save")
    }

    static func read(_ path: String) throws(CommandError) -> SavedModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError(message: "\(path): no such model file or it cannot be read", status: .noInput)
        }
        do {
            return try SavedModel(ModelArchive(decoding: [UInt8](data)))
        } catch {
            throw CommandError(message: "\(path): \(error.description)", status: .dataError)
        }
    }
}
