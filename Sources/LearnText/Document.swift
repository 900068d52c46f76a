import LearnCore

/// A lesson after it has run: everything any output shows, as data.
///
/// The notebook evaluates a lesson into a `Document`; the terminal, Markdown and HTML renderers and
/// `learn verify` read it, and nothing reads text that the program generated. Its shape:
///
/// ```
/// Document
/// ├─ title, summary, source, prerequisites         the lesson's header
/// ├─ changes     [ParameterChange]                  --set values beside the slides' (empty: the slides' run)
/// ├─ parts       [Part]                             what the pager shows one at a time
/// │   └─ kind (.prose, .trace, .checks, .notice), section number, blocks [Block]
/// │        Block: heading, paragraph, list, quote, code, math (authored LaTeX), table, rule,
/// │               step (symbol = formula = numbers = value), plot, image, regions, network,
/// │               checks, notice
/// │        Inline: text, emphasis, strong, code, math, formula, number, quantity (a live
/// │                reference), slidesValue, link, lineBreak
/// ├─ quantities  [Quantity]                         every named number, for `verify`
/// └─ checks      [CheckResult]                      every `expect`, passed, failed or skipped
/// ```
public struct Document: Sendable {
    public var title: String
    public var summary: String
    /// Which deck and slides the lesson follows.
    public var source: String
    /// Lessons to read first.
    public var prerequisites: [String]
    /// The parameters this run changed from the slides' values; empty when it runs the slides' numbers.
    public var changes: [ParameterChange]
    public var parts: [Part]
    public var quantities: [Quantity]
    public var checks: [CheckResult]

    public init(title: String, summary: String, source: String, prerequisites: [String] = [],
                changes: [ParameterChange] = [], parts: [Part] = [], quantities: [Quantity] = [],
                checks: [CheckResult] = []) {
        self.title = title; self.summary = summary; self.source = source; self.prerequisites = prerequisites
        self.changes = changes; self.parts = parts; self.quantities = quantities; self.checks = checks
    }

    /// The lesson's numbered sections: the level-2 headings, in order (section `n` is `sections[n - 1]`).
    public var sections: [[Inline]] {
        parts.flatMap(\.blocks).compactMap { if case .heading(2, let text) = $0 { return text } else { return nil } }
    }

    /// The quantity called `name`.
    public func quantity(_ name: String) -> Quantity? { quantities.first { $0.name == name } }

    /// The expectations that were checked and failed.
    public var failures: [CheckResult] { checks.filter { !$0.skipped && !$0.passed } }
}

/// A parameter that a run changed (`--set i1=0.2`), with the slides' value it replaces.
public struct ParameterChange: Sendable, Equatable {
    /// The name as typed: `i1`, `eta`.
    public var name: String
    /// What it is: "input i1", "learning rate η".
    public var meaning: String
    /// The value this run uses, as text (a number in the document's format, or a word).
    public var value: String
    /// The slides' value, as text.
    public var slides: String

    public init(name: String, meaning: String, value: String, slides: String) {
        self.name = name; self.meaning = meaning; self.value = value; self.slides = slides
    }
}

/// A stretch of the document that the pager shows at once: a run of prose, one trace item, a cell's
/// checks, or a notice. `section` is the number of the level-2 heading it falls under (0 before the first).
public struct Part: Sendable {
    public enum Kind: Sendable, Equatable {
        /// The lesson's own prose (Markdown), including its passages.
        case prose
        /// One item of a derivation's trace.
        case trace
        /// The published numbers a cell reproduced (dropped by `--no-checks`).
        case checks
        /// Prose that tells how to check one's own numbers (a `::: verify` passage; dropped by `--no-checks`).
        case practice
    }
    public var kind: Kind
    public var section: Int
    public var blocks: [Block]

    public init(kind: Kind, section: Int, blocks: [Block]) {
        self.kind = kind; self.section = section; self.blocks = blocks
    }
}

/// One block of the document.
public indirect enum Block: Sendable {
    case heading(level: Int, [Inline])
    case paragraph([Inline])
    case list([ListItem])
    case quote([Block])
    /// Fenced code (or a text picture), its lines as written.
    case code(language: String?, lines: [String])
    /// Display maths the lesson's author wrote, in LaTeX (without the `$$`).
    case math(String)
    case table(Table)
    case rule
    /// A step of a worked derivation: `net_h1 = w1·i1 + w2·i2 + b1 = 0.15·0.05 + … = 0.3775`.
    case step(DocumentStep)
    case plot(TracePlot)
    case image(TraceImage)
    case regions(TraceRegionMap)
    /// A network drawn as a graph, with values and gradients on it.
    case network(TraceNetwork)
    /// The `expect` lines of a cell: what was reproduced, what was not.
    case checks([CheckResult])
    /// A passage about the slides' numbers, left out because a parameter it assumes was changed.
    case notice(Notice)
}

/// An item of a list: its nesting level (0 outermost), bullet or number, and its text.
public struct ListItem: Sendable, Equatable {
    public var level: Int
    /// The item's number in an ordered list, nil for a bullet.
    public var number: Int?
    public var text: [Inline]
    public init(level: Int, number: Int?, text: [Inline]) { self.level = level; self.number = number; self.text = text }
}

/// Inline content.
public indirect enum Inline: Sendable, Equatable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case code(String)
    /// Maths the author wrote, in LaTeX (without the `$`).
    case math(String)
    /// A formula the program built.
    case formula(Formula)
    /// A computed number, printed in the document's number format.
    case number(Double)
    /// A live reference to a computed quantity or a parameter of this run (`{{out_h2:3}}` in a lesson).
    case quantity(QuantityReference)
    /// The slides' value of a parameter, shown beside the run's own (a "slides" column, the banner).
    case slidesValue(String)
    case link(label: [Inline], url: String)
    case lineBreak
}

/// A number in prose that stands for a computed quantity, so that it is always this run's.
public struct QuantityReference: Sendable, Equatable {
    /// The quantity's (or parameter's) name.
    public var name: String
    public var value: Double
    /// Decimal places to print; nil: the document's number format.
    public var decimals: Int?
    public init(name: String, value: Double, decimals: Int?) { self.name = name; self.value = value; self.decimals = decimals }
}

/// A table: an optional title, columns with their alignment, rows of cells.
public struct Table: Sendable {
    public enum Alignment: Sendable, Equatable { case left, right, center }

    public struct Column: Sendable {
        public var header: [Inline]
        public var alignment: Alignment
        /// The column holds the slides' values (beside the run's own), so it may differ from this run.
        public var isSlides: Bool
        public init(header: [Inline], alignment: Alignment, isSlides: Bool = false) {
            self.header = header; self.alignment = alignment; self.isSlides = isSlides
        }
    }

    public var title: [Inline]?
    public var columns: [Column]
    public var rows: [[[Inline]]]

    public init(title: [Inline]? = nil, columns: [Column], rows: [[[Inline]]]) {
        self.title = title; self.columns = columns; self.rows = rows
    }
}

/// A trace step as the document shows it, with the lesson-wide name that `learn verify` uses.
public struct DocumentStep: Sendable {
    /// The name a learner types (`out_h1`, `and.w1+`).
    public var name: String
    /// The left-hand side as typeset.
    public var symbol: Formula
    /// The right-hand sides, from symbols to numbers.
    public var forms: [Formula]
    public var value: Double
    /// A sentence of explanation.
    public var note: [Inline]?
    /// The names (lesson-wide) of the quantities its formula uses.
    public var dependencies: [String]
    /// The prefix of its run (`and` for `and.w1+`): the formulas name quantities without it.
    public var prefix: String?
    /// The given numbers its formula uses that are not quantities (parameters: `w5`, `eta`), by the
    /// formula's names; with the quantities' values they recompute the step from anyone's numbers.
    public var constants: [String: Double]
    /// Why the value is not a finite number, when that is on purpose (then it is printed as a word).
    public var nonFinite: NonFinite?

    public init(name: String, symbol: Formula, forms: [Formula], value: Double, note: [Inline]?, dependencies: [String],
                prefix: String? = nil, constants: [String: Double] = [:], nonFinite: NonFinite? = nil) {
        self.name = name; self.symbol = symbol; self.forms = forms; self.value = value
        self.note = note; self.dependencies = dependencies; self.prefix = prefix; self.constants = constants
        self.nonFinite = nonFinite
    }

    /// The right-most side as printed: the value, or "undefined" / "overflows" for a marked quantity.
    public var result: Formula {
        guard let nonFinite else { return .number(value) }
        return .text(plain: nonFinite.word, latex: "\\text{\(nonFinite.word)}")
    }

    /// The lesson-wide name of a name its formulas use (`w1+` → `and.w1+`).
    public func qualified(_ local: String) -> String { prefix.map { "\($0).\(local)" } ?? local }
}

/// A named number the lesson computed: what `learn verify` checks a learner's answer against.
public struct Quantity: Sendable {
    /// The lesson-wide name (`out_h1`, `and.w1`).
    public var name: String
    public var value: Double
    /// The symbol as typeset (`out_h1` → out with subscript h1).
    public var symbol: Formula
    /// The step that computes it, when it is a step.
    public var step: DocumentStep?
    /// The derivation it comes from, and the section of its trace.
    public var derivation: String
    public var traceSection: String
    /// The lesson's section (level-2 heading number) where it is shown, or where its run is.
    public var lessonSection: Int

    public init(name: String, value: Double, symbol: Formula, step: DocumentStep?, derivation: String,
                traceSection: String, lessonSection: Int) {
        self.name = name; self.value = value; self.symbol = symbol; self.step = step
        self.derivation = derivation; self.traceSection = traceSection; self.lessonSection = lessonSection
    }
}

/// An `expect` line of a lesson and what came of it.
public struct CheckResult: Sendable, Equatable {
    public var name: String
    /// The published number as the lesson states it: `0.593269992`, `0.05 ± 0.001`, `0.596…0.597`.
    public var published: String
    /// The computed value; nil when the check was skipped (the run's parameters are not the slides').
    public var computed: Double?
    public var passed: Bool
    /// Where the `expect` line is: `lessons/backprop.md:27`.
    public var location: String

    public init(name: String, published: String, computed: Double?, passed: Bool, location: String) {
        self.name = name; self.published = published; self.computed = computed; self.passed = passed; self.location = location
    }

    public var skipped: Bool { computed == nil }
}

/// In place of a passage about the slides' numbers, when a parameter it assumes was changed.
public struct Notice: Sendable, Equatable {
    /// The changed parameters the passage assumes, with the slides' values: `i1 = 0.05`.
    public var assumes: [ParameterChange]
    public init(assumes: [ParameterChange]) { self.assumes = assumes }
}
