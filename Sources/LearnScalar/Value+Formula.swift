import LearnCore

extension Value {
    /// This value's formula in symbols: its operation applied to its operands, where a named operand
    /// shows as its name and an unnamed one as its own formula (`w1·i1 + w2·i2 + b1`).
    public var formula: Formula { expression(substituted: false) }

    /// The same formula with every operand's number in place of its name (`0.15·0.05 + 0.2·0.1 + 0.35`).
    public var substitutedFormula: Formula { expression(substituted: true) }

    /// How this value appears inside another value's formula.
    func operand(substituted: Bool) -> Formula {
        if let name {
            return substituted ? .number(data) : .symbol(name)
        }
        if case .leaf = op { return .number(data) }
        return expression(substituted: substituted)
    }

    func expression(substituted: Bool) -> Formula {
        let args = parents.map { $0.operand(substituted: substituted) }
        switch op {
        case .leaf:
            return name.map { substituted ? .number(data) : .symbol($0) } ?? .number(data)
        case .add, .sum: return .sum(args.flatMap(Value.terms))
        case .subtract: return .difference(args[0], args[1])
        case .multiply: return .product(args.flatMap(Value.factors))
        case .divide: return .quotient(args[0], args[1])
        case .negate: return .negation(args[0])
        case .power(let p): return .power(args[0], .number(p))
        case .exp: return .power(.symbol("e"), args[0])
        case .log: return .function("ln", args)
        case .sigmoid(let gain):
            let exponent: Formula = gain == 1 ? .negation(args[0]) : .negation(.product([.number(gain), args[0]]))
            return .quotient(1, .sum([1, .power(.symbol("e"), exponent)]))
        case .tanh: return .function("tanh", args)
        case .relu: return .function("ReLU", args)
        case .step: return .function("step", args)
        case .sign: return .function("sign", args)
        }
    }

    private static func terms(_ f: Formula) -> [Formula] {
        if case .sum(let inner) = f { return inner }
        return [f]
    }

    private static func factors(_ f: Formula) -> [Formula] {
        if case .product(let inner) = f { return inner }
        return [f]
    }
}
