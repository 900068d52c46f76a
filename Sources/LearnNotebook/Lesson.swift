import LearnText
/// A lesson: a Markdown file of prose and `learn` cells, with a short header.
///
/// ```
/// ---
/// title: Backpropagation, number by number
/// summary: The 2-2-2 network of the Kuzovkin deck, every forward and backward number.
/// deck: Kuzovkin, "Deep Learning" (course file 002), slides "The Forward Pass" to "Repeat 10,000 times"
/// ---
/// Prose in Markdown …
/// ```learn
/// run backprop
/// show forward
/// expect out_h1 = 0.593269992
/// ```
/// ```
/// `lessons/README.md` documents the format for teachers.
public struct Lesson: Sendable {
    /// The file name without `.md`: what `learn lesson NAME` takes.
    public var name: String
    /// The path the lesson was read from, for messages.
    public var file: String
    public var header: LessonHeader
    public var blocks: [LessonBlock]

    /// Every cell statement in document order.
    public var statements: [Statement] {
        blocks.flatMap { block -> [Statement] in
            if case .cell(let cell) = block { return cell.statements }
            return []
        }
    }
}

/// The header between `---` lines at the top of a lesson.
public struct LessonHeader: Sendable, Equatable {
    public var title: String
    public var summary: String
    /// Which deck (and which slides) the lesson follows.
    public var deck: String
    /// The part of the course it belongs to (for `learn list`); optional.
    public var part: String?
    /// Its place within the part; lessons without one come last.
    public var order: Int?
    /// Lessons to read first.
    public var prerequisites: [String]

    public static let keys = ["title", "summary", "deck", "part", "order", "prerequisites"]
}

/// A piece of a lesson: prose, or an executable cell.
public enum LessonBlock: Sendable {
    /// Markdown, and the line it starts on.
    case prose(String, line: Int)
    case cell(Cell)
}

/// A fenced ```` ```learn ```` block: statements run in order, their output spliced in as Markdown.
public struct Cell: Sendable {
    public var line: Int
    public var statements: [Statement]
}

/// One line of the cell language.
public enum Statement: Sendable, Equatable {
    /// `run DERIVATION [name=value …] [as PREFIX]`: run a derivation; later `show` and `expect`
    /// lines refer to it, and its quantities are named `PREFIX.name` when a prefix is given.
    case run(derivation: String, arguments: [Argument], prefix: String?, line: Int)
    /// `show all` or `show SECTION|STEP …`: splice those parts of the current run's trace.
    case show(targets: [String], line: Int)
    /// `expect NAME = VALUE` (at the precision written), `= VALUE ± TOLERANCE`, or `in LOW … HIGH`.
    case expect(Expectation)

    public var line: Int {
        switch self {
        case .run(_, _, _, let line), .show(_, let line): return line
        case .expect(let e): return e.line
        }
    }
}

/// `name=value` on a `run` line.
public struct Argument: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) { self.name = name; self.value = value }
}

/// A number the course material publishes, stated in a lesson and checked on every run.
public struct Expectation: Sendable, Equatable {
    /// How close the computed value must be.
    public enum Bound: Sendable, Equatable {
        /// Within half a unit of the last digit written: `0.593269992` means ±5e-10.
        case asWritten(String)
        /// `VALUE ± TOLERANCE`.
        case tolerance(Double, Double)
        /// `in LOW...HIGH`.
        case range(Double, Double)
    }
    public var name: String
    public var bound: Bound
    public var line: Int
}
