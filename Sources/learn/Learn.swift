import Foundation
import LearnNotebook
import LearnTensor
import LearnText

/// `learn`: a command-line notebook that works a neural-network course number by number.
@main
struct Learn {
    static let version = "0.1.0"

    static func main() {
        Signals.install()
        TensorMemory.keepFreedBlocksForReuse()
        let status = run(Array(CommandLine.arguments.dropFirst()))
        exit(status.rawValue)
    }

    /// Dispatches to a command; every error becomes one line on standard error and an exit status.
    static func run(_ arguments: [String]) -> ExitStatus {
        let command = arguments.first ?? "list"
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "list": return try ListCommand.run(rest)
            case "lesson": return try LessonCommand.run(rest)
            case "verify": return try VerifyCommand.run(rest)
            case "exercise": return try ExerciseCommand.run(rest)
            case "data": return try DataCommand.run(rest)
            case "bench": return try BenchCommand.run(rest)
            case "train": return try TrainCommand.run(rest)
            case "eval": return try EvalCommand.run(rest)
            case "predict": return try PredictCommand.run(rest)
            case "grade": return try GradeCommand.run(rest)
            case "help": return try HelpCommand.run(rest)
            case "--help", "-h": return try HelpCommand.run([])
            case "--version", "version":
                Output.standard("learn \(version)")
                return .ok
            default:
                let near = LessonLibrary.nearest(to: command, in: HelpCommand.commands.map(\.name))
                let hint = near.isEmpty ? "" : " (did you mean \(near.joined(separator: " or "))?)"
                throw UsageError("unknown command '\(command)'\(hint); see 'learn help'")
            }
        } catch let error as UsageError {
            Output.error(error.message)
            return .usage
        } catch let error as LessonLibraryError {
            Output.error(error.message)
            return error.exitStatus
        } catch let error as LessonError {
            Output.error(error.description)
            return .dataError
        } catch let error as Verifier.Failure {
            Output.error(error.description)
            return .usage
        } catch let error as LessonInputError {
            Output.error(error.description)
            return .noInput
        } catch let error as CommandError {
            Output.error(error.message)
            return error.status
        } catch {
            Output.error("\(error)")
            return .software
        }
    }
}

/// The exit statuses of `learn` (the BSD sysexits values for the error cases).
enum ExitStatus: Int32 {
    case ok = 0
    /// `verify`: at least one number does not match.
    case mismatch = 1
    /// `train`: the loss became NaN or infinite.
    case diverged = 3
    /// A bad command line: unknown command, option, lesson, parameter or value.
    case usage = 64
    /// A malformed lesson or answers file, or a lesson whose published numbers are not reproduced.
    case dataError = 65
    /// An input file or dataset that does not exist or cannot be read (a lesson's dataset too).
    case noInput = 66
    /// A service that is needed is not available: the mirror cannot be reached, answers with an error,
    /// or the transfer broke off (`learn data fetch`).
    case unavailable = 69
    case software = 70
    /// An output file that cannot be written.
    case cannotCreate = 73
    /// Interrupted by the user (Ctrl-C), as a shell reports a process killed by SIGINT.
    case interrupted = 130
}

/// An error with its own exit status.
struct CommandError: Error {
    var message: String
    var status: ExitStatus
}
