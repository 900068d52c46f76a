import Foundation
import LearnCore
import LearnModels
import LearnCourse
import LearnTensor

/// Reading and writing model files (the format is ``ModelArchive``'s): atomically, with one-line errors.
enum ModelFile {
    static func write(_ model: SavedModel, to path: String) throws(CommandError) {
        try Output.writeAtomically(data: Data(model.archive().encoded()), to: path, option: "--save")
    }

    static func read(_ path: String) throws(CommandError) -> SavedModel {
        let data: [UInt8]
        do { data = try RegularFile.read(path, limit: 1 << 30) } catch {
            throw CommandError(message: "\(path): cannot read the model file (\(error.reason))", status: .noInput)
        }
        do {
            return try SavedModel(ModelArchive(decoding: data))
        } catch {
            throw CommandError(message: "\(path): \(error.description)", status: .dataError)
        }
    }
}
