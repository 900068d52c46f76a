extension TerminalRenderer {
    /// Inline Markdown as styled text, every run also carrying `attributes`: `**bold**`, `*italic*` and
    /// `_italic_` (not inside a word), `` `code` ``, `$maths$` and `$$maths$$` as Unicode, `[text](url)`,
    /// `<url>` and backslash escapes. Whatever does not close is shown as written.
    func inline(_ text: String, _ attributes: TerminalStyle.Attributes = []) -> StyledText {
        var out = StyledText()
        inline(Array(text), attributes, depth: 0, into: &out)
        return out
    }

    private func inline(_ s: [Character], _ attributes: TerminalStyle.Attributes, depth: Int, into out: inout StyledText) {
        var i = 0, plain = ""
        func flush(_ out: inout StyledText) {
            out.append(plain, attributes)
            plain = ""
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\" where i + 1 < s.count && s[i + 1].isASCII && (s[i + 1].isPunctuation || s[i + 1].isSymbol):
                plain.append(s[i + 1])
                i += 2
            case "`":
                let n = Self.run(s, i)
                guard let close = Self.backticks(s, from: i + n, count: n) else {
                    plain += String(s[i..<(i + n)])
                    i += n
                    continue
                }
                flush(&out)
                var code = String(s[(i + n)..<close].map { $0 == "\n" ? " " : $0 })
                if code.count >= 2, code.first == " ", code.last == " ", code.contains(where: { $0 != " " }) {
                    code = String(code.dropFirst().dropLast())
                }
                out.append(code, attributes.union(.code))
                i = close + n
            case "$":
                guard let (latex, end) = Self.maths(s, i) else {
                    let n = Self.run(s, i)
                    plain += String(s[i..<(i + n)])
                    i += n
                    continue
                }
                flush(&out)
                appendMaths(latex, attributes, to: &out)
                i = end
            case "*", "_":
                let n = Self.run(s, i)
                guard depth < 16, let (inner, end, emphasis) = Self.emphasis(s, i, n) else {
                    plain += String(s[i..<(i + n)])
                    i += n
                    continue
                }
                flush(&out)
                inline(Array(s[inner]), attributes.union(emphasis), depth: depth + 1, into: &out)
                i = end
            case "[", "!":
                let start = c == "!" ? i + 1 : i
                guard depth < 16, start < s.count, s[start] == "[", let (label, url, end) = Self.link(s, start) else {
                    plain.append(c)
                    i += 1
                    continue
                }
                flush(&out)
                inline(Array(s[label]), attributes.union(.underline), depth: depth + 1, into: &out)
                if url != String(s[label]) && !url.isEmpty {
                    out.append(" ", attributes)
                    out.append("(" + url + ")", attributes.union(.dim))
                }
                i = end
            case "<":
                let rest = s[(i + 1)...]
                guard let close = rest.firstIndex(of: ">"),
                      ["http://", "https://", "mailto:"].contains(where: { rest.starts(with: $0) }),
                      !s[(i + 1)..<close].contains(where: \.isWhitespace) else {
                    plain.append(c)
                    i += 1
                    continue
                }
                flush(&out)
                out.append(String(s[(i + 1)..<close]), attributes.union(.underline))
                i = close + 1
            default:
                plain.append(c)
                i += 1
            }
        }
        flush(&out)
    }

    /// Maths as Unicode; it may break across lines only at a space next to a relation (`=`, `≤`, `←`, …)
    /// or after a comma, outside parentheses.
    private func appendMaths(_ latex: String, _ attributes: TerminalStyle.Attributes, to out: inout StyledText) {
        let text = Array(MathText.unicode(latex, subscripts: style.unicodeSubscripts))
        let relations: Set<Character> = ["=", "≤", "≥", "≈", "≠", "<", ">", "←", "→", "⇒", "⇔", "∈", "≡"]
        var depth = 0, piece = ""
        for (k, c) in text.enumerated() {
            if c == "(" || c == "[" { depth += 1 } else if c == ")" || c == "]" { depth -= 1 }
            let breakable = c == " " && depth <= 0 && k > 0 && k + 1 < text.count
                && ([",", ";"].contains(text[k - 1]) || relations.contains(text[k - 1]) || relations.contains(text[k + 1]))
            if breakable {
                out.append(piece, attributes, breakable: false)
                out.append(" ", attributes)
                piece = ""
            } else {
                piece.append(c)
            }
        }
        out.append(piece, attributes, breakable: false)
    }

    /// The length of the run of equal characters at `i`.
    static func run(_ s: [Character], _ i: Int) -> Int {
        var j = i
        while j < s.count, s[j] == s[i] { j += 1 }
        return j - i
    }

    /// Where a run of exactly `count` backticks starts at or after `from`.
    static func backticks(_ s: [Character], from: Int, count: Int) -> Int? {
        var j = from
        while j < s.count {
            guard s[j] == "`" else { j += 1; continue }
            let n = run(s, j)
            if n == count { return j }
            j += n
        }
        return nil
    }

    /// Maths starting at the `$` at `i`: `$$…$$`, or `$…$` whose opening `$` is followed and whose closing
    /// `$` is preceded by a non-space, the closing one not followed by a digit (so "$5 and $6" is text).
    /// The LaTeX and the index after the closing delimiter.
    static func maths(_ s: [Character], _ i: Int) -> (String, Int)? {
        if i + 1 < s.count, s[i + 1] == "$" {
            var j = i + 2
            while j + 1 < s.count {
                if s[j] == "\\" { j += 2; continue }
                if s[j] == "$", s[j + 1] == "$" { return j > i + 2 ? (String(s[(i + 2)..<j]), j + 2) : nil }
                j += 1
            }
            return nil
        }
        guard i + 1 < s.count, !s[i + 1].isWhitespace else { return nil }
        var j = i + 1
        while j < s.count {
            if s[j] == "\\" { j += 2; continue }
            if s[j] == "$", !s[j - 1].isWhitespace, j + 1 == s.count || !s[j + 1].isNumber {
                return (String(s[(i + 1)..<j]), j + 1)
            }
            j += 1
        }
        return nil
    }

    /// Emphasis opened by the run of `n` `*` or `_` at `i`: the range inside it, the index after the
    /// closing run, and italic, bold or both for a run of one, two or three.
    static func emphasis(_ s: [Character], _ i: Int, _ n: Int) -> (Range<Int>, Int, TerminalStyle.Attributes)? {
        let c = s[i]
        guard i + n < s.count, !s[i + n].isWhitespace else { return nil }
        if c == "_", i > 0, s[i - 1].isLetter || s[i - 1].isNumber { return nil }
        for length in stride(from: min(n, 3), through: 1, by: -1) {
            if let close = closer(s, from: i + length, c, length) {
                let kind: TerminalStyle.Attributes = length == 1 ? .italic : length == 2 ? .bold : [.bold, .italic]
                return ((i + length)..<close, close + length, kind)
            }
        }
        return nil
    }

    /// A run of exactly `length` `c` after `from` that can close emphasis: after a non-space, and for `_`
    /// not followed by a letter or digit. Code spans and maths are skipped.
    static func closer(_ s: [Character], from: Int, _ c: Character, _ length: Int) -> Int? {
        var j = from
        while j < s.count {
            let x = s[j]
            if x == "\\" {
                j += 2
            } else if x == "`" {
                let n = run(s, j)
                j = (backticks(s, from: j + n, count: n) ?? j) + n
            } else if x == "$" {
                j = maths(s, j)?.1 ?? j + run(s, j)
            } else if x == c {
                let n = run(s, j)
                let after = j + n < s.count ? s[j + n] : " "
                if n == length, j > from, !s[j - 1].isWhitespace, c != "_" || !(after.isLetter || after.isNumber) {
                    return j
                }
                j += n
            } else {
                j += 1
            }
        }
        return nil
    }

    /// `[label](url)` at `i`: the label's range, the url, and the index after the `)`.
    static func link(_ s: [Character], _ i: Int) -> (Range<Int>, String, Int)? {
        var depth = 0, j = i
        while j < s.count {
            if s[j] == "\\" { j += 2; continue }
            if s[j] == "[" { depth += 1 }
            if s[j] == "]" { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        guard j + 1 < s.count, s[j + 1] == "(", let close = s[(j + 2)...].firstIndex(of: ")") else { return nil }
        return ((i + 1)..<j, String(s[(j + 2)..<close]), close + 1)
    }
}
