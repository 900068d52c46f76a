extension MathText {
    /// Reads LaTeX maths by recursive descent and writes its Unicode form as it goes.
    ///
    /// Nesting deeper than `maxDepth` (braces or arguments) is read flat rather than recursively, so no
    /// input can exhaust the stack; every read checks the end of the input first.
    struct Parser {
        static let maxDepth = 48
        let source: [Character]
        let scripts: Bool
        var position = 0
        var depth = 0

        init(_ source: [Character], scripts: Bool, depth: Int = 0) {
            self.source = source
            self.scripts = scripts
            self.depth = depth
        }

        /// The whole input; a `}` without its `{` is skipped.
        mutating func document() -> String {
            var out = Writer()
            while position < source.count {
                if source[position] == "}" { position += 1; continue }
                item(&out)
            }
            return out.finished
        }

        /// Up to the `}` that closes the group just opened (consumed), or to the end.
        mutating func group() -> String {
            var out = Writer()
            while position < source.count {
                if source[position] == "}" { position += 1; break }
                item(&out)
            }
            return out.finished
        }

        /// One character, group, command or script.
        mutating func item(_ out: inout Writer) {
            let c = source[position]
            switch c {
            case "{":
                position += 1
                guard depth < Self.maxDepth else { return }
                depth += 1
                out.append(group())
                depth -= 1
            case "\\":
                command(&out)
            case "^", "_":
                position += 1
                guard let content = argument() else { out.append(String(c)); return }
                out.append(MathText.script(content, superscript: c == "^", unicode: scripts))
            case "~", "&":
                position += 1
                out.space()
            case "$":
                position += 1
            default:
                position += 1
                if c.isWhitespace { out.space() } else { out.append(String(c)) }
            }
        }

        /// A command's or script's argument: a `{…}` group, a command, or one character; nil at the end.
        mutating func argument() -> String? {
            skipSpaces()
            guard position < source.count, source[position] != "}" else { return nil }
            let c = source[position]
            guard depth < Self.maxDepth else { position += 1; return String(c) }
            depth += 1
            defer { depth -= 1 }
            if c == "{" {
                position += 1
                return group()
            }
            if c == "\\" {
                var out = Writer()
                command(&out)
                return out.finished
            }
            position += 1
            return String(c)
        }

        /// A `{…}` argument read as text: no maths, braces dropped, `\x` is x.
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
                    raw.append(source[position])
                    position += 1
                } else if c == "{" {
                    level += 1
                } else if c == "}" {
                    level -= 1
                    if level == 0 { break }
                } else {
                    raw.append(c)
                }
            }
            return raw
        }

        /// A backslash and what follows it.
        mutating func command(_ out: inout Writer) {
            position += 1
            guard position < source.count else { out.append("\\"); return }
            let first = source[position]
            guard first.isASCII, first.isLetter else {
                position += 1
                switch first {
                case ",", ":", ";", ">", " ", "\t", "\n": out.space()
                case "!": break
                case "|": out.append("‖")
                case "\\": out.append(";"); out.space()
                default: out.append(String(first))
                }
                return
            }
            var name = ""
            while position < source.count, source[position].isASCII, source[position].isLetter {
                name.append(source[position])
                position += 1
            }
            if name == "operatorname", position < source.count, source[position] == "*" { position += 1 }
            word(name, &out)
        }

        mutating func skipSpaces() {
            while position < source.count, source[position].isWhitespace { position += 1 }
        }

        /// Skips the spaces after a prefix such as `\partial` when an operand follows them.
        mutating func skipSpacesBeforeOperand() {
            var p = position
            while p < source.count, source[p].isWhitespace { p += 1 }
            guard p > position, p < source.count else { return }
            let c = source[p]
            var operand = c.isLetter || c.isNumber || c == "{"
            if c == "\\" {
                var name = "", q = p + 1
                while q < source.count, source[q].isASCII, source[q].isLetter {
                    name.append(source[q])
                    q += 1
                }
                operand = !name.isEmpty && operators[name] == nil && !closers.contains(name) && name != "right"
            }
            if operand { position = p }
        }

        /// Whether an operand is written right after the current position, with no space.
        func operandFollows() -> Bool {
            guard position < source.count else { return false }
            let c = source[position]
            if c == "(" || c.isLetter || c.isNumber { return true }
            guard c == "\\", source[(position + 1)...].starts(with: "left") else { return false }
            return position + 5 >= source.count || !source[position + 5].isLetter
        }
    }
}
