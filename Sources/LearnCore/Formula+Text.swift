extension Formula {
    /// The formula as plain Unicode text, as the slides write it in prose: `w1·i1 + w2·i2 + b1`.
    public func plainText(_ format: NumberFormat = NumberFormat()) -> String {
        FormulaWriter(format: format, latex: false).write(self)
    }

    /// The formula as LaTeX, for `$…$` in Markdown: `w_{1} \cdot i_{1} + w_{2} \cdot i_{2} + b_{1}`.
    public func latex(_ format: NumberFormat = NumberFormat()) -> String {
        FormulaWriter(format: format, latex: true).write(self)
    }
}

/// Writes a `Formula` as plain text or LaTeX with the fewest parentheses that keep its meaning.
struct FormulaWriter {
    let format: NumberFormat
    let latex: Bool

    func write(_ f: Formula) -> String {
        switch f {
        case .symbol(let name):
            return latex ? Symbol.latex(name) : name
        case .number(let x):
            let text = format.string(x)
            // 3.51018778e-5 → 3.51018778 \times 10^{-5} in LaTeX.
            if latex, let e = text.firstIndex(of: "e"), text != "inf", text != "-inf" {
                return "\(text[..<e]) \\times 10^{\(text[text.index(after: e)...])}"
            }
            return text
        case .sum(let terms):
            var out = ""
            for (i, term) in terms.enumerated() {
                if i == 0 { out = write(term, above: 1); continue }
                // a + (−b) reads as a − b.
                if case .negation(let inner) = term { out += " - " + write(inner, above: 2); continue }
                if case .number(let x) = term, x < 0 { out += " - " + format.string(-x); continue }
                out += " + " + write(term, above: 1)
            }
            return out
        case .difference(let a, let b):
            return write(a, above: 1) + " - " + write(b, above: 2)
        case .product(let factors):
            let dot = latex ? " \\cdot " : "·"
            return factors.map { write($0, above: 2) }.joined(separator: dot)
        case .quotient(let a, let b):
            if latex { return "\\frac{\(write(a))}{\(write(b))}" }
            return write(a, above: 2) + "/" + write(b, above: 3)
        case .power(let base, let exponent):
            let b = write(base, above: 5)
            if latex { return "\(b)^{\(write(exponent))}" }
            let e = write(exponent)
            let simple = e.allSatisfy { $0.isLetter || $0.isNumber }
            return simple ? "\(b)^\(e)" : "\(b)^(\(e))"
        case .negation(let a):
            return "-" + write(a, above: 2)
        case .function(let name, let args):
            let fn = latex ? Symbol.latexFunction(name) : name
            let inner = args.map { write($0) }.joined(separator: ", ")
            return latex ? "\(fn)\\left(\(inner)\\right)" : "\(fn)(\(inner))"
        case .derivative(let y, let x):
            if latex { return "\\frac{\\partial \(Symbol.latex(y))}{\\partial \(Symbol.latex(x))}" }
            return "∂\(y)/∂\(x)"
        case .parentheses(let a):
            return latex ? "\\left(\(write(a))\\right)" : "(\(write(a)))"
        case .text(let plain, let tex):
            return latex ? tex : plain
        }
    }

    /// Writes `f`, in parentheses when it binds less tightly than `precedence`.
    private func write(_ f: Formula, above precedence: Int) -> String {
        let text = write(f)
        guard f.precedence < precedence else { return text }
        return latex ? "\\left(\(text)\\right)" : "(\(text))"
    }
}
