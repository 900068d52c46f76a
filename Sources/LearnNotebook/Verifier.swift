import LearnText
import LearnCore

/// Compares a learner's numbers with a lesson's, each at the precision the learner wrote it.
public enum Verifier {
    /// One answer, judged.
    public struct Verdict: Sendable {
        public var name: String
        public var written: WrittenNumber
        public var quantity: LessonRun.Quantity
        public var matches: Bool
        /// When the answer is wrong only because it was truncated instead of rounded: the rounded form.
        public var roundingHint: String?
    }

    /// Judges `answers` (name, text as written) against `run`. Throws `UsageError` for an unknown name
    /// (listing the names the lesson defines) or a value that is not a number.
    public static func check(_ answers: [Argument], against run: LessonRun) throws(UsageError) -> [Verdict] {
        var verdicts: [Verdict] = []
        for answer in answers {
            guard let quantity = run.quantity(answer.name) else {
                let names = run.quantities.map(\.name)
                var seen = Set<String>()
                let unique = names.filter { seen.insert($0).inserted }
                throw UsageError("lesson '\(run.lesson.name)' has no quantity '\(answer.name)'; it defines: \(unique.joined(separator: ", "))")
            }
            guard let written = WrittenNumber(answer.value) else {
                throw UsageError("\(answer.name)=\(answer.value): '\(answer.value)' is not a number")
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

import Foundation
