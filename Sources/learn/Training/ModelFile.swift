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

    /// The largest model file `learn` reads: 64 MiB. The course's largest network, the CNN, saves to
    /// 3.3 MB (819,557 weights of 4 bytes); a larger file is not one of its models.
    static let maximumSize = 64 << 20

    static func read(_ path: String) throws(CommandError) -> SavedModel {
        let data: [UInt8]
        do { data = try RegularFile.read(path, limit: maximumSize) } catch {
            if let size = error.sizeOverLimit {
                throw CommandError(message: "\(path): \(size) bytes, more than any course model's file (at most \(maximumSize >> 20) MiB)",
                                   status: .dataError)
            }
            throw CommandError(message: "\(path): cannot read the model file (\(error.reason))", status: .noInput)
        }
        do {
            return try SavedModel(ModelArchive(decoding: data))
        } catch {
            throw CommandError(message: "\(path): \(error.description)", status: .dataError)
        }
    }
}
