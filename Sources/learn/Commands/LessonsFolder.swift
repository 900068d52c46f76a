import Foundation
import LearnNotebook

/// The lessons a command reads: the ones built into `learn`, with a folder laid over them, taken from
/// `--lessons DIR`, or else from `$LEARN_LESSONS` (when set and not empty). The option wins over the
/// variable; only one folder is laid over the built-in lessons. No other place is searched.
enum LessonsFolder {
    static func library(_ arguments: Arguments) throws(CommandError) -> LessonLibrary {
        let origin: String, folder: String
        if let option = arguments.last("--lessons") {
            (origin, folder) = ("--lessons", option)
        } else if let variable = ProcessInfo.processInfo.environment["LEARN_LESSONS"], !variable.isEmpty {
            (origin, folder) = ("LEARN_LESSONS", variable)
        } else {
            return LessonLibrary()
        }
        do {
            return try LessonLibrary(overlaying: folder)
        } catch {
            throw CommandError(message: "\(origin): \(error.message)", status: error.exitStatus)
        }
    }

    /// The `--lessons` line of `learn lesson`, `list` and `verify --help`.
    static let help = """
          --lessons DIR      lay the lessons in DIR (its NAME.md files) over the built-in ones: a lesson
                             named like a built-in one replaces it, the others are added. Without
                             --lessons, $LEARN_LESSONS is used if set; with it, $LEARN_LESSONS is ignored
        """
}

extension LessonLibraryError {
    /// 64 for an unknown lesson name (a bad command line); 66 for a lessons folder or lesson file that
    /// cannot be found or read, as for any input file.
    var exitStatus: ExitStatus {
        switch self {
        case .unknownLesson: return .usage
        case .folderMissing, .notAFolder, .folderUnreadable, .lessonUnreadable: return .noInput
        }
    }

    /// The line `learn` prints: the description, and where to look when there is no near name.
    var message: String {
        if case .unknownLesson(_, let suggestions) = self, suggestions.isEmpty { return "\(description) (see 'learn list')" }
        return description
    }
}
