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
    static let learningRates: Set<String> = ["eta", "η", "alpha", "α", "lr"]

    /// The candidates for `formula`, the formula of the step called `name` (without its run's prefix); `known` holds every name the step's run defines
    /// (quantities and givens, without the run's prefix), so that a rewrite only uses names that exist.
    static func candidates(_ formula: Formula, of name: String, known: Set<String>) -> [Candidate] {
        var result: [Candidate] = [Candidate(kind: .signFlipped, detail: nil, formula: .negation(.parentheses(formula)))]
        if name.hasPrefix("out_"), known.contains("net_" + name.dropFirst(4)) {
            // The activation never applied: out_o1 written as net_o1.
            result.append(Candidate(kind: .netForOut, detail: "net_\(name.dropFirst(4)) for \(name)",
                                    formula: .symbol("net_" + name.dropFirst(4))))
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
        for (kind, rewrite) in updateSlips { add(kind, nil, rewrite) }
        add(.derivativeOmitted, nil) { node in
            guard case .product(let factors) = node, factors.count > 1 else { return [] }
            return factors.indices.filter { isSigmoidDerivative(factors[$0]) }.map { i in
                var rest = factors
                rest.remove(at: i)
                return rest.count == 1 ? rest[0] : .product(rest)
            }
        }
        add(.derivativeOnePlus, nil) { node in
            guard let x = sigmoidDerivativeArgument(node) else { return [] }
            return [.product([x, .parentheses(.sum([1, x]))])]
        }
        for name in known.sorted() where name.hasPrefix("out_") {
            let net = "net_" + name.dropFirst(4)
            guard known.contains(net) else { continue }
            add(.derivativeAtNet, "\(net) for \(name)") { node in
                guard case .symbol(name)? = sigmoidDerivativeArgument(node) else { return [] }
                return [.product([.symbol(net), .parentheses(.difference(1, .symbol(net)))])]
            }
            add(.netForOut, "\(net) for \(name)") { node in node == .symbol(name) ? [.symbol(net)] : [] }
            add(.outForNet, "\(name) for \(net)") { node in node == .symbol(net) ? [.symbol(name)] : [] }
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
        add(.biasOmitted, nil) { node in
            guard case .sum(let terms) = node else { return [] }
            return terms.indices.filter { isBias(terms[$0]) }.map { i in
                var rest = terms
                rest.remove(at: i)
                return rest.count == 1 ? rest[0] : .sum(rest)
            }
        }
        add(.biasTwice, nil) { node in
            guard case .sum(let terms) = node else { return [] }
            return terms.filter(isBias).map { .sum(terms + [$0]) }
        }
        return result
    }

    /// The slips of an update `w − η·g` (or `w + η·…`): never applied, η left out, η twice, applied twice.
    static let updateSlips: [(SlipKind, @Sendable (Formula) -> [Formula])] = [
        (.updateNotApplied, { node in
            guard let (old, _, _) = update(node) else { return [] }
            return [old]
        }),
        (.learningRateMissing, { node in
            guard case .product(let factors) = node, factors.count > 1,
                  let i = factors.firstIndex(where: isLearningRate) else { return [] }
            var rest = factors
            rest.remove(at: i)
            return [rest.count == 1 ? rest[0] : .product(rest)]
        }),
        (.learningRateTwice, { node in
            if case .product(let factors) = node, let rate = factors.first(where: isLearningRate) {
                return [.product(factors + [rate])]
            }
            guard let (old, step, subtracts) = update(node) else { return [] }
            let twice = Formula.product([2, step])
            return [subtracts ? .difference(old, twice) : .sum([old, twice])]
        }),
    ]

    /// `w − η·g` as (w, η·g, true); `w + η·g` as (w, η·g, false).
    static func update(_ node: Formula) -> (Formula, Formula, Bool)? {
        switch node {
        case .difference(let old, let step) where containsLearningRate(step): return (old, step, true)
        case .sum(let terms) where terms.count == 2 && containsLearningRate(terms[1]): return (terms[0], terms[1], false)
        default: return nil
        }
    }

    static func isLearningRate(_ f: Formula) -> Bool {
        if case .symbol(let name) = f.unparenthesized { return learningRates.contains(name) }
        return false
    }

    static func containsLearningRate(_ f: Formula) -> Bool {
        f.symbolNames.contains(where: learningRates.contains)
    }

    /// `x·(1 − x)` (σ′ written with the output), or `∂out_k/∂net_k`.
    static func isSigmoidDerivative(_ f: Formula) -> Bool {
        if sigmoidDerivativeArgument(f) != nil { return true }
        if case .derivative(let y, let x) = f.unparenthesized { return y.hasPrefix("out") && x.hasPrefix("net") }
        return false
    }

    /// The `x` of `x·(1 − x)`.
    static func sigmoidDerivativeArgument(_ f: Formula) -> Formula? {
        guard case .product(let factors) = f.unparenthesized, factors.count == 2,
              case .difference(let one, let x) = factors[1].unparenthesized, one == .number(1),
              x.unparenthesized == factors[0].unparenthesized else { return nil }
        return factors[0]
    }

    /// A bias term of a weighted sum: `b1`, `b`, `bias`, `b_h1`.
    static func isBias(_ f: Formula) -> Bool {
        guard case .symbol(let name) = f.unparenthesized else { return false }
        if name == "b" || name.hasPrefix("bias") || name.hasPrefix("b_") { return true }
        return name.hasPrefix("b") && name.dropFirst().first?.isNumber == true
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
}
