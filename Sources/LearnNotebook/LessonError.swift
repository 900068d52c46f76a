import LearnText
/// Why a lesson could not be read or run: `FILE:LINE: what is wrong`.
public struct LessonError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// A lesson needs input from outside the lesson file (a dataset) that cannot be found or read: not the
/// lesson's fault, and the message says how to get it. `learn` exits with status 66 for it.
public struct LessonInputError: Error, Equatable, CustomStringConvertible {
    /// The lesson's name.
    public var lesson: String
    public var message: String

    public init(lesson: String, _ message: String) {
        self.lesson = lesson
        self.message = message
    }

    public var description: String { "lesson \(lesson): \(message)" }
}
