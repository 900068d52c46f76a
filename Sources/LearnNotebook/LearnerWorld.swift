import LearnCore
import LearnText

/// The lesson's quantities as the learner has them: their answers where they gave one, and every step
/// they did not write down recomputed from those answers. Each value remembers which of the learner's
/// answers it comes from, wrong ones and right-but-rounded ones apart.
struct LearnerWorld {
    /// The learner's answers a value comes from.
    struct Sources: Equatable {
        var wrong: [String] = []
        var rounded: [String] = []
        var isEmpty: Bool { wrong.isEmpty && rounded.isEmpty }
        mutating func merge(_ other: Sources) {
            for n in other.wrong where !wrong.contains(n) { wrong.append(n) }
            for n in other.rounded where !rounded.contains(n) { rounded.append(n) }
        }
    }

    let document: Document
    /// Position of each quantity in the lesson: dependencies come before what uses them.
    let index: [String: Int]
    /// The lesson's own value of each quantity.
    let lessonValues: [String: Double]
    /// Every name a run defines (quantities without the prefix), by prefix ("" for none).
    let known: [String: Set<String>]
    private(set) var values: [String: Double] = [:]
    private(set) var sources: [String: Sources] = [:]
    private(set) var answered: Set<String> = []

    init(document: Document) {
        self.document = document
        var index: [String: Int] = [:], known: [String: Set<String>] = [:], lessonValues: [String: Double] = [:]
        for (i, q) in document.quantities.enumerated() {
            index[q.name] = i
            lessonValues[q.name] = q.value
            let prefix = q.step?.prefix ?? Self.prefix(of: q.name)
            let local = prefix.isEmpty ? q.name : String(q.name.dropFirst(prefix.count + 1))
            known[prefix, default: []].insert(local)
            if let step = q.step { known[prefix, default: []].formUnion(step.constants.keys) }
        }
        self.index = index
        self.lessonValues = lessonValues
        self.known = known
    }

    /// The prefix of a lesson-wide name (`and` of `and.w1`), "" for none.
    private static func prefix(of name: String) -> String {
        name.firstIndex(of: ".").map { String(name[..<$0]) } ?? ""
    }

    /// The value of a lesson-wide name as the learner has it.
    func value(_ name: String) -> Double? { values[name] ?? lessonValues[name] }

    /// The quantity called `name`.
    func quantity(_ name: String) -> Quantity? { index[name].map { document.quantities[$0] } }

    func sources(_ name: String) -> Sources { sources[name] ?? Sources() }

    /// The names a step's run defines, without its prefix.
    func known(for step: DocumentStep) -> Set<String> { known[step.prefix ?? ""] ?? [] }

    /// A step's formula (or another) evaluated on the learner's numbers, with `overrides` (lesson-wide
    /// names) taking precedence.
    func evaluate(_ formula: Formula, of step: DocumentStep, overrides: [String: Double] = [:]) -> Double? {
        let v = formula.evaluated { local in
            let name = step.qualified(local)
            return overrides[name] ?? value(name) ?? step.constants[local]
        }
        return v.flatMap { $0.isFinite ? $0 : nil }
    }

    /// A quantity the learner did not answer: recomputed when it depends on their numbers.
    mutating func carry(_ quantity: Quantity) {
        guard let step = quantity.step, let formula = step.forms.first else { return }
        var merged = Sources()
        for d in step.dependencies { merged.merge(sources(d)) }
        guard !merged.isEmpty, let v = evaluate(formula, of: step) else { return }
        values[quantity.name] = v
        sources[quantity.name] = merged
    }

    /// A quantity the learner answered: their number, and what later steps that use it follow from.
    mutating func answer(_ quantity: Quantity, _ written: WrittenNumber, _ verdict: Verifier.Verdict) {
        answered.insert(quantity.name)
        values[quantity.name] = written.value
        let matches = written.matches(quantity.value)
        var s = Sources()
        switch verdict.judgement {
        case .consequential(let roots): s.wrong = roots
        case .wrong: s.wrong = [quantity.name]
        case .tooFewDigits: if matches { s.rounded = [quantity.name] } else { s.wrong = [quantity.name] }
        case .right, .rightFromYourNumbers, .ambiguous:
            if written.value != quantity.value { s.rounded = [quantity.name] }
        }
        sources[quantity.name] = s
    }

    /// The steps `name` depends on, transitively, that the learner did not answer, in lesson order.
    func unansweredAncestors(of name: String) -> [String] {
        var seen = Set<String>(), stack = quantity(name)?.step?.dependencies ?? []
        while let d = stack.popLast() {
            guard !answered.contains(d), seen.insert(d).inserted else { continue }
            stack += quantity(d)?.step?.dependencies ?? []
        }
        return seen.sorted { (index[$0] ?? 0) < (index[$1] ?? 0) }
    }

    /// `target` recomputed after some earlier values change: every unanswered step between them is
    /// recomputed (and passed through `round`, a learner rounding as they go), then `target` itself.
    func propagate(_ overrides: [String: Double], to target: Quantity, round: ((Double) -> Double)? = nil) -> Double? {
        guard let step = target.step, let formula = step.forms.first else { return nil }
        var local = overrides
        for name in unansweredAncestors(of: target.name) where local[name] == nil {
            guard let q = quantity(name), let s = q.step, let f = s.forms.first else { continue }
            let changed = round != nil || s.dependencies.contains { local[$0] != nil }
            guard changed, let v = evaluate(f, of: s, overrides: local) else { continue }
            local[name] = round.map { $0(v) } ?? v
        }
        return evaluate(formula, of: step, overrides: local)
    }
}
