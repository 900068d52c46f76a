import Foundation
import LearnModels

/// `learn train --log FILE.csv`: the per-epoch numbers (``TrainingLog``) rewritten atomically after
/// every epoch, so that a run stopped at any moment leaves a complete, valid log of the epochs it
/// finished. A write that fails during training is reported once on standard error; training goes on
/// (the model can still be saved) and the command ends with exit status 73.
final class LogFile {
    let path: String
    /// Why the log could not be written, once it could not.
    private(set) var failure: CommandError?

    /// Checks that `path` can be written (before training), as for `--save`.
    init(_ path: String) throws(CommandError) {
        self.path = path
        try OutputPath.checkWritable(path, option: "--log")
    }

    /// Rewrites the file with `results`: the header alone before the first epoch.
    func write(_ results: [TrainingSession.EpochResult]) {
        guard failure == nil else { return }
        do {
            try Output.writeAtomically(data: Data(TrainingLog.csv(results).utf8), to: path, option: "--log")
        } catch {
            failure = error
            Output.error(error.message + (results.isEmpty ? "" : " after epoch \(results.count)") + "; training goes on without it")
        }
    }
}
