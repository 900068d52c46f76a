/// LaTeX maths, as lesson authors write it, converted to MathML: the subset the lessons use.
///
/// `\frac{∂E_{total}}{∂w_5}` becomes `<mfrac>`, `x^{2}` `<msup>`, `\sum_{i=1}^{n}` a large operator with
/// limits (`<munderover>`, moved beside it in running text by Chromium's `movablelimits`), `\hat{y}` an
/// accent, `\left( … \right)` stretching fences, `\text{…}` and `\mathrm{…}` upright text,
/// `\mathbf`, `\mathbb`, `\mathcal` the Unicode mathematical letters, `\begin{pmatrix}`, `bmatrix`,
/// `cases`, `aligned` tables, `\xrightarrow{…}` a stretched arrow; Greek letters, operators and
/// relations their characters (read from `MathText`'s tables, which the terminal uses for the same
/// subset).
///
/// Letters are italic one by one, as TeX sets them (`out` is o·u·t; authors write `\mathrm{out}`).
/// Unknown commands become their name in upright letters, so no raw LaTeX ever reaches the page.
/// Malformed input never traps: a stray `}` is skipped, an unclosed group ends with the input, and
/// nesting deeper than `maxDepth` is read flat.
public enum LaTeXMathML {
    /// The `<math>` element for `latex` (without `$` delimiters), with the source kept in an
    /// `<annotation encoding="application/x-tex">`.
    public static func math(_ latex: String, display: Bool) -> String {
        MathNode.math(node(latex), display: display, annotation: latex)
    }

    /// The MathML of `latex` as one node.
    static func node(_ latex: String) -> MathNode {
        var parser = Parser(Array(latex))
        return parser.document()
    }

    /// The MathML of `latex` split at its top-level `=` (and other relations), for a long display: the
    /// first piece is what comes before the first relation; each other piece starts with its relation.
    static func relationPieces(_ latex: String) -> [MathNode] {
        let whole = node(latex)
        guard whole.name == "mrow", whole.text == nil else { return [whole] }
        var pieces: [[MathNode]] = [[]]
        for child in whole.children {
            if child.name == "mo", let t = child.text, relations.contains(t), !(pieces.last?.isEmpty ?? true) {
                pieces.append([])
            }
            pieces[pieces.count - 1].append(child)
        }
        return pieces.map { MathNode.row($0) }
    }

    /// A fence that does not stretch.
    static func fixed(_ text: String) -> MathNode { .mo(text, [("stretchy", "false")]) }

    /// Relations at which a long display may be broken.
    static let relations: Set<String> = ["=", "≈", "≤", "≥", "<", ">", "≠", "≡", "→", "⇒", "⇔"]
}

extension LaTeXMathML {
    /// What ended a sequence of items.
    enum Stop: Sendable { case brace, right, end, cell, row, eof }

    /// An item with the scripts attached to it so far.
    struct Atom {
        var base: MathNode
        var sub: MathNode?
        var sup: MathNode?
        /// Limits under and over (a large operator, `\max`) rather than beside.
        var limits = false

        var node: MathNode { .scripts(base, sub: sub, sup: sup, limits: limits && (sub != nil || sup != nil)) }
    }

    /// Letters in a font other than math italic.
    enum Font: Sendable { case upright, bold, doubleStruck, script }

    /// Reads LaTeX maths by recursive descent into MathML nodes.
    struct Parser {
        static let maxDepth = 48
        let source: [Character]
        var position = 0
        var depth = 0
        var font: Font?

        init(_ source: [Character]) { self.source = source }

        /// The whole input; rows separated by `\\` become a centred table.
        mutating func document() -> MathNode {
            var rows: [MathNode] = []
            while true {
                let (atoms, stop) = sequence([.row])
                rows.append(.row(atoms))
                if stop == .eof { break }
            }
            if rows.count == 1 { return rows[0] }
            return MathNode("mtable", children: rows.map { MathNode("mtr", children: [MathNode("mtd", children: [$0])]) })
        }

        /// Items up to one of `stops` (consumed) or the end of the input.
        mutating func sequence(_ stops: Set<Stop>) -> ([MathNode], Stop) {
            var atoms: [Atom] = []
            while position < source.count {
                let c = source[position]
                switch c {
                case "}":
                    position += 1
                    if stops.contains(.brace) { return (atoms.map(\.node), .brace) }
                case "&":
                    position += 1
                    if stops.contains(.cell) { return (atoms.map(\.node), .cell) }
                case "\\" where peek("\\\\"):
                    position += 2
                    if stops.contains(.row) { return (atoms.map(\.node), .row) }
                case "\\" where peekWord("right") && stops.contains(.right):
                    position += 6
                    return (atoms.map(\.node), .right)
                case "\\" where peekWord("end"):
                    position += 4
                    _ = rawArgument()
                    if stops.contains(.end) { return (atoms.map(\.node), .end) }
                case "^", "_":
                    position += 1
                    let script = argument() ?? MathNode("mrow")
                    if atoms.isEmpty || (c == "^" ? atoms[atoms.count - 1].sup : atoms[atoms.count - 1].sub) != nil {
                        atoms.append(Atom(base: MathNode("mrow")))
                    }
                    if c == "^" { atoms[atoms.count - 1].sup = script } else { atoms[atoms.count - 1].sub = script }
                case "'":
                    position += 1
                    if atoms.isEmpty { atoms.append(Atom(base: MathNode("mrow"))) }
                    // U+2032 is drawn raised already: beside the base, it keeps its size (as a
                    // superscript it would shrink twice); over a subscript it is a superscript.
                    let prime = MathNode.mo("′", [("lspace", "0"), ("rspace", "0")])
                    let last = atoms[atoms.count - 1]
                    if let sup = last.sup {
                        atoms[atoms.count - 1].sup = .row([sup, prime])
                    } else if last.sub != nil {
                        atoms[atoms.count - 1].sup = prime
                    } else {
                        atoms[atoms.count - 1].base = .row([last.base, prime])
                    }
                default:
                    if let item = item() { atoms.append(item) }
                }
            }
            return (atoms.map(\.node), .eof)
        }

        /// One item: a group, a command, a number, a letter or an operator; nil for what prints nothing.
        mutating func item() -> Atom? {
            let c = source[position]
            if c == "{" {
                position += 1
                return Atom(base: group())
            }
            if c == "\\" { return command() }
            position += 1
            if c.isWhitespace || c == "$" { return nil }
            if c == "~" { return Atom(base: .space(0.33)) }
            if c.isNumber {
                var digits = String(c)
                while position < source.count,
                      source[position].isNumber || (source[position] == "." && position + 1 < source.count && source[position + 1].isNumber) {
                    digits.append(source[position])
                    position += 1
                }
                return Atom(base: letters(digits, number: true))
            }
            if c.isLetter { return Atom(base: letters(String(c), number: false)) }
            let operators: [Character: String] = ["-": "−", "*": "∗"]
            // A bracket written plainly keeps its size, as in TeX; only `\left`/`\right` stretch.
            if "()[]|".contains(c) { return Atom(base: LaTeXMathML.fixed(String(c))) }
            return Atom(base: .mo(operators[c] ?? String(c)))
        }

        /// A `{…}` group already opened, up to its `}`: one node.
        mutating func group() -> MathNode {
            guard depth < Self.maxDepth else { return flat() }
            depth += 1
            defer { depth -= 1 }
            return .row(sequence([.brace]).0)
        }

        /// Too deep to recurse: the rest of the group as text, braces dropped.
        mutating func flat() -> MathNode {
            var level = 1, text = ""
            while position < source.count {
                let c = source[position]
                position += 1
                if c == "{" { level += 1 } else if c == "}" { level -= 1; if level == 0 { break } } else if c != "\\" { text.append(c) }
            }
            return .mtext(text)
        }

        /// A command's or script's argument: a group, a command, or one character; nil at the end.
        mutating func argument() -> MathNode? {
            skipSpaces()
            guard position < source.count, source[position] != "}" else { return nil }
            guard depth < Self.maxDepth else {
                position += 1
                return .mtext(String(source[position - 1]))
            }
            depth += 1
            defer { depth -= 1 }
            if source[position] == "{" {
                position += 1
                return .row(sequence([.brace]).0)
            }
            if source[position] == "\\" { return command()?.node ?? MathNode("mrow") }
            // One character: a single digit or letter, not a run.
            let c = source[position]
            position += 1
            if c.isNumber { return letters(String(c), number: true) }
            if c.isLetter { return letters(String(c), number: false) }
            return .mo(c == "-" ? "−" : String(c))
        }

        /// A `{…}` argument read as text: braces dropped, `\x` is x, `$` dropped.
        mutating func rawArgument() -> String {
            skipSpaces()
            guard position < source.count else { return "" }
            guard source[position] == "{" else { position += 1; return String(source[position - 1]) }
            position += 1
            var level = 1, raw = ""
            while position < source.count {
                let c = source[position]
                position += 1
                if c == "\\", position < source.count {
                    let next = source[position]
                    position += 1
                    if next == "\\" { raw.append(" ") } else if next == " " || next == "," || next == ";" { raw.append(" ") } else { raw.append(next) }
                } else if c == "{" {
                    level += 1
                } else if c == "}" {
                    level -= 1
                    if level == 0 { break }
                } else if c != "$" {
                    raw.append(c)
                }
            }
            return raw
        }

        /// An optional `[…]` argument, as its source text.
        mutating func optionalArgument() -> [Character]? {
            skipSpaces()
            guard position < source.count, source[position] == "[" else { return nil }
            position += 1
            var raw: [Character] = [], level = 0
            while position < source.count {
                let c = source[position]
                position += 1
                if c == "{" { level += 1 } else if c == "}" { level -= 1 } else if c == "]" && level <= 0 { break }
                raw.append(c)
            }
            return raw
        }

        /// A letter or number in the current font: `\mathbf{x}` is 𝐱, `\mathbb{R}` ℝ, `\mathrm{d}` upright d.
        func letters(_ text: String, number: Bool) -> MathNode {
            switch font {
            case nil: return number ? .mn(text) : .mi(text)
            case .upright?: return number ? .mn(text) : .mi(text, upright: true)
            case let f?:
                let mapped = String(text.map { LaTeXMathML.styled($0, f) })
                return number ? .mn(mapped) : .mi(mapped, upright: true)
            }
        }

        mutating func skipSpaces() {
            while position < source.count, source[position].isWhitespace { position += 1 }
        }

        /// Whether the source continues with `text` at the current position.
        func peek(_ text: String) -> Bool {
            let chars = Array(text)
            guard position + chars.count <= source.count else { return false }
            return Array(source[position..<(position + chars.count)]) == chars
        }

        /// Whether the source continues with the control word `\word` (not a longer word).
        func peekWord(_ word: String) -> Bool {
            guard peek("\\" + word) else { return false }
            let after = position + 1 + word.count
            return after >= source.count || !(source[after].isASCII && source[after].isLetter)
        }
    }
}
