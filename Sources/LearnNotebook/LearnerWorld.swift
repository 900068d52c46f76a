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
    /// Each activation's output and its net input (names without the prefix), by prefix: what "net
    /// used for out", "out used for net" and "σ′ at net" exchange.
    let activations: [String: [String: Formula]]
    /// The givens (parameters) of each run's steps, by prefix: a rewrite may use one its step does not
    /// (w6 for w5 in w5⁺ = w5 − η·∂E/∂w5). A name given two values (two runs without a prefix) is left out.
    let givens: [String: [String: Double]]
    private(set) var values: [String: Double] = [:]
    private(set) var sources: [String: Sources] = [:]
    private(set) var answered: Set<String> = []

    init(document: Document) {
        self.document = document
        var index: [String: Int] = [:], known: [String: Set<String>] = [:], lessonValues: [String: Double] = [:]
        var activations: [String: [String: Formula]] = [:]
        var givens: [String: [String: Double]] = [:], conflicting: [String: Set<String>] = [:]
        for (i, q) in document.quantities.enumerated() {
            index[q.name] = i
            lessonValues[q.name] = q.value
            let prefix = q.step?.prefix ?? Self.prefix(of: q.name)
            let local = prefix.isEmpty ? q.name : String(q.name.dropFirst(prefix.count + 1))
            known[prefix, default: []].insert(local)
            if let step = q.step {
                known[prefix, default: []].formUnion(step.constants.keys)
                for (name, x) in step.constants where givens[prefix]?[name].map({ $0 != x }) ?? false {
                    conflicting[prefix, default: []].insert(name)
                }
                givens[prefix, default: [:]].merge(step.constants) { old, _ in old }
                if let net = Self.activationInput(of: step, named: local) { activations[prefix, default: [:]][local] = net }
            }
        }
        self.index = index
        self.lessonValues = lessonValues
        self.known = known
        self.activations = activations
        self.givens = givens.reduce(into: [:]) { result, run in
            result[run.key] = run.value.filter { conflicting[run.key]?.contains($0.key) != true }
        }
    }

    /// The net input of a step that applies an activation to it: its formula is σ(x), 1/(1 + e^(−x)),
    /// 1/(1 + exp(−x)), tanh(x), ReLU(x), step(x) or sign(x) for some formula x, or it is typeset f(x)
    /// for a name x (`arctan(x)` in the activation table). Derivatives (`dsoftplus/dx = 1/(1 + e^(−x))`)
    /// are not activations.
    static func activationInput(of step: DocumentStep, named local: String) -> Formula? {
        guard !local.contains("/"), let formula = step.forms.first?.unparenthesized else { return nil }
        switch formula {
        case .function(let f, let args) where args.count == 1 && ["σ", "tanh", "ReLU", "step", "sign"].contains(f):
            return args[0].unparenthesized
        case .quotient(.number(1), .sum(let terms)) where terms.count == 2 && terms[0] == .number(1):
            var exponent: Formula?
            switch terms[1].unparenthesized {
            case .power(.symbol("e"), let x): exponent = x
            case .function("exp", let args) where args.count == 1: exponent = args[0]
            default: break
            }
            if case .negation(let x)? = exponent?.unparenthesized { return x.unparenthesized }
        default: break
        }
        if case .function(_, let args) = step.symbol, args.count == 1, case .symbol(let x) = args[0], x != local {
            return .symbol(x)
        }
        return nil
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

    /// A given number of the step's run (`w6`, `eta`), by its name in the step's formulas.
    func given(_ local: String, of step: DocumentStep) -> Double? {
        step.constants[local] ?? givens[step.prefix ?? ""]?[local]
    }

    /// The names a step's run defines, without its prefix.
    func known(for step: DocumentStep) -> Set<String> { known[step.prefix ?? ""] ?? [] }

    /// A step's formula (or another) evaluated on the learner's numbers, with `overrides` (lesson-wide
    /// names) taking precedence.
    func evaluate(_ formula: Formula, of step: DocumentStep, overrides: [String: Double] = [:]) -> Double? {
        let v = formula.evaluated { local in
            let name = step.qualified(local)
            return overrides[name] ?? value(name) ?? given(local, of: step)
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
        var s = Sources()
        switch verdict.judgement {
        case .consequential(let roots): s.wrong = roots
        case .wrong: s.wrong = [quantity.name]
        // Too few digits to check: what follows from it is not right, only consequential.
        case .tooFewDigits: s.wrong = [quantity.name]
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

    /// The learner's answers that feed `name` directly or through steps they did not write down.
    func answeredInputs(of name: String) -> [String] {
        var seen = Set<String>(), inputs: [String] = [], stack = quantity(name)?.step?.dependencies ?? []
        while let d = stack.popLast() {
            guard seen.insert(d).inserted else { continue }
            if answered.contains(d) { inputs.append(d) } else { stack += quantity(d)?.step?.dependencies ?? [] }
        }
        return inputs.sorted { (index[$0] ?? 0) < (index[$1] ?? 0) }
    }

    /// `target` recomputed after some earlier values change: every unanswered step between them is
    /// recomputed (and passed through `round`, a learner rounding as they go), then `target` itself.
    func propagate(_ overrides: [String: Double], to target: Quantity, round: ((Double) -> Double)? = nil,
                   rewrite: ((DocumentStep, Formula) -> Formula)? = nil) -> Double? {
        guard let step = target.step, let first = target.step?.forms.first else { return nil }
        var local = overrides
        for name in unansweredAncestors(of: target.name) where local[name] == nil {
            guard let q = quantity(name), let s = q.step, let original = s.forms.first else { continue }
            let f = rewrite.map { $0(s, original) } ?? original
            let changed = round != nil || f != original || s.dependencies.contains { local[$0] != nil }
            guard changed, let v = evaluate(f, of: s, overrides: local) else { continue }
            local[name] = round.map { $0(v) } ?? v
        }
        let formula = rewrite.map { $0(step, first) } ?? first
        return evaluate(formula, of: step, overrides: local)
    }
}
