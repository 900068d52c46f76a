import Foundation
import LearnCore
import LearnText

/// What explains a number for one step: the step recomputed from the learner's own numbers, and the
/// slips of the catalogue tried on the step and on the earlier steps the learner did not write down.
struct Diagnosis {
    let world: LearnerWorld
    let quantity: Quantity

    /// How many of the nearest unwritten earlier steps are searched for a slip.
    static let searchedAncestors = 16

    /// The step recomputed from the learner's numbers, with the answers it comes from; nil when it does
    /// not depend on any answer.
    func recomputed() -> (Double, LearnerWorld.Sources)? {
        guard let step = quantity.step, let formula = step.forms.first else { return nil }
        var merged = LearnerWorld.Sources()
        for d in step.dependencies { merged.merge(world.sources(d)) }
        guard !merged.isEmpty, let v = world.evaluate(formula, of: step) else { return nil }
        return (v, merged)
    }

    /// The step recomputed by a learner who rounds every unwritten intermediate to 3…6 significant
    /// digits: fair rounding, which a consequential answer may carry.
    func roundedVariants() -> [(digits: Int, value: Double)] {
        (3...6).compactMap { digits in
            world.propagate([:], to: quantity, round: { Self.round($0, significant: digits) }).map { (digits, $0) }
        }
    }

    /// The values the step takes when each of the learner's answers that feed it moves within its
    /// written precision (0.588798 stands for 0.5887975…0.5887985): a learner who carried more digits
    /// than they wrote down lands anywhere in this range.
    /// An answer with fewer than `minimumDigits` significant digits does not widen it.
    func recomputedRange(written answers: [String: WrittenNumber], minimumDigits: Int) -> ClosedRange<Double>? {
        var values: [Double] = []
        for name in world.answeredInputs(of: quantity.name) {
            guard let w = answers[name], w.halfUnit > 0, w.significantDigits >= minimumDigits else { continue }
            for shifted in [w.value - w.halfUnit, w.value + w.halfUnit] {
                if let v = world.propagate([name: shifted], to: quantity) { values.append(v) }
            }
        }
        guard let low = values.min(), let high = values.max() else { return nil }
        return low...high
    }

    /// The step's own slips on the lesson's numbers: what a right answer must not also match.
    func slipsInLessonNumbers() -> [Slip] {
        guard let step = quantity.step else { return [] }
        return candidates(step, at: quantity.name).compactMap { c in
            let v = c.formula.evaluated { local in world.lessonValues[step.qualified(local)] ?? world.given(local, of: step) }
            guard let v, v.isFinite else { return nil }
            return Slip(kind: c.kind, detail: c.detail, step: quantity.name, value: v)
        }
    }

    /// The first slip that gives `written` from the learner's numbers: in this step, then in an earlier
    /// step they did not write down, then an intermediate rounded early.
    func slip(matching written: WrittenNumber) -> Slip? {
        guard let step = quantity.step else { return nil }
        let own = candidates(step, at: quantity.name)
        for c in own {
            if let v = world.evaluate(c.formula, of: step), written.matches(v) {
                return Slip(kind: c.kind, detail: c.detail, step: quantity.name, value: v)
            }
        }
        let ancestors = world.unansweredAncestors(of: quantity.name).suffix(Self.searchedAncestors).reversed()
        for name in ancestors {
            guard let q = world.quantity(name), let s = q.step else { continue }
            for c in candidates(s, at: name) {
                guard let slipped = world.evaluate(c.formula, of: s),
                      let v = world.propagate([name: slipped], to: quantity), written.matches(v) else { continue }
                return Slip(kind: c.kind, detail: c.detail, step: name, value: v)
            }
        }
        if let slip = updatedWeightsThroughout(matching: written) { return slip }
        if let slip = roundedEarly(matching: written, among: Array(ancestors)) { return slip }
        // The learner may have worked this step from the right numbers even where theirs were wrong.
        for slip in slipsInLessonNumbers() where written.matches(slip.value) { return slip }
        return nil
    }

    /// The updated weights used in every step after their update, not only in one: in the 2-2-2 example,
    /// the hidden deltas computed with w5+…w8+ (the mistake behind the deck's E = 0.291027924,
    /// REFERENCES.md). One step at a time this is the `updatedForOriginal` slip; here it is all of them.
    private func updatedWeightsThroughout(matching written: WrittenNumber) -> Slip? {
        var renamed = Set<String>()
        let rewrite: (DocumentStep, Formula) -> Formula = { step, formula in
            guard let position = world.index[step.name] else { return formula }
            return formula.renamingSymbols { local in
                let updated = step.qualified(local + "+")
                guard let at = world.index[updated], at < position else { return nil }
                renamed.insert(local)
                return local + "+"
            }
        }
        guard let v = world.propagate([:], to: quantity, rewrite: rewrite), renamed.count >= 2, written.matches(v),
              let plain = world.propagate([:], to: quantity), abs(v - plain) > 1e-12 * max(1, abs(plain)) else { return nil }
        let names = renamed.sorted()
        return Slip(kind: .updatedForOriginal, detail: "\(names.map { $0 + "+" }.joined(separator: ", ")) for \(names.joined(separator: ", ")) in every step after their update",
                    step: quantity.name, value: v)
    }

    /// An intermediate rounded or truncated to few digits, or every one of them.
    private func roundedEarly(matching written: WrittenNumber, among ancestors: [String]) -> Slip? {
        let format = NumberFormat()
        for digits in 1...4 {
            for cut in Self.cuts(digits) {
                for name in ancestors {
                    guard let x = world.value(name) else { continue }
                    let short = cut.apply(x)
                    guard short != x, let v = world.propagate([name: short], to: quantity), written.matches(v) else { continue }
                    return Slip(kind: .roundedEarly, detail: "\(name) \(cut.verb) to \(format.string(short))",
                                step: name, value: v)
                }
                if let v = world.propagate([:], to: quantity, round: cut.apply), written.matches(v) {
                    return Slip(kind: .roundedEarly, detail: "every step \(cut.verb) to \(cut.unit)",
                                step: quantity.name, value: v)
                }
            }
        }
        return nil
    }

    /// Rounding and truncating to `digits` decimals and to `digits` significant digits.
    private static func cuts(_ digits: Int) -> [(verb: String, unit: String, apply: (Double) -> Double)] {
        let places = digits == 1 ? "1 decimal" : "\(digits) decimals"
        let figures = digits == 1 ? "1 significant digit" : "\(digits) significant digits"
        return [("rounded", places, { round($0, decimals: digits, .toNearestOrAwayFromZero) }),
                ("rounded", figures, { round($0, significant: digits) }),
                ("truncated", places, { round($0, decimals: digits, .towardZero) }),
                ("truncated", figures, { round($0, significant: digits, .towardZero) })]
    }

    static func round(_ x: Double, decimals: Int, _ rule: FloatingPointRoundingRule) -> Double {
        let scale = pow(10, Double(decimals))
        return (x * scale).rounded(rule) / scale
    }

    static func round(_ x: Double, significant: Int, _ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> Double {
        guard x != 0, x.isFinite else { return x }
        let decimals = significant - 1 - Int(floor(log10(abs(x))))
        return round(x, decimals: decimals, rule)
    }

    /// The slips of `step` a learner could make there, in the catalogue's order of preference (stable
    /// within a kind): a slip only uses numbers the lesson has computed before the step.
    private func candidates(_ step: DocumentStep, at name: String) -> [SlipCatalogue.Candidate] {
        guard let formula = step.forms.first, let position = world.index[name] else { return [] }
        let rank = Dictionary(uniqueKeysWithValues: SlipKind.allCases.enumerated().map { ($1, $0) })
        let local = step.prefix.map { String(name.dropFirst($0.count + 1)) } ?? name
        return SlipCatalogue.candidates(formula, of: local, known: world.known(for: step),
                                        activations: world.activations[step.prefix ?? ""] ?? [:])
            .filter { c in c.formula.quantityNames.allSatisfy { (world.index[step.qualified($0)] ?? -1) < position } }
            .enumerated()
            .sorted { (rank[$0.element.kind]!, $0.offset) < (rank[$1.element.kind]!, $1.offset) }
            .map(\.element)
    }
}
