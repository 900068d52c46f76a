import LearnCore

/// A formula written for a terminal, as pieces that a line may break between.
///
/// `w1·i1 + w2·i2 + b1` becomes the atoms `w₁`, `i₁`, … joined by operators; an operator is a place to
/// break (the operator then starts the next line), with a level: `=` breaks first (level 0), then `+`
/// and `−` (1), then `·` (2), each level inside a pair of parentheses three deeper; then `/`, then
/// the commas between a function's arguments; the words of a remark written into a formula break last
/// of all. Names and numbers are atoms: a line never breaks
/// inside one.
///
/// With `unicode` the symbols have Unicode sub- and superscripts and Greek letters (`outₕ₁`, `w₅⁺`,
/// `∂Eₜₒₜₐₗ/∂w₅`, `3.51×10⁻⁵`); without it, everything is ASCII and names are written as a learner
/// types them (`out_h1`, `w5+`, `dE_total/dw5`, `eta`, `3.51e-5`).
public struct FormulaText: Sendable {
    /// A piece of a written formula.
    public enum Piece: Sendable, Equatable {
        /// Text that is never broken.
        case atom(String)
        /// An operator: `flat` on one line (` + `), `broken` starting a continuation line (`+ `).
        case op(level: Int, flat: String, broken: String)
    }

    public let format: NumberFormat
    public let unicode: Bool

    public init(format: NumberFormat = NumberFormat(), unicode: Bool = true) {
        self.format = format
        self.unicode = unicode
    }

    /// The formula on one line.
    public func string(_ f: Formula) -> String { Self.flat(pieces(f)) }

    /// Pieces as one line.
    public static func flat(_ pieces: [Piece]) -> String {
        pieces.map { if case .atom(let t) = $0 { return t } else if case .op(_, let flat, _) = $0 { return flat } else { return "" } }.joined()
    }

    /// A step `symbol = form = … = value` as pieces, `=` at level 0.
    public func step(symbol: Formula, forms: [Formula], value: Double) -> [Piece] {
        step(symbol: symbol, forms: forms, result: .number(value))
    }

    /// The pieces of a step whose right-most side is `result` (a number, or a word such as "undefined");
    /// each form printed with its own format when `formats` gives one (``DocumentStep/printedForms(_:)``).
    public func step(symbol: Formula, forms: [Formula], result: Formula, formats: [NumberFormat]? = nil) -> [Piece] {
        var out = pieces(symbol)
        for (i, f) in (forms + [result]).enumerated() {
            out.append(.op(level: 0, flat: " = ", broken: "= "))
            if let formats, i < formats.count, formats[i] != format {
                out += FormulaText(format: formats[i], unicode: unicode).pieces(f)
            } else {
                out += pieces(f)
            }
        }
        return out
    }

    /// The pieces of `f`, its operators `depth` pairs of parentheses deep.
    public func pieces(_ f: Formula, depth: Int = 0) -> [Piece] {
        let level = 3 * depth
        switch f {
        case .symbol(let name):
            return [.atom(symbol(name))]
        case .number(let x):
            return [.atom(number(x))]
        case .sum(let terms):
            var out: [Piece] = []
            for (i, term) in terms.enumerated() {
                if i == 0 { out += operand(term, above: 1, depth: depth); continue }
                if case .negation(let inner) = term {
                    out.append(minus(level + 1)); out += operand(inner, above: 2, depth: depth); continue
                }
                if case .number(let x) = term, x < 0 { out.append(minus(level + 1)); out.append(.atom(number(-x))); continue }
                out.append(.op(level: level + 1, flat: " + ", broken: "+ "))
                out += operand(term, above: 1, depth: depth)
            }
            return out
        case .difference(let a, let b):
            return operand(a, above: 1, depth: depth) + [minus(level + 1)] + operand(b, above: 2, depth: depth)
        case .product(let factors):
            let dot = unicode ? "·" : "*"
            var out: [Piece] = []
            for (i, factor) in factors.enumerated() {
                if i > 0 { out.append(.op(level: level + 2, flat: " \(dot) ", broken: "\(dot) ")) }
                out += operand(factor, above: 2, depth: depth)
            }
            return out
        case .quotient(let a, let b):
            // a/b: the slash breaks only as a last resort, after every `=`, `+`, `−` and `·` inside
            // it (a quotient of two long numbers on a narrow terminal); the slash then starts the line.
            return operand(a, above: 2, depth: depth) + [.op(level: 95 + level, flat: "/", broken: "/")] + operand(b, above: 3, depth: depth)
        case .power(let base, let exponent):
            // The exponent is glued to its base, which may itself break inside its parentheses.
            let b = operand(base, above: 5, depth: depth)
            let e = Self.flat(pieces(exponent, depth: depth + 1))
            if unicode, let raised = Self.superscript(e) { return Self.glued(b, raised, []) }
            let simple = e.allSatisfy { $0.isLetter || $0.isNumber }
            return Self.glued(b, simple ? "^\(e)" : "^(\(e))", [])
        case .negation(let a):
            let inner = operand(a, above: 2, depth: depth)
            guard case .atom(let first)? = inner.first else { return [.atom("-")] + inner }
            return [.atom("-" + first)] + inner.dropFirst()
        case .function(let name, let args):
            var out: [Piece] = [.atom(function(name) + "(")]
            // Arguments may go to the next line after their comma, after every operator has had its turn.
            for (i, arg) in args.enumerated() {
                if i > 0 { out = Self.glued(out, ",", []) + [.op(level: 99 + level, flat: " ", broken: "")] }
                out += pieces(arg, depth: depth + 1)
            }
            return Self.closing(out, ")")
        case .derivative(let y, let x):
            let d = unicode ? "∂" : "d"
            return [.atom("\(d)\(symbol(y))/\(d)\(symbol(x))")]
        case .parentheses(let a):
            return Self.closing([.atom("(")] + pieces(a, depth: depth + 1), ")")
        case .text(let plain, _):
            // Words of text (a remark inside a formula) may go to the next line, as a last resort.
            let words = (unicode ? plain : ASCIIText.transliterated(plain)).split(separator: " ").map(String.init)
            var out: [Piece] = []
            for (i, word) in words.enumerated() {
                if i > 0 { out.append(.op(level: 100 + level, flat: " ", broken: "")) }
                out.append(.atom(word))
            }
            return out.isEmpty ? [.atom("")] : out
        }
    }

    private func minus(_ level: Int) -> Piece { .op(level: level, flat: " - ", broken: "- ") }

    /// `f`, in parentheses when it binds less tightly than `precedence`.
    private func operand(_ f: Formula, above precedence: Int, depth: Int) -> [Piece] {
        guard f.bindingStrength < precedence else { return pieces(f, depth: depth) }
        return Self.closing([.atom("(")] + pieces(f, depth: depth + 1), ")")
    }

    /// `a`, `joint` and `b` with no break between them.
    static func glued(_ a: [Piece], _ joint: String, _ b: [Piece]) -> [Piece] {
        var out = a
        if case .atom(let t)? = out.last { out[out.count - 1] = .atom(t + joint) } else { out.append(.atom(joint)) }
        if case .atom(let t)? = b.first, case .atom(let u)? = out.last {
            out[out.count - 1] = .atom(u + t)
            out += b.dropFirst()
        } else {
            out += b
        }
        return out
    }

    /// Pieces with `close` glued to the last atom and the first atom glued to an opening bracket.
    static func closing(_ pieces: [Piece], _ close: String) -> [Piece] {
        var out: [Piece] = []
        for p in pieces {
            if case .atom(let t) = p, case .atom(let open)? = out.last, open.hasSuffix("(") {
                out[out.count - 1] = .atom(open + t)
            } else {
                out.append(p)
            }
        }
        if case .atom(let t)? = out.last { out[out.count - 1] = .atom(t + close) } else { out.append(.atom(close)) }
        return out
    }

    /// A symbol name typeset: `outₕ₁`, `w₅⁺`, `η`, `ŷ` (or, in ASCII, as typed: `out_h1`, `eta`).
    public func symbol(_ name: String) -> String {
        guard unicode else { return ASCIIText.transliterated(name) }
        if let special = Symbol.specialForm(name) { return special.unicode }
        let p = Symbol.parts(name)
        var out = p.base
        switch p.accent {
        case .hat?: out = String(out.prefix(1)) + "\u{0302}" + out.dropFirst()
        case .tilde?: out = String(out.prefix(1)) + "\u{0303}" + out.dropFirst()
        case nil: break
        }
        if !p.subscript.isEmpty { out += Self.subscriptText(p.subscript) ?? "_" + p.subscript }
        if !p.superscript.isEmpty {
            out += Self.superscript(p.superscript) ?? (p.superscript.count == 1 ? "^" + p.superscript : "^(\(p.superscript))")
        }
        return out
    }

    /// A function's name: `σ`, `tanh`, `ReLU`.
    func function(_ name: String) -> String { unicode ? name : ASCIIText.transliterated(name) }

    /// A number: `0.3775`, `3.51018778×10⁻⁵` (ASCII: `3.51018778e-5`).
    public func number(_ x: Double) -> String {
        let text = format.string(x)
        guard unicode, let e = text.firstIndex(of: "e"), text != "inf", text != "-inf",
              let exponent = Self.superscript(String(text[text.index(after: e)...])) else { return text }
        return "\(text[..<e])×10\(exponent)"
    }

    /// `text` in Unicode superscripts, if every character has one.
    public static func superscript(_ text: String) -> String? {
        let forms: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
            "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ", "′": "′", "*": "*",
        ]
        guard !text.isEmpty, text.allSatisfy({ forms[$0] != nil }) else { return nil }
        return String(text.map { forms[$0]! })
    }

    /// `text` in Unicode subscripts, if every character has one.
    public static func subscriptText(_ text: String) -> String? {
        let forms: [Character: Character] = [
            "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
            "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎",
            "a": "ₐ", "e": "ₑ", "h": "ₕ", "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ", "o": "ₒ",
            "p": "ₚ", "r": "ᵣ", "s": "ₛ", "t": "ₜ", "u": "ᵤ", "v": "ᵥ", "x": "ₓ",
        ]
        guard !text.isEmpty, text.allSatisfy({ forms[$0] != nil }) else { return nil }
        return String(text.map { forms[$0]! })
    }
}

extension Formula {
    /// How tightly the formula binds, for deciding where parentheses are needed (as `FormulaWriter`).
    var bindingStrength: Int {
        switch self {
        case .sum, .difference: return 1
        case .product, .quotient: return 2
        case .negation: return 3
        case .power: return 4
        case .number(let x): return x < 0 ? 1 : 5
        case .symbol, .function, .derivative, .parentheses, .text: return 5
        }
    }
}
