import Foundation
import LearnCore
import LearnText

/// Compares a learner's numbers with a lesson's document, each at the precision the learner wrote it.
public enum Verifier {
    /// One answer, judged.
    public struct Verdict: Sendable {
        public var name: String
        public var written: WrittenNumber
        public var quantity: Quantity
        public var matches: Bool
        /// When the answer is wrong only because it was truncated instead of rounded: the rounded form.
        public var roundingHint: String?
    }

    /// Why answers cannot be judged.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The document has no quantity of that name.
        case unknownName(String, known: [String])
        /// The answer is not a number.
        case notANumber(name: String, value: String)

        public var description: String {
            switch self {
            case .unknownName(let name, let known):
                return "no quantity '\(name)'; the lesson defines: \(known.joined(separator: ", "))"
            case .notANumber(let name, let value):
                return "\(name)=\(value): '\(value)' is not a number"
            }
        }
    }

    /// The quantity called `name` (exactly, or else ignoring case when that is unambiguous).
    public static func quantity(_ name: String, in document: Document) -> Quantity? {
        if let q = document.quantity(name) { return q }
        let folded = document.quantities.filter { $0.name.lowercased() == name.lowercased() }
        return folded.count == 1 ? folded[0] : nil
    }

    /// Judges `answers` (name, text as written) against the document's quantities.
    public static func check(_ answers: [Argument], against document: Document) throws(Failure) -> [Verdict] {
        var verdicts: [Verdict] = []
        for answer in answers {
            guard let quantity = quantity(answer.name, in: document) else {
                throw .unknownName(answer.name, known: document.quantities.map(\.name))
            }
            guard let written = WrittenNumber(answer.value) else {
                throw .notANumber(name: answer.name, value: answer.value)
            }
            let matches = written.matches(quantity.value)
            verdicts.append(Verdict(name: quantity.name, written: written, quantity: quantity, matches: matches,
                                    roundingHint: matches ? nil : truncationHint(written, quantity.value)))
        }
        return verdicts
    }

    /// If `written` is `value` truncated (not rounded) to the digits written, the correctly rounded text.
    static func truncationHint(_ written: WrittenNumber, _ value: Double) -> String? {
        guard written.halfUnit > 0 else { return nil }
        let unit = 2 * written.halfUnit
        let truncated = (value / unit).rounded(.towardZero) * unit
        guard abs(truncated - written.value) <= 1e-9 * unit else { return nil }
        let decimals = max(0, Int((-log10(unit)).rounded()))
        return String(format: "%.*f", decimals, value)
    }
}
