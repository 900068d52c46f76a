import LearnCore

/// The known slips of a step, as rewrites of its formula: each candidate is the formula a learner
/// would have used by mistake. Evaluated on the learner's own numbers, a candidate that gives the
/// learner's wrong answer names the slip.
enum SlipCatalogue {
    struct Candidate {
        var kind: SlipKind
        var detail: String?
        var formula: Formula
    }

    /// Names of a learning rate in the course's derivations.
    static let learningRates: Set<String> = ["eta", "η", "lr"]
    /// Names that are a learning rate only in a formula without one of `learningRates`: the ULB
    /// perceptron's α. Beside η, α is momentum's constant.
    static let otherLearningRates: Set<String> = ["alpha", "α"]

    /// The names that are a learning rate in `formula`.
    static func learningRates(in formula: Formula) -> Set<String> {
        let symbols = Set(formula.symbolNames)
        let rates = symbols.intersection(learningRates)
        return rates.isEmpty ? symbols.intersection(otherLearningRates) : rates
    }

    /// The candidates for `formula`, the formula of the step called `name` (without its run's prefix).
    ///
    /// `known` holds every name the step's run defines (quantities and givens, without the run's
    /// prefix), so that a rewrite only uses names that exist. `activations` maps each activation's
    /// output to its net input (`out_h1` → `net_h1`, `y_1^1` → `s_1^1`, `h_2` → `W_xh·x_2 + W_hh·h_1`),
    /// as `LearnerWorld.activations` finds them; `out_k` with `net_k` is paired by name as well.
    static func candidates(_ formula: Formula, of name: String, known: Set<String>,
                           activations: [String: Formula] = [:]) -> [Candidate] {
        var pairs = activations
        for out in known where out.hasPrefix("out_") && pairs[out] == nil && known.contains("net_" + out.dropFirst(4)) {
            pairs[out] = .symbol("net_" + out.dropFirst(4))
        }
        let rates = learningRates(in: formula)
        var result: [Candidate] = [Candidate(kind: .signFlipped, detail: nil, formula: .negation(.parentheses(formula)))]
        if let net = pairs[name] {
            // The activation never applied: out_o1 written as net_o1.
            result.append(Candidate(kind: .netForOut, detail: "\(net.plainText()) for \(name)", formula: net))
        }
        func add(_ kind: SlipKind, _ detail: String?, _ rewrite: (Formula) -> [Formula]) {
            for f in formula.rewrites(rewrite) { result.append(Candidate(kind: kind, detail: detail, formula: f)) }
        }
        add(.signFlipped, nil) { node in
            switch node {
            case .negation(let a): return [a]
            case .difference(let a, let b): return [.difference(b, a), .sum([a, b])]
            default: return []
            }
        }
        for (kind, rewrite) in updateSlips(rates: rates) { add(kind, nil, rewrite) }
        add(.derivativeOmitted, nil) { node in
            // σ′ as a factor of its own (∂out/∂net, or x·(1 − x) in parentheses), or as two
            // neighbouring factors of a longer product (γ·y·(1 − y)·(d − y)).
            guard case .product(let factors) = node, factors.count > 1 else { return [] }
            let single = factors.indices.filter { isSigmoidDerivative(factors[$0]) }.map { [$0] }
            return (single + sigmoidPairs(factors).map { [$0, $0 + 1] }).compactMap { removed in
                let rest = factors.indices.filter { !removed.contains($0) }.map { factors[$0] }
                return rest.isEmpty ? nil : rest.count == 1 ? rest[0] : .product(rest)
            }
        }
        add(.derivativeOnePlus, nil) { node in
            guard case .product(let factors) = node else { return [] }
            return sigmoidPairs(factors).map { i in
                // Parenthesised as the original is, so that the sign flip of (1 − out) is the same formula.
                let onePlus = Formula.sum([1, factors[i]])
                var copy = factors
                if case .parentheses = factors[i + 1] { copy[i + 1] = .parentheses(onePlus) } else { copy[i + 1] = onePlus }
                return .product(copy)
            }
        }
        for out in pairs.keys.sorted() {
            let net = pairs[out]!
            let wrapped = net.isAtom ? net : .parentheses(net)
            add(.derivativeAtNet, "\(net.plainText()) for \(out)") { node in
                guard case .product(let factors) = node else { return [] }
                return sigmoidPairs(factors).filter { factors[$0].unparenthesized == .symbol(out) }.map { i in
                    var copy = factors
                    copy[i] = wrapped
                    copy[i + 1] = .parentheses(.difference(1, wrapped))
                    return .product(copy)
                }
            }
            add(.netForOut, "\(net.plainText()) for \(out)") { node in node == .symbol(out) ? [wrapped] : [] }
            // Where several outputs share one input (the activation table's x), only the output's own
            // derivative (darctan/dx taken at arctan) is a likely place to put one for the other.
            if case .symbol(let n) = net,
               name == Formula.derivativeKey(out, n) || pairs.values.filter({ $0 == net }).count == 1 {
                add(.outForNet, "\(out) for \(n)") { node in node == .symbol(n) ? [.symbol(out)] : [] }
            }
        }
        result.append(Candidate(kind: .factorTwo, detail: nil, formula: .product([2, .parentheses(formula)])))
        result.append(Candidate(kind: .factorTwo, detail: nil, formula: .quotient(.parentheses(formula), 2)))
        for name in Set(formula.quantityNames + formula.symbolNames).sorted() {
            for other in neighbours(of: name, in: known) {
                add(.neighbour, "\(other) for \(name)") { node in renamed(node, name, other) }
            }
            if known.contains(name + "+") {
                add(.updatedForOriginal, "\(name)+ for \(name)") { node in node == .symbol(name) ? [.symbol(name + "+")] : [] }
            }
            if name.hasSuffix("+"), known.contains(String(name.dropLast())) {
                let original = String(name.dropLast())
                add(.originalForUpdated, "\(original) for \(name)") { node in node == .symbol(name) ? [.symbol(original)] : [] }
            }
        }
        // A bias is a term of a weighted sum, not of an update w + η·…: w0 there is the old weight.
        add(.biasOmitted, nil) { node in
            guard case .sum(let terms) = node, update(node, rates: rates) == nil else { return [] }
            return terms.indices.filter { isBias(terms[$0]) }.map { i in
                var rest = terms
                rest.remove(at: i)
                return rest.count == 1 ? rest[0] : .sum(rest)
            }
        }
        add(.biasTwice, nil) { node in
            guard case .sum(let terms) = node, update(node, rates: rates) == nil else { return [] }
            return terms.filter(isBias).map { .sum(terms + [$0]) }
        }
        // A rewrite two kinds share is named by the particular one: (1 − out) → (1 + out) inside σ′ is
        // "σ′ written out(1 + out)", not a sign flipped.
        let onePlus = result.filter { $0.kind == .derivativeOnePlus }.map(\.formula)
        result.removeAll { $0.kind == .signFlipped && onePlus.contains($0.formula) }
        return result
    }

    /// The slips of an update `w − η·g` (or `w + η·…`), with `rates` the names of η in the formula:
    /// never applied, η left out, η twice, applied twice.
    static func updateSlips(rates: Set<String>) -> [(SlipKind, (Formula) -> [Formula])] {
        func isRate(_ f: Formula) -> Bool {
            if case .symbol(let name) = f.unparenthesized { return rates.contains(name) }
            return false
        }
        return [
            (.updateNotApplied, { node in
                guard let (old, _, _) = update(node, rates: rates) else { return [] }
                return [old]
            }),
            (.learningRateMissing, { node in
                guard case .product(let factors) = node, factors.count > 1,
                      let i = factors.firstIndex(where: isRate) else { return [] }
                var rest = factors
                rest.remove(at: i)
                return [rest.count == 1 ? rest[0] : .product(rest)]
            }),
            (.learningRateTwice, { node in
                if case .product(let factors) = node, let rate = factors.first(where: isRate) {
                    return [.product(factors + [rate])]
                }
                guard let (old, step, subtracts) = update(node, rates: rates) else { return [] }
                let twice = Formula.product([2, step])
                return [subtracts ? .difference(old, twice) : .sum([old, twice])]
            }),
        ]
    }

    /// `w − η·g` as (w, η·g, true); `w + η·g` as (w, η·g, false), with η one of `rates`.
    static func update(_ node: Formula, rates: Set<String>) -> (Formula, Formula, Bool)? {
        func containsRate(_ f: Formula) -> Bool { f.symbolNames.contains(where: rates.contains) }
        switch node {
        case .difference(let old, let step) where containsRate(step): return (old, step, true)
        case .sum(let terms) where terms.count == 2 && containsRate(terms[1]): return (terms[0], terms[1], false)
        default: return nil
        }
    }

    /// `x·(1 − x)` (σ′ written with the output), or `∂out_k/∂net_k`.
    static func isSigmoidDerivative(_ f: Formula) -> Bool {
        if case .product(let factors) = f.unparenthesized, factors.count == 2, sigmoidPairs(factors) == [0] { return true }
        if case .derivative(let y, let x) = f.unparenthesized { return y.hasPrefix("out") && x.hasPrefix("net") }
        return false
    }

    /// The positions `i` where `factors[i]·factors[i + 1]` is `x·(1 − x)`: σ′ written with the output,
    /// alone or inside a longer product such as `γ·y·(1 − y)·(d − y)`.
    static func sigmoidPairs(_ factors: [Formula]) -> [Int] {
        factors.indices.dropLast().filter { i in
            guard case .difference(let one, let x) = factors[i + 1].unparenthesized, one == .number(1) else { return false }
            return x.unparenthesized == factors[i].unparenthesized
        }
    }

    /// A bias term of a weighted sum: `b1`, `b`, `bias`, `b_h1`, or a weight from the constant input
    /// (`w0`, `w_01^1`, `wo_0`, `wh_01`, alone or as `w0·x0`).
    static func isBias(_ f: Formula) -> Bool {
        switch f.unparenthesized {
        case .symbol(let name):
            if name == "b" || name.hasPrefix("bias") || name.hasPrefix("b_") { return true }
            if name.hasPrefix("b") && name.dropFirst().first?.isNumber == true { return true }
            // The weight of x0 = 1: its first index is 0.
            return name.hasPrefix("w") && name.first(where: \.isNumber) == "0"
        case .product(let factors):
            return factors.contains { factor in
                guard case .symbol(let name) = factor else { return false }
                return name.hasPrefix("w") && isBias(factor)
            }
        default:
            return false
        }
    }

    /// Names in `known` that differ from `name` by one index: a neighbouring number (w6 for w5, out_h2
    /// for out_h1) or two digits swapped (w21 for w12).
    static func neighbours(of name: String, in known: Set<String>) -> [String] {
        let characters = Array(name)
        var result: [String] = []
        var i = 0
        while i < characters.count {
            guard characters[i].isNumber else { i += 1; continue }
            var j = i
            while j < characters.count, characters[j].isNumber { j += 1 }
            if let n = Int(String(characters[i..<j])) {
                for m in [n - 1, n + 1] where m >= 0 {
                    result.append(String(characters[..<i]) + String(m) + String(characters[j...]))
                }
                if j - i == 2 {
                    result.append(String(characters[..<i]) + String([characters[i + 1], characters[i]]) + String(characters[j...]))
                }
            }
            i = j
        }
        return result.filter { $0 != name && known.contains($0) }.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// `node` with `name` replaced by `other`, when `node` is that symbol or a derivative that names it.
    static func renamed(_ node: Formula, _ name: String, _ other: String) -> [Formula] {
        switch node {
        case .symbol(name): return [.symbol(other)]
        case .derivative(let y, let x):
            if Formula.derivativeKey(y, x) == name, let slash = other.firstIndex(of: "/"),
               other.hasPrefix("d"), other[other.index(after: slash)...].hasPrefix("d") {
                let y2 = String(other[other.index(after: other.startIndex)..<slash])
                let x2 = String(other[other.index(slash, offsetBy: 2)...])
                return [.derivative(of: y2, withRespectTo: x2)]
            }
            return []
        default: return []
        }
    }
}

extension Formula {
    /// The plain symbols it uses (not derivatives).
    var symbolNames: [String] {
        var names: [String] = []
        _ = rewrites { node in
            if case .symbol(let name) = node { names.append(name) }
            return []
        }
        return names
    }

    /// Whether it needs no parentheses as an operand: a symbol, number, derivative or function, or
    /// already parenthesised.
    var isAtom: Bool {
        switch self {
        case .symbol, .number, .derivative, .function, .parentheses: return true
        default: return false
        }
    }
}
