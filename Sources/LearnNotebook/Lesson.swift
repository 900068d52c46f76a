import LearnCourse
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

/// A piece of a lesson: prose, a marked passage of prose, or an executable cell.
public enum LessonBlock: Sendable {
    /// Markdown, and the line it starts on.
    case prose(String, line: Int)
    /// Markdown between `::: KIND` and `:::` lines.
    case passage(Passage)
    case cell(Cell)
}

/// Prose marked for what it is about (`::: slides` … `:::`), so that outputs can treat it as such.
public struct Passage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// About the slides' own numbers (quoted, rounded, compared): shown for the slides' parameters,
        /// replaced by a one-line notice when a parameter it assumes is changed. `nil`: it assumes all of
        /// the lesson's parameters; otherwise the ones listed (`::: slides i1 w5`).
        case slides(assumes: [String]?)
        /// Tells the learner how to check their own numbers (`learn verify …`); `--no-checks` drops it.
        case verify
    }
    public var kind: Kind
    /// The Markdown inside, and the line it starts on.
    public var markdown: String
    public var line: Int
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
    /// `parameters [NAME …]`: a table of the current run's parameters (all, or the ones named), with the
    /// slides' values beside them when the learner changed any.
    case parameters(names: [String], line: Int)

    public var line: Int {
        switch self {
        case .run(_, _, _, let line), .show(_, let line), .parameters(_, let line): return line
        case .expect(let e): return e.line
        }
    }
}

/// `name=value` on a `run` line, a `--set` or an answer (defined with the derivations, which take them).
public typealias Argument = LearnCourse.Argument

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

extension Expectation {
    /// Whether `value` satisfies a bound.
    public static func holds(_ bound: Bound, _ value: Double) -> Bool {
        switch bound {
        case .asWritten(let text): return WrittenNumber(text)?.matches(value) ?? false
        case .tolerance(let x, let tolerance): return abs(value - x) <= tolerance
        case .range(let low, let high): return value >= low && value <= high
        }
    }
}
