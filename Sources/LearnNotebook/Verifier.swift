import Foundation
import LearnCore
import LearnText

/// Judges a learner's numbers against a lesson's document, in the order the lesson computes them.
///
/// The rules (`learn help verify` states them):
/// - An answer is judged at the precision it is written (`0.5933` means ±0.00005) and must carry at
///   least `minimumDigits` significant digits; a whole number (`56`) is exact.
/// - An answer that also matches a known slip at that precision is not accepted: more digits decide.
/// - A wrong answer is recomputed from the learner's own earlier answers: if it follows from them it is
///   consequential, not a new mistake; if it follows from their correctly rounded numbers it is right.
/// - Otherwise the slip catalogue (`SlipKind`) is tried on the step and on the earlier steps the learner
///   did not write down, and the first slip that gives the learner's number is named.
public struct Verifier: Sendable {
    /// One answer, judged.
    public struct Verdict: Sendable {
        public enum Judgement: Sendable, Equatable {
            /// It rounds to the lesson's value.
            case right
            /// It follows from the learner's own rounded (right) numbers: accepted, with a note naming them.
            case rightFromYourNumbers([String])
            /// Fewer significant digits than the rule asks for: not judged.
            case tooFewDigits(Int)
            /// It matches the lesson's value and what slips give (one per kind) at the precision written:
            /// more digits decide.
            case ambiguous([Slip])
            /// Wrong, but it follows from the learner's own earlier wrong answers (named).
            case consequential([String])
            /// Wrong, with the slip that explains it when one does.
            case wrong(Slip?)
        }
        public var name: String
        public var written: WrittenNumber
        public var quantity: Quantity
        public var judgement: Judgement
        /// When the answer is the lesson's value truncated instead of rounded: the rounded form.
        public var roundingHint: String?
        /// For an answer that follows from the learner's numbers: the value their earlier answers give
        /// (the one that matches what they wrote, when ``recomputedRange`` or ``roundedDigits`` says how).
        public var recomputed: Double?
        /// When the answer follows only once the learner's earlier answers move within the precision
        /// they were written at: the values the step takes over those moves.
        public var recomputedRange: ClosedRange<Double>?
        /// When the answer follows only once the steps the learner did not write down are rounded: to
        /// how many significant digits (``recomputed`` is then that rounding's value).
        public var roundedDigits: Int?

        /// Right, or right from the learner's own rounded numbers.
        public var isAccepted: Bool {
            switch judgement {
            case .right, .rightFromYourNumbers: return true
            default: return false
            }
        }
    }

    /// How a sheet did: right (accepted), consequential, wrong, too few digits (or ambiguous).
    public struct Tally: Sendable, Equatable {
        public var right = 0, consequential = 0, wrong = 0, tooFewDigits = 0
        public init(_ verdicts: [Verdict]) {
            for v in verdicts {
                switch v.judgement {
                case .right, .rightFromYourNumbers: right += 1
                case .consequential: consequential += 1
                case .wrong: wrong += 1
                case .tooFewDigits, .ambiguous: tooFewDigits += 1
                }
            }
        }
    }

    /// Why answers cannot be judged.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The document has no quantity of that name; the nearest names, if any are close.
        case unknownName(String, nearest: [String])
        /// The answer is not a number.
        case notANumber(name: String, value: String)
        /// The same quantity answered twice.
        case repeated(String)

        public var description: String {
            switch self {
            case .unknownName(let name, let nearest):
                let hint = nearest.isEmpty ? "" : " (did you mean \(nearest.joined(separator: " or "))?)"
                return "no quantity '\(name)' in this lesson\(hint); list them with --names"
            case .notANumber(let name, let value):
                return "\(name)=\(value): '\(value)' is not a number"
            case .repeated(let name):
                return "\(name) is answered twice"
            }
        }
    }

    public let document: Document
    /// The fewest significant digits an answer (not a whole number) must carry.
    public var minimumDigits: Int

    public init(document: Document, minimumDigits: Int = 3) {
        self.document = document
        self.minimumDigits = minimumDigits
    }

    /// The quantity called `name` (exactly, or else ignoring case when that is unambiguous).
    public static func quantity(_ name: String, in document: Document) -> Quantity? {
        if let q = document.quantity(name) { return q }
        let folded = document.quantities.filter { $0.name.lowercased() == name.lowercased() }
        return folded.count == 1 ? folded[0] : nil
    }

    /// Judges `answers` (name, text as written); the verdicts come in the lesson's order.
    public func check(_ answers: [Argument]) throws(Failure) -> [Verdict] {
        var given: [String: WrittenNumber] = [:]
        for answer in answers {
            guard let quantity = Self.quantity(answer.name, in: document) else {
                throw .unknownName(answer.name, nearest: LessonLibrary.nearest(to: answer.name, in: document.quantities.map(\.name)))
            }
            guard let written = WrittenNumber(answer.value) else {
                throw .notANumber(name: answer.name, value: answer.value)
            }
            guard given.updateValue(written, forKey: quantity.name) == nil else { throw .repeated(quantity.name) }
        }
        var world = LearnerWorld(document: document)
        var verdicts: [Verdict] = []
        for quantity in document.quantities {
            guard let written = given[quantity.name] else {
                world.carry(quantity)
                continue
            }
            let verdict = judge(written, quantity, in: world, answers: given)
            world.answer(quantity, written, verdict)
            verdicts.append(verdict)
        }
        return verdicts
    }

    private func judge(_ written: WrittenNumber, _ quantity: Quantity, in world: LearnerWorld,
                       answers: [String: WrittenNumber]) -> Verdict {
        var verdict = Verdict(name: quantity.name, written: written, quantity: quantity, judgement: .right)
        let truth = quantity.value
        if !written.isExact && written.significantDigits < minimumDigits {
            verdict.judgement = .tooFewDigits(written.significantDigits)
            return verdict
        }
        let diagnosis = Diagnosis(world: world, quantity: quantity)
        if written.matches(truth) {
            // Written exactly (0.3775 for 0.3775), it is the lesson's number, not a rounding of something else.
            let exact = !differs(written.value, truth)
            if !exact {
                var slips: [Slip] = []
                for slip in diagnosis.slipsInLessonNumbers() where written.matches(slip.value) && differs(slip.value, truth) {
                    if !slips.contains(where: { $0.kind == slip.kind }) { slips.append(slip) }
                }
                if !slips.isEmpty { verdict.judgement = .ambiguous(slips) }
            }
            return verdict
        }
        verdict.roundingHint = Self.truncationHint(written, truth)
        if let (value, sources) = diagnosis.recomputed() {
            // It follows from the learner's numbers as written (carrying, at most, the digits they wrote).
            let exactly = written.matches(value)
            let range = exactly ? nil : diagnosis.recomputedRange(written: answers, minimumDigits: minimumDigits)
            let withinRange = range.map {
                written.value + written.halfUnit >= $0.lowerBound && written.value - written.halfUnit <= $0.upperBound
            } == true
            if exactly || withinRange {
                verdict.recomputed = value
                verdict.recomputedRange = range
                verdict.judgement = sources.wrong.isEmpty ? .rightFromYourNumbers(sources.rounded) : .consequential(sources.wrong)
                return verdict
            }
            // After a wrong answer, rounding the unwritten steps to 3 or more digits is no new mistake.
            if !sources.wrong.isEmpty, let rounded = diagnosis.roundedVariants().first(where: { written.matches($0.value) }) {
                verdict.recomputed = rounded.value
                verdict.roundedDigits = rounded.digits
                verdict.judgement = .consequential(sources.wrong)
                return verdict
            }
        }
        verdict.judgement = .wrong(diagnosis.slip(matching: written))
        return verdict
    }

    private func differs(_ a: Double, _ b: Double) -> Bool { abs(a - b) > 1e-9 * max(1, abs(b)) }

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
