extension Formula {
    /// Every formula made from this one by replacing exactly one of its parts.
    ///
    /// `alternatives` is asked about every part (the whole formula first, then its operands, depth
    /// first) and returns what that part could be replaced by; each answer gives one rewritten formula.
    /// `learn verify` rewrites a step's formula this way to reproduce a learner's slip (a flipped sign,
    /// a neighbouring weight, a term left out).
    public func rewrites(_ alternatives: (Formula) -> [Formula]) -> [Formula] {
        var result = alternatives(self)
        func each(_ items: [Formula], _ rebuild: ([Formula]) -> Formula) {
            for (i, item) in items.enumerated() {
                for r in item.rewrites(alternatives) {
                    var copy = items
                    copy[i] = r
                    result.append(rebuild(copy))
                }
            }
        }
        switch self {
        case .symbol, .number, .derivative, .text: break
        case .sum(let terms): each(terms) { .sum($0) }
        case .product(let factors): each(factors) { .product($0) }
        case .function(let name, let args): each(args) { .function(name, $0) }
        case .difference(let a, let b): each([a, b]) { .difference($0[0], $0[1]) }
        case .quotient(let a, let b): each([a, b]) { .quotient($0[0], $0[1]) }
        case .power(let a, let b): each([a, b]) { .power($0[0], $0[1]) }
        case .negation(let a): each([a]) { .negation($0[0]) }
        case .parentheses(let a): each([a]) { .parentheses($0[0]) }
        }
        return result
    }

    /// The formula without the parentheses around it.
    public var unparenthesized: Formula {
        if case .parentheses(let inner) = self { return inner.unparenthesized }
        return self
    }
}
