/// A formula in the course's notation: the symbolic or substituted right-hand side of a trace step.
///
/// Formulas are data. `plainText` writes them the way the slides do in running text
/// (`w1·i1 + w2·i2 + b1`); `latex` writes LaTeX (`w_{1} \cdot i_{1} + …`) for Markdown and for the
/// terminal's Unicode math. Symbols are names such as `w5`, `net_h1`, `out_o1`, `E_total`, `δ_o1`,
/// `w5+` (an updated weight); see `Symbol` for how a name becomes a subscripted symbol.
public indirect enum Formula: Sendable, Equatable {
    /// A named quantity, such as `w5` or `net_h1`.
    case symbol(String)
    /// A number, printed with the trace's `NumberFormat`.
    case number(Double)
    /// `a + b + c`.
    case sum([Formula])
    /// `a − b`.
    case difference(Formula, Formula)
    /// `a · b · c`.
    case product([Formula])
    /// `a / b` (a fraction in LaTeX).
    case quotient(Formula, Formula)
    /// `a^b`.
    case power(Formula, Formula)
    /// `−a`.
    case negation(Formula)
    /// `f(a)`, for named functions such as `tanh`, `ReLU`, `sign`, `ln`, `S`.
    case function(String, [Formula])
    /// `∂y/∂x` for the symbols `y` and `x`.
    case derivative(of: String, withRespectTo: String)
    /// An explicit pair of parentheses.
    case parentheses(Formula)
    /// Verbatim text (plain) with its LaTeX form, for notation the cases above do not cover.
    case text(plain: String, latex: String)
}

extension Formula {
    /// Binding strength, for deciding where parentheses are needed.
    var precedence: Int {
        switch self {
        case .sum, .difference: return 1
        case .product, .quotient: return 2
        case .negation: return 3
        case .power: return 4
        case .number(let x): return x < 0 ? 1 : 5
        case .symbol, .function, .derivative, .parentheses, .text: return 5
        }
    }

    /// The name under which a trace records ∂y/∂x: `dE_total/dw5`.
    public static func derivativeKey(_ y: String, _ x: String) -> String { "d\(y)/d\(x)" }

    /// Replaces every symbol that `values` names by its number.
    public func substituting(_ values: (String) -> Double?) -> Formula {
        replacingLeaves { leaf in
            switch leaf {
            case .symbol(let name): return values(name).map(Formula.number)
            case .derivative(let y, let x): return values(Formula.derivativeKey(y, x)).map(Formula.number)
            default: return nil
            }
        }
    }

    /// Renames every symbol that `rename` gives a new name for (`w5` → `w5+`); the rest stay.
    public func renamingSymbols(_ rename: (String) -> String?) -> Formula {
        replacingLeaves { leaf in
            guard case .symbol(let name) = leaf else { return nil }
            return rename(name).map(Formula.symbol)
        }
    }

    /// Replaces every number by `transform` of it (e.g. the number as a format prints it).
    public func mappingNumbers(_ transform: (Double) -> Double) -> Formula {
        replacingLeaves { leaf in
            guard case .number(let x) = leaf else { return nil }
            return .number(transform(x))
        }
    }

    /// Whether any number in the formula satisfies `predicate` (e.g. is not finite).
    public func containsNumber(where predicate: (Double) -> Bool) -> Bool {
        switch self {
        case .number(let x): return predicate(x)
        case .symbol, .derivative, .text: return false
        case .sum(let items), .product(let items), .function(_, let items): return items.contains { $0.containsNumber(where: predicate) }
        case .difference(let a, let b), .quotient(let a, let b), .power(let a, let b):
            return a.containsNumber(where: predicate) || b.containsNumber(where: predicate)
        case .negation(let a), .parentheses(let a): return a.containsNumber(where: predicate)
        }
    }

    /// The formula with each leaf (symbol, number, derivative, text) replaced by what `replacement`
    /// gives for it, or kept when it gives nil; the structure stays as it is.
    public func replacingLeaves(_ replacement: (Formula) -> Formula?) -> Formula {
        switch self {
        case .symbol, .number, .derivative, .text: return replacement(self) ?? self
        case .sum(let terms): return .sum(terms.map { $0.replacingLeaves(replacement) })
        case .product(let factors): return .product(factors.map { $0.replacingLeaves(replacement) })
        case .difference(let a, let b): return .difference(a.replacingLeaves(replacement), b.replacingLeaves(replacement))
        case .quotient(let a, let b): return .quotient(a.replacingLeaves(replacement), b.replacingLeaves(replacement))
        case .power(let a, let b): return .power(a.replacingLeaves(replacement), b.replacingLeaves(replacement))
        case .negation(let a): return .negation(a.replacingLeaves(replacement))
        case .function(let f, let args): return .function(f, args.map { $0.replacingLeaves(replacement) })
        case .parentheses(let a): return .parentheses(a.replacingLeaves(replacement))
        }
    }
}

extension Formula: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .symbol(value) }
}

extension Formula {
    /// The quantity names the formula refers to, in order of first appearance: its symbols, and
    /// `dE_total/dw5` for a derivative ∂E_total/∂w5.
    public var quantityNames: [String] {
        var names: [String] = [], seen = Set<String>()
        func visit(_ f: Formula) {
            switch f {
            case .symbol(let name): if seen.insert(name).inserted { names.append(name) }
            case .derivative(let y, let x):
                let key = Formula.derivativeKey(y, x)
                if seen.insert(key).inserted { names.append(key) }
            case .number, .text: break
            case .sum(let terms), .product(let terms): terms.forEach(visit)
            case .function(_, let args): args.forEach(visit)
            case .difference(let a, let b), .quotient(let a, let b), .power(let a, let b): visit(a); visit(b)
            case .negation(let a), .parentheses(let a): visit(a)
            }
        }
        visit(self)
        return names
    }
}
