/// Why `LessonLibrary` cannot give a lesson: an unknown name, or a lessons folder (or a lesson file in it)
/// that cannot be found or read. A malformed lesson is a `LessonError` instead.
public enum LessonLibraryError: Error, Equatable, CustomStringConvertible {
    /// No lesson of that name, built in or in the folder; `suggestions` are the nearest names, best first
    /// (possibly none).
    case unknownLesson(name: String, suggestions: [String])
    /// The folder to lay over the built-in lessons does not exist.
    case folderMissing(path: String)
    /// The path given as the lessons folder is a file, not a folder.
    case notAFolder(path: String)
    /// The folder exists but cannot be listed; `reason` is the system's ("Permission denied").
    case folderUnreadable(path: String, reason: String)
    /// A lesson file of the folder cannot be read.
    case lessonUnreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .unknownLesson(let name, let suggestions):
            let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: " or "))?)"
            return "no lesson '\(name)'\(hint)"
        case .folderMissing(let path): return "lessons folder '\(path)' does not exist"
        case .notAFolder(let path): return "lessons folder '\(path)' is not a folder"
        case .folderUnreadable(let path, let reason): return "lessons folder '\(path)' cannot be read: \(reason)"
        case .lessonUnreadable(let file, let reason): return "\(file): cannot be read (\(reason))"
        }
    }
}
