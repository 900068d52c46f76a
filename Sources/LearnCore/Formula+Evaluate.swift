import Foundation

extension Formula {
    /// The formula's value, with symbols (and derivatives, under `derivativeKey`) looked up in `values`;
    /// `nil` when a symbol is unknown or the formula holds verbatim text.
    ///
    /// Derivations use this to check that the formula they show really gives the value they show.
    public func evaluated(_ values: (String) -> Double?) -> Double? {
        switch self {
        case .symbol(let name): return values(name) ?? (name == "e" ? M_E : nil)
        case .number(let x): return x
        case .derivative(let y, let x): return values(Formula.derivativeKey(y, x))
        case .sum(let terms):
            var total = 0.0
            for t in terms { guard let v = t.evaluated(values) else { return nil }; total += v }
            return total
        case .product(let factors):
            var total = 1.0
            for f in factors { guard let v = f.evaluated(values) else { return nil }; total *= v }
            return total
        case .difference(let a, let b):
            guard let x = a.evaluated(values), let y = b.evaluated(values) else { return nil }
            return x - y
        case .quotient(let a, let b):
            guard let x = a.evaluated(values), let y = b.evaluated(values) else { return nil }
            return x / y
        case .power(let a, let b):
            guard let x = a.evaluated(values), let y = b.evaluated(values) else { return nil }
            return pow(x, y)
        case .negation(let a): return a.evaluated(values).map { -$0 }
        case .parentheses(let a): return a.evaluated(values)
        case .function(let name, let args):
            let xs = args.compactMap { $0.evaluated(values) }
            guard xs.count == args.count, let x = xs.first else { return nil }
            switch name {
            case "exp": return exp(x)
            case "ln", "log": return log(x)
            case "tanh": return tanh(x)
            case "ReLU": return max(0, x)
            case "step": return x >= 0 ? 1 : 0
            case "sign": return x >= 0 ? 1 : -1
            case "σ": return 1 / (1 + exp(-x))
            case "max": return xs.max()
            case "min": return xs.min()
            case "√", "sqrt": return sqrt(x)
            case "|·|", "abs": return abs(x)
            default: return nil
            }
        case .text: return nil
        }
    }
}
