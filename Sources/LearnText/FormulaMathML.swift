import LearnCore

/// Writes the program's formulas (`Formula`) as MathML, straight from their structure: no LaTeX text
/// in between.
///
/// - A symbol is split by `Symbol.parts`: `net_h1` is `<msub><mi>net</mi><mrow><mi>h</mi><mn>1</mn></mrow></msub>`
///   (a base of several letters is one upright `mi`), `E_total` has the upright subscript `total`,
///   `w5+` is w with subscript 5 and superscript +, `y_hat` is y with a hat, `eta` is η.
/// - `∂E_total/∂w5` is a fraction of ∂-prefixed symbols; `a / b` a fraction; `a · b` uses the dot
///   operator ⋅; a minus is U+2212.
/// - Parentheses only where precedence needs them (as `Formula.latex` places them), fences stretch.
/// - Numbers are printed with `format`: `3.51018778e-5` becomes 3.51018778 × 10⁻⁵ with a real
///   superscript. A number that is not finite is never written as `nan` or `inf`: it is ∞ or
///   "undefined".
struct FormulaMathML {
    let format: NumberFormat

    func node(_ f: Formula) -> MathNode {
        switch f {
        case .symbol(let name):
            return symbol(name)
        case .number(let x):
            return number(x)
        case .sum(let terms):
            var out: [MathNode] = []
            for (i, term) in terms.enumerated() {
                if i == 0 { out.append(operand(term, above: 1)); continue }
                if case .negation(let inner) = term {
                    out += [.mo("−"), operand(inner, above: 2)]
                } else if case .number(let x) = term, x < 0 {
                    out += [.mo("−"), number(-x)]
                } else {
                    out += [.mo("+"), operand(term, above: 1)]
                }
            }
            return .row(out)
        case .difference(let a, let b):
            return .row([operand(a, above: 1), .mo("−"), operand(b, above: 2)])
        case .product(let factors):
            var out: [MathNode] = []
            for (i, factor) in factors.enumerated() {
                if i > 0 { out.append(.mo("⋅")) }
                out.append(operand(factor, above: 2))
            }
            return .row(out)
        case .quotient(let a, let b):
            return .fraction(node(a), node(b))
        case .power(let base, let exponent):
            return .scripts(operand(base, above: 5), sub: nil, sup: node(exponent))
        case .negation(let a):
            return .row([.mo("−"), operand(a, above: 2)])
        case .function(let name, let args):
            var inner: [MathNode] = []
            for (i, arg) in args.enumerated() {
                if i > 0 { inner.append(.mo(",")) }
                inner.append(node(arg))
            }
            return .row([function(name), .mo("\u{2061}"), .fenced("(", inner, ")")])
        case .derivative(let y, let x):
            return .fraction(.row([.mi("∂"), symbol(y)]), .row([.mi("∂"), symbol(x)]))
        case .parentheses(let a):
            return .fenced("(", [node(a)], ")")
        case .text(_, let latex):
            return LaTeXMathML.node(latex)
        }
    }

    /// `f`, in parentheses when it binds less tightly than `precedence`.
    private func operand(_ f: Formula, above precedence: Int) -> MathNode {
        let inner = node(f)
        return f.bindingStrength < precedence ? .fenced("(", [inner], ")") : inner
    }

    /// A function's name: `σ`, `S` italic; `tanh`, `ReLU` upright.
    func function(_ name: String) -> MathNode { .mi(name) }

    /// A symbol name typeset from its parts.
    func symbol(_ name: String) -> MathNode {
        if let special = Symbol.specialForm(name) { return LaTeXMathML.node(special.latex) }
        let p = Symbol.parts(name)
        let capitalGreek = p.isGreek && p.base.first?.isUppercase == true
        var base: MathNode = .mi(p.base.isEmpty ? name : p.base, upright: capitalGreek)
        switch p.accent {
        case .hat?: base = .accent(base, "^")
        case .tilde?: base = .accent(base, "~")
        case nil: break
        }
        var sub: MathNode?
        if !p.subscript.isEmpty {
            sub = p.subscriptIsWord || p.subscript.contains("_") ? .mi(p.subscript, upright: true) : Self.tokens(p.subscript)
        }
        if sub == nil, !p.superscript.isEmpty, p.superscript.allSatisfy({ $0 == "′" }) {
            // A prime beside its base keeps its size (U+2032 is drawn raised already).
            return .row([base, .mo(p.superscript, [("lspace", "0"), ("rspace", "0")])])
        }
        let sup = p.superscript.isEmpty ? nil : Self.tokens(p.superscript)
        return .scripts(base, sub: sub, sup: sup)
    }

    /// A short index such as `h1`, `t-1`, `+`: letters italic one by one, digit runs as numbers, the rest
    /// as operators.
    static func tokens(_ text: String) -> MathNode {
        var out: [MathNode] = []
        var digits = ""
        func flush() { if !digits.isEmpty { out.append(.mn(digits)); digits = "" } }
        for c in text {
            if c.isNumber || (c == "." && !digits.isEmpty) { digits.append(c); continue }
            flush()
            if c.isLetter { out.append(.mi(String(c))) } else { out.append(.mo(c == "-" ? "−" : String(c))) }
        }
        flush()
        return .row(out)
    }

    /// A number as the document prints it; scientific notation as a power of ten.
    func number(_ x: Double) -> MathNode {
        if x.isNaN { return .mtext("undefined") }
        if x.isInfinite { return x < 0 ? .row([.mo("−"), .mi("∞")]) : .mi("∞") }
        let text = format.string(abs(x))
        var magnitude: MathNode = .mn(text)
        if let e = text.firstIndex(of: "e") {
            let exponent = String(text[text.index(after: e)...])
            let power: MathNode = exponent.hasPrefix("-") ? .row([.mo("−"), .mn(String(exponent.dropFirst()))]) : .mn(exponent)
            magnitude = .row([.mn(String(text[..<e])), .mo("×"), .scripts(.mn("10"), sub: nil, sup: power)])
        }
        return x < 0 ? .row([.mo("−"), magnitude]) : magnitude
    }

    /// ∂E/∂w, for the key of a network drawing.
    static let gradientSymbol: MathNode = .fraction(.row([.mi("∂"), .mi("E")]), .row([.mi("∂"), .mi("w")]))

    /// A trace step's equation, `symbol = form = … = value`, as one row.
    func equation(_ symbol: Formula, _ sides: [MathNode]) -> MathNode {
        var out = [node(symbol)]
        for side in sides { out += [.mo("="), side] }
        return .row(out)
    }
}

extension MathNode {
    /// A long row split before its top-level `+` and `−` (or else `⋅`) operators into pieces no wider
    /// than `width` (each piece after the first starts with its operator). A row that has no such
    /// operator, or is narrow enough, is one piece.
    func brokenLines(width limit: Double) -> [MathNode] {
        guard width > limit, name == "mrow", text == nil else { return [self] }
        for breakable in [["+", "−"], ["⋅", "×"]] {
            let positions = children.indices.filter { i in
                i > 0 && children[i].name == "mo" && breakable.contains(children[i].text ?? "")
            }
            guard !positions.isEmpty else { continue }
            var segments: [[MathNode]] = [[]]
            for (i, child) in children.enumerated() {
                if positions.contains(i) { segments.append([]) }
                segments[segments.count - 1].append(child)
            }
            var lines: [[MathNode]] = []
            var line: [MathNode] = [], used = 0.0
            for segment in segments {
                let w = segment.reduce(0) { $0 + $1.width }
                if !line.isEmpty && used + w > limit {
                    lines.append(line)
                    line = []
                    used = 0
                }
                line += segment
                used += w
            }
            if !line.isEmpty { lines.append(line) }
            // A line that starts with its operator: the operator keeps its spacing as a binary one.
            for k in lines.indices.dropFirst() where lines[k].first?.name == "mo" {
                lines[k][0].attributes.append(Attribute(name: "form", value: "infix"))
            }
            return lines.map { MathNode.row($0) }
        }
        return [self]
    }
}
