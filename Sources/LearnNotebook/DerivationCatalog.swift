import LearnCore
import LearnCourse

/// What a lesson writer needs to know about the derivations a `run` line can name: one entry per
/// derivation, straight from the course's registry (the one source of this metadata).
public enum DerivationCatalog {
    /// A derivation: its `run` name, what it works through, its trace's sections and its parameters.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var summary: String
        public var sections: [String]
        public var parameters: [ParameterEntry]
    }

    /// A parameter: its name, its default (the slides' value), the values it takes, what it is.
    public struct ParameterEntry: Sendable, Equatable {
        public var name: String
        public var defaultValue: String
        public var accepts: String
        public var meaning: String
    }

    /// Every derivation, in the registry's order.
    public static var entries: [Entry] {
        Course.derivations.map { d in
            Entry(name: d.name, summary: d.summary, sections: d.sections, parameters: d.parameters.map(entry))
        }
    }

    /// The derivation called `name`.
    public static func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    static func entry(_ p: Parameter) -> ParameterEntry {
        let f = NumberFormat()
        let accepts: String
        switch p.kind {
        case .number(_, let range): accepts = "\(f.string(range.lowerBound))…\(f.string(range.upperBound))"
        case .count(_, let range): accepts = "\(range.lowerBound)…\(range.upperBound), whole"
        case .choice(_, let options): accepts = options.joined(separator: ", ")
        case .text(_, let expected, _): accepts = expected
        }
        return ParameterEntry(name: p.name, defaultValue: p.defaultText, accepts: accepts, meaning: p.meaning)
    }
}
