/// The commands that take arguments or need more than one character's lookup.
extension MathText.Parser {
    typealias Writer = MathText.Writer

    /// A control word such as `\frac`, `\eta` or `\cdot`.
    mutating func word(_ name: String, _ out: inout Writer) {
        if let symbol = MathText.symbols[name] {
            if MathText.closers.contains(name) { out.trimTrailingSpace() }
            out.append(symbol)
            if MathText.prefixes.contains(name) { skipSpacesBeforeOperand() }
        } else if let op = MathText.operators[name] {
            out.binary(op)
        } else if let mark = MathText.accents[name] {
            out.append(MathText.accent(argument() ?? "", mark, everyCharacter: name == "overline" || name == "underline"))
        } else if MathText.fonts.contains(name) {
            out.append(argument() ?? "")
        } else if MathText.texts.contains(name) {
            out.append(rawArgument())
        } else if MathText.ignored.contains(name) {
            return
        } else {
            switch name {
            case "frac", "dfrac", "tfrac", "cfrac": fraction(&out)
            case "sqrt": root(&out)
            case "binom", "dbinom", "tbinom":
                let n = argument() ?? "", k = argument() ?? ""
                out.append("C(\(n), \(k))")
            case "mathbb":
                out.append((argument() ?? "").map { MathText.doubleStruck[$0] ?? String($0) }.joined())
            case "left", "right": delimiter(opening: name == "left", &out)
            case "xrightarrow", "xleftarrow":
                // An arrow with a label over it: ─Softmax→ (an optional [below] argument is dropped).
                skipSpaces()
                if position < source.count, source[position] == "[" {
                    while position < source.count, source[position] != "]" { position += 1 }
                    position = min(position + 1, source.count)
                }
                let label = argument() ?? ""
                out.binary(name == "xrightarrow" ? "─\(label)→" : "←\(label)─")
            case "quad": out.gap(2)
            case "qquad": out.gap(4)
            case "begin", "end": environment(begin: name == "begin", &out)
            default: out.append(name)
            }
        }
    }

    /// `\frac{a}{b}` as `a/b`, with parentheses where the operands or the neighbours need them.
    mutating func fraction(_ out: inout Writer) {
        let before = out.endsWithOperand
        let numerator = argument() ?? "", denominator = argument() ?? ""
        var text = MathText.operand(numerator) + "/" + MathText.operand(denominator)
        if before || operandFollows() { text = "(" + text + ")" }
        out.append(text)
    }

    /// `\sqrt{x}` as √x, `\sqrt{a + b}` as √(a + b), `\sqrt[3]{x}` as ∛x.
    mutating func root(_ out: inout Writer) {
        skipSpaces()
        var index = ""
        if position < source.count, source[position] == "[" {
            position += 1
            var raw: [Character] = []
            while position < source.count, source[position] != "]" {
                raw.append(source[position])
                position += 1
            }
            if position < source.count { position += 1 }
            var inner = MathText.Parser(raw, scripts: scripts, depth: depth + 1)
            index = depth < Self.maxDepth ? inner.document() : String(raw)
        }
        let radicand = MathText.operand(argument() ?? "")
        switch index {
        case "": out.append("√" + radicand)
        case "3": out.append("∛" + radicand)
        case "4": out.append("∜" + radicand)
        default: out.append(MathText.script(index, superscript: true, unicode: scripts) + "√" + radicand)
        }
    }

    /// The delimiter after `\left` or `\right`; `.` is none.
    mutating func delimiter(opening: Bool, _ out: inout Writer) {
        skipSpaces()
        guard position < source.count else { return }
        var text = ""
        if source[position] == "\\" {
            var inner = Writer()
            command(&inner)
            text = inner.finished
        } else {
            text = source[position] == "." ? "" : String(source[position])
            position += 1
        }
        if !opening { out.trimTrailingSpace() }
        out.append(text)
    }

    /// `\begin{pmatrix}` and friends: brackets for matrices, nothing for the others.
    mutating func environment(begin: Bool, _ out: inout Writer) {
        let name = rawArgument()
        let brackets: [String: (String, String)] = [
            "pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"),
            "Bmatrix": ("{", "}"), "cases": ("{", ""),
        ]
        if begin, name == "array" || name == "tabular" { _ = rawArgument() }
        guard let pair = brackets[name] else { return }
        if begin { out.append(pair.0) } else { out.trimTrailingSpace(); out.append(pair.1) }
    }
}
