/// The commands of the LaTeX subset: symbols, operators, accents, fonts, fractions, roots, fences,
/// arrows and environments.
extension LaTeXMathML.Parser {
    typealias Atom = LaTeXMathML.Atom

    /// A backslash and what follows it; nil when it prints nothing.
    mutating func command() -> Atom? {
        position += 1
        guard position < source.count else { return nil }
        let first = source[position]
        guard first.isASCII, first.isLetter else {
            position += 1
            switch first {
            case ",": return Atom(base: .space(0.17))
            case ":", ">": return Atom(base: .space(0.22))
            case ";": return Atom(base: .space(0.28))
            case " ", "\t", "\n": return Atom(base: .space(0.33))
            case "!", "\\": return nil
            case "|": return Atom(base: LaTeXMathML.fixed("‖"))
            case "{", "}": return Atom(base: LaTeXMathML.fixed(String(first)))
            default: return Atom(base: .mo(String(first)))
            }
        }
        var name = ""
        while position < source.count, source[position].isASCII, source[position].isLetter {
            name.append(source[position])
            position += 1
        }
        if name == "operatorname", position < source.count, source[position] == "*" { position += 1 }
        return word(name)
    }

    /// A control word such as `\frac`, `\eta` or `\cdot`.
    mutating func word(_ name: String) -> Atom? {
        if let op = LaTeXMathML.largeOperators[name] {
            return Atom(base: .mo(op), limits: name != "int" && name != "oint")
        }
        if LaTeXMathML.limitFunctions.contains(name) {
            return Atom(base: .mo(name, [("movablelimits", "true"), ("lspace", "0"), ("rspace", "0.17em")]), limits: true)
        }
        if let symbol = MathText.symbols[name] {
            if LaTeXMathML.isGreek(symbol) { return Atom(base: .mi(symbol, upright: symbol.first?.isUppercase == true)) }
            if LaTeXMathML.fenceSymbols.contains(name) { return Atom(base: LaTeXMathML.fixed(symbol)) }
            return Atom(base: .mi(symbol, upright: name == "nabla"))
        }
        if let op = MathText.operators[name] { return Atom(base: .mo(op)) }
        if let mark = LaTeXMathML.accents[name] {
            let base = argument() ?? MathNode("mrow")
            if name == "underline" {
                return Atom(base: MathNode("munder", [("accentunder", "true")], children: [base, .mo("_", [("stretchy", "true")])]))
            }
            return Atom(base: .accent(base, mark, stretchy: name.hasPrefix("wide") || name == "overline"))
        }
        if let font = LaTeXMathML.fonts[name] { return Atom(base: styledArgument(font)) }
        if MathText.texts.contains(name) { return Atom(base: LaTeXMathML.text(rawArgument())) }
        if name.hasPrefix("big") || name.hasPrefix("Big") {
            // `\Big(`: the delimiter at a fixed size (MathText, for the terminal, ignores the size).
            return Atom(base: delimiter(size: LaTeXMathML.size(of: name)) ?? MathNode("mrow"))
        }
        if MathText.ignored.contains(name) || name == "nonumber" || name == "notag" { return nil }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let numerator = argument() ?? MathNode("mrow"), denominator = argument() ?? MathNode("mrow")
            return Atom(base: .fraction(numerator, denominator))
        case "binom", "dbinom", "tbinom":
            let n = argument() ?? MathNode("mrow"), k = argument() ?? MathNode("mrow")
            return Atom(base: .fenced("(", [MathNode("mfrac", [("linethickness", "0")], children: [n, k])], ")"))
        case "sqrt":
            if let index = optionalArgument() {
                var inner = LaTeXMathML.Parser(index)
                inner.depth = depth + 1
                let indexNode = depth < Self.maxDepth ? inner.document() : .mtext(String(index))
                return Atom(base: MathNode("mroot", children: [argument() ?? MathNode("mrow"), indexNode]))
            }
            return Atom(base: MathNode("msqrt", children: [argument() ?? MathNode("mrow")]))
        case "left":
            return Atom(base: fenced())
        case "right", "middle":
            return Atom(base: delimiter(stretchy: true) ?? MathNode("mrow"))
        case "quad": return Atom(base: .space(1))
        case "qquad": return Atom(base: .space(2))
        case "xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow":
            let below = optionalArgument().map { chars -> MathNode in
                var inner = LaTeXMathML.Parser(chars)
                inner.depth = depth + 1
                return inner.document()
            }
            let above = argument() ?? MathNode("mrow")
            let arrow: [String: String] = ["xrightarrow": "⟶", "xleftarrow": "⟵", "xRightarrow": "⟹", "xLeftarrow": "⟸"]
            // A long arrow under its label. Not stretched: with the math fonts at hand Chromium draws a
            // stretched arrow as a bare line, without its head.
            let op = MathNode.mo(arrow[name]!, [("stretchy", "false")])
            func padded(_ n: MathNode) -> MathNode { .row([.space(0.3), n, .space(0.3)]) }
            return Atom(base: .scripts(op, sub: below.map(padded), sup: padded(above), limits: true))
        case "overset", "stackrel", "underset":
            let script = argument() ?? MathNode("mrow"), base = argument() ?? MathNode("mrow")
            return Atom(base: MathNode(name == "underset" ? "munder" : "mover", children: [base, script]))
        case "limits", "nolimits":
            return nil
        case "begin":
            return Atom(base: environment())
        default:
            if MathText.fonts.contains(name) { return Atom(base: styledArgument(.upright)) }
            if LaTeXMathML.functions.contains(name) {
                // `\ln 10`: a thin space after the name, none before a parenthesis or a script.
                skipSpaces()
                let next = position < source.count ? source[position] : "("
                if "(^_[{".contains(next) || next == "\\" { return Atom(base: .mi(name)) }
                return Atom(base: .row([.mi(name), .space(0.17)]))
            }
            // Unknown: its name, upright, never the raw command.
            return Atom(base: .mi(name, upright: true))
        }
    }

    /// The argument of a font command, its letters in `font`; an upright run of letters is one `mi`.
    mutating func styledArgument(_ font: LaTeXMathML.Font) -> MathNode {
        let saved = self.font
        self.font = font
        defer { self.font = saved }
        let node = argument() ?? MathNode("mrow")
        return font == .upright ? LaTeXMathML.mergingLetters(node) : node
    }

    /// `\left X … \right Y`: the content between fences that stretch to it.
    mutating func fenced() -> MathNode {
        let open = delimiter(stretchy: true)
        guard depth < Self.maxDepth else { return open ?? MathNode("mrow") }
        depth += 1
        defer { depth -= 1 }
        let (inner, stop) = sequence([.right])
        let close = stop == .right ? delimiter(stretchy: true) : nil
        return MathNode("mrow", children: (open.map { [$0] } ?? []) + inner + (close.map { [$0] } ?? []))
    }

    /// The delimiter after `\left`, `\right`, `\big`…: an `mo`, or nil for `.` (none).
    mutating func delimiter(stretchy: Bool = false, size: Double? = nil) -> MathNode? {
        skipSpaces()
        guard position < source.count else { return nil }
        var text: String
        if source[position] == "\\" {
            position += 1
            var name = ""
            while position < source.count, source[position].isASCII, source[position].isLetter {
                name.append(source[position])
                position += 1
            }
            if name.isEmpty, position < source.count {
                name = String(source[position])
                position += 1
                text = name == "|" ? "‖" : name
            } else {
                text = MathText.symbols[name] ?? LaTeXMathML.delimiterNames[name] ?? name
            }
        } else {
            text = String(source[position])
            position += 1
        }
        if text == "." { return nil }
        var attributes: [(String, String)] = [("stretchy", stretchy || size != nil ? "true" : "false")]
        if let size { attributes += [("minsize", SVGNumber.string(size) + "em"), ("maxsize", SVGNumber.string(size) + "em")] }
        if stretchy { attributes.append(("symmetric", "true")) }
        return .mo(text, attributes)
    }

    /// `\begin{NAME} … \end{NAME}`: a table of the cells between `&` and the rows between `\\`, in the
    /// environment's brackets.
    mutating func environment() -> MathNode {
        let name = rawArgument()
        if name == "array" || name == "tabular" { _ = rawArgument() }
        guard depth < Self.maxDepth else { return flat() }
        depth += 1
        defer { depth -= 1 }
        var rows: [[MathNode]] = [[]]
        while true {
            let (atoms, stop) = sequence([.cell, .row, .end])
            rows[rows.count - 1].append(.row(atoms))
            if stop == .cell { continue }
            if stop == .row { rows.append([]); continue }
            break
        }
        // A final `\\` leaves an empty row.
        if let last = rows.last, last.count == 1, last[0].name == "mrow", last[0].children.isEmpty, rows.count > 1 { rows.removeLast() }
        let kind = LaTeXMathML.tableClass(name)
        let table = MathNode("mtable", kind.map { [("class", $0)] } ?? [], children: rows.map { cells in
            MathNode("mtr", children: cells.map { MathNode("mtd", children: [$0]) })
        })
        let (open, close) = LaTeXMathML.environmentFences[name] ?? ("", "")
        if open.isEmpty && close.isEmpty { return table }
        return .fenced(open, [table], close)
    }
}

extension LaTeXMathML {
    /// `\sum` and friends: operators that take limits.
    static let largeOperators: [String: String] = ["sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "oint": "∮",
                                                   "bigcup": "⋃", "bigcap": "⋂"]

    /// Function names whose subscript goes under them in a display (`\max_x`).
    static let limitFunctions: Set<String> = ["max", "min", "lim", "sup", "inf", "argmax", "argmin", "liminf", "limsup"]

    /// Function names set upright (`\ln`, `\tanh`); unknown commands are upright too, without the space.
    static let functions: Set<String> = ["ln", "log", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "tanh", "sinh",
                                         "cosh", "arctan", "arcsin", "arccos", "det", "dim", "ker", "sgn", "deg", "gcd", "Pr"]

    /// `MathText.symbols` that are fences, dots or marks, written as operators.
    static let fenceSymbols: Set<String> = [
        "lVert", "rVert", "Vert", "lvert", "rvert", "vert", "langle", "rangle", "lfloor", "rfloor", "lceil", "rceil",
        "lbrace", "rbrace", "ldots", "dots", "cdots", "vdots", "ddots", "backslash", "neg", "lnot", "prime", "ast", "star",
    ]

    /// Delimiter names that are not in `MathText.symbols`.
    static let delimiterNames: [String: String] = ["{": "{", "}": "}", "lbrack": "[", "rbrack": "]"]

    /// Accent commands and the character set over the base.
    static let accents: [String: String] = [
        "hat": "^", "widehat": "^", "tilde": "~", "widetilde": "~", "bar": "¯", "overline": "‾", "vec": "→",
        "dot": "˙", "ddot": "¨", "check": "ˇ", "breve": "˘", "acute": "´", "grave": "`", "underline": "_",
        "overrightarrow": "→",
    ]

    /// Font commands with a letter style.
    static let fonts: [String: Font] = [
        "mathrm": .upright, "operatorname": .upright, "mathsf": .upright, "mathtt": .upright, "mathfrak": .upright,
        "mathbf": .bold, "boldsymbol": .bold, "bm": .bold, "mathbb": .doubleStruck, "mathcal": .script, "mathscr": .script,
    ]

    /// The fences around a matrix environment.
    static let environmentFences: [String: (String, String)] = [
        "pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"),
        "Bmatrix": ("{", "}"), "cases": ("{", ""),
    ]

    /// The CSS class that aligns an environment's columns (see `HTMLRenderer.style`).
    static func tableClass(_ name: String) -> String? {
        switch name {
        case "aligned", "align", "align*", "alignat", "split", "eqnarray": return "aligned"
        case "cases": return "cases"
        case "matrix", "pmatrix", "bmatrix", "vmatrix", "Vmatrix", "Bmatrix", "smallmatrix", "array": return "matrix"
        default: return nil
        }
    }

    /// The height of `\big` (1.2em), `\Big` (1.8em), `\bigg` (2.4em), `\Bigg` (3em) and their l/r/m forms.
    static func size(of name: String) -> Double {
        if name.hasPrefix("Bigg") { return 3 }
        if name.hasPrefix("bigg") { return 2.4 }
        if name.hasPrefix("Big") { return 1.8 }
        return 1.2
    }

    static func isGreek(_ s: String) -> Bool {
        s.unicodeScalars.count == 1 && s.unicodeScalars.allSatisfy { (0x370...0x3FF).contains($0.value) }
    }

    /// `\text{…}` content: an `mtext`, its outer spaces kept (as no-break spaces).
    static func text(_ raw: String) -> MathNode {
        var t = raw
        while t.contains("  ") { t = t.replacingOccurrences(of: "  ", with: " ") }
        if t.hasPrefix(" ") { t = "\u{00A0}" + t.dropFirst() }
        if t.hasSuffix(" ") { t = t.dropLast() + "\u{00A0}" }
        return .mtext(t)
    }

    /// Adjacent one-letter upright identifiers joined into one (`\mathrm{net}` is `<mi>net</mi>`).
    static func mergingLetters(_ node: MathNode) -> MathNode {
        guard node.name == "mrow", node.text == nil else { return node }
        var out: [MathNode] = []
        for child in node.children {
            if child.name == "mi", let t = child.text, t.allSatisfy(\.isLetter),
               let last = out.last, last.name == "mi", let u = last.text, u.allSatisfy(\.isLetter) {
                out[out.count - 1] = .mi(u + t, upright: true)
            } else {
                out.append(child)
            }
        }
        return .row(out)
    }

    /// `c` in the Unicode mathematical alphabet of `font` (letters and digits; others unchanged).
    static func styled(_ c: Character, _ font: Font) -> Character {
        guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1, scalar.isASCII else { return c }
        let v = scalar.value
        let upper = (65...90).contains(v), lower = (97...122).contains(v), digit = (48...57).contains(v)
        func from(_ start: UInt32, _ offset: UInt32) -> Character { Character(Unicode.Scalar(start + offset)!) }
        switch font {
        case .upright:
            return c
        case .bold:
            if upper { return from(0x1D400, v - 65) }
            if lower { return from(0x1D41A, v - 97) }
            if digit { return from(0x1D7CE, v - 48) }
        case .doubleStruck:
            let exceptions: [Character: Character] = ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
            if let e = exceptions[c] { return e }
            if upper { return from(0x1D538, v - 65) }
            if lower { return from(0x1D552, v - 97) }
            if digit { return from(0x1D7D8, v - 48) }
        case .script:
            let exceptions: [Character: Character] = ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ",
                                                      "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ"]
            if let e = exceptions[c] { return e }
            if upper { return from(0x1D49C, v - 65) }
            if lower { return from(0x1D4B6, v - 97) }
        }
        return c
    }
}
