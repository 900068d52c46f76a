import LearnCore

/// A worked example of the course: given parameters, it computes and records every step in a `Trace`.
///
/// Lessons run derivations by name (`run backprop`); the defaults of `parameters` are the slides' numbers.
public protocol Derivation {
    /// The name a lesson's `run` line uses.
    static var name: String { get }
    /// What it works through, in a sentence or two (plain text): `learn help derivations` shows it, and
    /// the derivations table of lessons/README.md must say the same.
    static var summary: String { get }
    /// The sections of its trace, in order: what a lesson's `show SECTION` can name.
    static var sections: [String] { get }
    static var parameters: [Parameter] { get }
    static func run(_ parameters: Parameters) throws(DerivationError) -> Trace
    /// How its worked example becomes fresh practice (`learn exercise`); nil when it has no exercise.
    static var exercise: Exercise? { get }
}

extension Derivation {
    public static var exercise: Exercise? { nil }
}

/// Why a derivation could not run with the given parameters.
public enum DerivationError: Error, Equatable, CustomStringConvertible {
    case unknownDerivation(name: String, known: [String])
    case unknownParameter(name: String, known: [String])
    case badValue(name: String, value: String, expected: String)
    case invalid(String)
    /// Input from outside the lesson (a dataset) cannot be found or read; the message says how to get it.
    case missingInput(String)

    public var description: String {
        switch self {
        case .unknownDerivation(let name, let known):
            return "unknown derivation '\(name)' (known: \(known.joined(separator: ", ")))"
        case .unknownParameter(let name, let known):
            return "unknown parameter '\(name)' (parameters: \(known.joined(separator: ", ")))"
        case .badValue(let name, let value, let expected):
            return "bad value '\(value)' for \(name): expected \(expected)"
        case .invalid(let why), .missingInput(let why):
            return why
        }
    }
}

/// Every derivation of the course, by name.
///
/// Each group of lessons lists its own derivations in `Registry/` (one file per group, so that lessons can
/// be added side by side); this is their union.
public enum Course {
    nonisolated(unsafe) public static let derivations: [any Derivation.Type] = [
        Backprop.self,
        PerceptronUpdate.self,
        PerceptronTraining.self,
        SigmoidDerivative.self,
        RpropMinibatch.self,
        RpropFullbatch.self,
        MNISTMLP.self,
        MNISTTraining.self,
        Prewitt.self,
        ConvSizes.self,
        MaxPooling.self,
        ConvBackward.self,
    ] + neuronDerivations + perceptronGeometryDerivations + learningDerivations + trainingPracticeDerivations
      + convolutionDerivations + beyondDerivations + scikitLearnDerivations

    /// The derivation called `name`.
    public static func derivation(named name: String) throws(DerivationError) -> any Derivation.Type {
        guard let d = derivations.first(where: { $0.name == name }) else {
            throw .unknownDerivation(name: name, known: derivations.map { $0.name })
        }
        return d
    }
}
