import LearnText
import LearnCore

/// The result of running a lesson: what to show, every quantity it computed, every published number checked.
public struct LessonRun: Sendable {
    /// One thing to show at a time in the terminal: the title, a prose block, one trace item.
    public struct Unit: Sendable {
        public enum Kind: Sendable { case header, prose, step, table, plot, note, checks }
        public var kind: Kind
        /// The unit as Markdown.
        public var markdown: String
    }

    /// A named number the lesson computed, for `learn verify`.
    public struct Quantity: Sendable {
        public var name: String
        public var value: Double
        /// The step that computes it, when it is a step (for showing its formula).
        public var step: Step?
        /// The derivation it came from.
        public var derivation: String
    }

    /// An `expect` line and what happened to it.
    public struct Check: Sendable {
        public var expectation: Expectation
        /// The computed value; `nil` when the check was skipped.
        public var computed: Double?
        public var passed: Bool
        /// The check was skipped because `--set` changed the run's parameters.
        public var skipped: Bool { computed == nil }
    }

    public var lesson: Lesson
    public var units: [Unit] = []
    public var quantities: [Quantity] = []
    public var checks: [Check] = []
    /// Whether any `--set` changed a parameter of any run.
    public var overridden = false

    /// The whole lesson as one Markdown document.
    public var markdown: String { units.map(\.markdown).joined(separator: "\n\n") + "\n" }

    /// The checks that ran and failed.
    public var failures: [Check] { checks.filter { !$0.skipped && !$0.passed } }

    /// The quantity called `name` (exactly, or else ignoring case when that is unambiguous).
    public func quantity(_ name: String) -> Quantity? {
        if let q = quantities.last(where: { $0.name == name }) { return q }
        let folded = quantities.filter { $0.name.lowercased() == name.lowercased() }
        return Set(folded.map(\.name)).count == 1 ? folded.last : nil
    }
}

/// A mistake in how the program was called (`--set` of an unknown parameter, a bad value): exit 64.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
