import LearnCore

/// An input of a derivation that a lesson or a learner may change (`--set i1=0.1`).
public struct Parameter: Sendable {
    /// What values the parameter takes.
    public enum Kind: Sendable {
        /// Any number within the range.
        case number(default: Double, range: ClosedRange<Double>)
        /// A whole number within the range.
        case count(default: Int, range: ClosedRange<Int>)
        /// One of the listed words.
        case choice(default: String, options: [String])
        /// Free text that `isValid` accepts, such as layer sizes `2-3-2-2`; `expected` says what it accepts.
        case text(default: String, expected: String, isValid: @Sendable (String) -> Bool)
    }
    public let name: String
    public let kind: Kind
    /// What the parameter is, in a few words: "input i1", "learning rate η".
    public let meaning: String

    public static func number(_ name: String, _ value: Double, _ meaning: String,
                              in range: ClosedRange<Double> = -1e6...1e6) -> Parameter {
        Parameter(name: name, kind: .number(default: value, range: range), meaning: meaning)
    }
    public static func count(_ name: String, _ value: Int, _ meaning: String, in range: ClosedRange<Int>) -> Parameter {
        Parameter(name: name, kind: .count(default: value, range: range), meaning: meaning)
    }
    public static func choice(_ name: String, _ value: String, _ options: [String], _ meaning: String) -> Parameter {
        Parameter(name: name, kind: .choice(default: value, options: options), meaning: meaning)
    }
    public static func text(_ name: String, _ value: String, _ meaning: String, expected: String,
                            isValid: @escaping @Sendable (String) -> Bool) -> Parameter {
        Parameter(name: name, kind: .text(default: value, expected: expected, isValid: isValid), meaning: meaning)
    }

    /// The default value as text.
    public var defaultText: String {
        switch kind {
        case .number(let d, _): return NumberFormat().string(d)
        case .count(let d, _): return String(d)
        case .choice(let d, _), .text(let d, _, _): return d
        }
    }

    /// Checks `text` as a value of this parameter.
    public func parse(_ text: String) throws(DerivationError) -> ParameterValue {
        switch kind {
        case .number(_, let range):
            guard let x = NumberSyntax.value(text) else {
                throw .badValue(name: name, value: text, expected: "a number")
            }
            guard range.contains(x) else {
                throw .badValue(name: name, value: text, expected: "a number from \(NumberFormat().string(range.lowerBound)) to \(NumberFormat().string(range.upperBound))")
            }
            return .number(x)
        case .count(_, let range):
            guard let x = NumberSyntax.value(text), x == x.rounded(), abs(x) < 1e15, case let n = Int(x), range.contains(n) else {
                throw .badValue(name: name, value: text, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return .number(Double(n))
        case .choice(_, let options):
            let t = text.trimmingCharacters(in: [" "])
            guard let match = options.first(where: { $0.lowercased() == t.lowercased() }) else {
                throw .badValue(name: name, value: text, expected: "one of \(options.joined(separator: ", "))")
            }
            return .text(match)
        case .text(_, let expected, let isValid):
            let t = text.trimmingCharacters(in: [" "])
            guard isValid(t) else { throw .badValue(name: name, value: text, expected: expected) }
            return .text(t)
        }
    }

    var defaultValue: ParameterValue {
        switch kind {
        case .number(let d, _): return .number(d)
        case .count(let d, _): return .number(Double(d))
        case .choice(let d, _), .text(let d, _, _): return .text(d)
        }
    }
}

/// A parameter's value: a number or a word.
public enum ParameterValue: Sendable, Equatable {
    case number(Double)
    case text(String)
}

/// The values a derivation runs with: its defaults, overridden by the lesson and the learner.
public struct Parameters: Sendable {
    public let declared: [Parameter]
    private var values: [String: ParameterValue]

    /// The defaults of `declared`.
    public init(_ declared: [Parameter]) {
        self.declared = declared
        self.values = Dictionary(uniqueKeysWithValues: declared.map { ($0.name, $0.defaultValue) })
    }

    /// Whether `name` is one of the declared parameters.
    public func declares(_ name: String) -> Bool { values[name] != nil }

    /// Sets a parameter from text, checking its name and value.
    public mutating func set(_ name: String, to text: String) throws(DerivationError) {
        guard let p = declared.first(where: { $0.name == name }) else {
            throw .unknownParameter(name: name, known: declared.map(\.name))
        }
        values[name] = try p.parse(text)
    }

    /// The value of `name`, if it is declared.
    public func value(_ name: String) -> ParameterValue? { values[name] }

    /// The declaration of `name`, if it is declared.
    public func parameter(_ name: String) -> Parameter? { declared.first { $0.name == name } }

    /// A number parameter's value.
    public subscript(_ name: String) -> Double {
        guard case .number(let x)? = values[name] else { preconditionFailure("no number parameter \(name)") }
        return x
    }

    /// A whole-number parameter's value.
    public func count(_ name: String) -> Int { Int(self[name]) }

    /// A choice or text parameter's value.
    public func choice(_ name: String) -> String {
        guard case .text(let t)? = values[name] else { preconditionFailure("no choice parameter \(name)") }
        return t
    }

    /// Whether every parameter has its default value.
    public var areDefaults: Bool { declared.allSatisfy { values[$0.name] == $0.defaultValue } }
}
