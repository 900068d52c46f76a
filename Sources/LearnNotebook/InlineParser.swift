import LearnText

/// Reads the inline Markdown of a lesson's prose into typed `Inline`s: `**strong**`, `*emphasis*` and
/// `_emphasis_` (not inside a word), `` `code` ``, `$maths$` and `$$maths$$`, `[label](url)`, `<url>`,
/// backslash escapes, and live references to computed numbers, `{{name}}` or `{{name:3}}` (three
/// decimals), which `reference` turns into an inline (or rejects with a reason).
///
/// Whatever does not close is text as written. Searches for a closing delimiter look at most
/// `reach` characters ahead, so the time is linear in the length of the text.
struct InlineParser {
    /// Resolves a reference `{{name:decimals}}`; throws a message saying why it cannot.
    var reference: (String, Int?) throws(ReferenceError) -> Inline

    /// How far a closing delimiter is looked for.
    static let reach = 4_000

    /// Why a reference cannot be resolved (the message completes "{{name}}: …").
    struct ReferenceError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    func parse(_ text: String) throws(ReferenceError) -> [Inline] {
        var out: [Inline] = []
        try parse(Array(text), 0, depth: 0, into: &out)
        return Self.merged(out)
    }

    private func parse(_ s: [Character], _ start: Int, end: Int? = nil, depth: Int, into out: inout [Inline]) throws(ReferenceError) {
        let end = end ?? s.count
        var i = start, plain = ""
        func flush() {
            if !plain.isEmpty { out.append(.text(plain)); plain = "" }
        }
        while i < end {
            let c = s[i]
            switch c {
            case "\\" where i + 1 < end && s[i + 1].isASCII && (s[i + 1].isPunctuation || s[i + 1].isSymbol):
                plain.append(s[i + 1])
                i += 2
            case "\n":
                plain.append(" ")
                i += 1
            case "{" where i + 1 < end && s[i + 1] == "{":
                guard let close = Self.find("}}", in: s, from: i + 2, end: end) else {
                    throw ReferenceError("'{{' without its closing '}}'")
                }
                let inside = String(s[(i + 2)..<close]).trimmingCharacters(in: .whitespaces)
                let (name, decimals) = try Self.splitReference(inside)
                flush()
                out.append(try reference(name, decimals))
                i = close + 2
            case "`":
                let n = Self.run(s, i, end)
                guard let close = Self.backticks(s, from: i + n, count: n, end: end) else {
                    plain += String(s[i..<(i + n)])
                    i += n
                    continue
                }
                flush()
                var code = String(s[(i + n)..<close].map { $0 == "\n" ? " " : $0 })
                if code.count >= 2, code.first == " ", code.last == " ", code.contains(where: { $0 != " " }) {
                    code = String(code.dropFirst().dropLast())
                }
                out.append(.code(code))
                i = close + n
            case "$":
                guard let (latex, next) = Self.maths(s, i, end) else {
                    let n = Self.run(s, i, end)
                    plain += String(s[i..<(i + n)])
                    i += n
                    continue
                }
                flush()
                out.append(.math(latex))
                i = next
            case "*", "_":
                let n = Self.run(s, i, end)
                guard depth < 16, let (inner, next, strength) = Self.emphasis(s, i, n, end) else {
                    plain += String(s[i..<(i + n)])
                    i += n
                    continue
                }
                flush()
                var content: [Inline] = []
                try parse(s, inner.lowerBound, end: inner.upperBound, depth: depth + 1, into: &content)
                content = Self.merged(content)
                switch strength {
                case 1: out.append(.emphasis(content))
                case 2: out.append(.strong(content))
                default: out.append(.strong([.emphasis(content)]))
                }
                i = next
            case "[", "!":
                let open = c == "!" ? i + 1 : i
                guard depth < 16, open < end, s[open] == "[", let (label, url, next) = Self.link(s, open, end) else {
                    plain.append(c)
                    i += 1
                    continue
                }
                flush()
                var content: [Inline] = []
                try parse(s, label.lowerBound, end: label.upperBound, depth: depth + 1, into: &content)
                out.append(.link(label: Self.merged(content), url: url))
                i = next
            case "<":
                let limit = min(end, i + 1 + Self.reach)
                guard let close = s[(i + 1)..<limit].firstIndex(of: ">"),
                      ["http://", "https://", "mailto:"].contains(where: { s[(i + 1)..<close].starts(with: $0) }),
                      !s[(i + 1)..<close].contains(where: \.isWhitespace) else {
                    plain.append(c)
                    i += 1
                    continue
                }
                flush()
                let url = String(s[(i + 1)..<close])
                out.append(.link(label: [.text(url)], url: url))
                i = close + 1
            default:
                plain.append(c)
                i += 1
            }
        }
        flush()
    }

    /// `name` or `name:3` inside `{{ }}`.
    static func splitReference(_ inside: String) throws(ReferenceError) -> (String, Int?) {
        let parts = inside.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let name = parts.first, !name.isEmpty, !name.contains(where: \.isWhitespace), parts.count <= 2 else {
            throw ReferenceError("'{{\(inside)}}' is not a reference (write {{name}} or {{name:DECIMALS}})")
        }
        guard parts.count == 2 else { return (name, nil) }
        guard let decimals = Int(parts[1]), (0...12).contains(decimals) else {
            throw ReferenceError("'{{\(inside)}}': the decimals after ':' must be a whole number from 0 to 12")
        }
        return (name, decimals)
    }

    /// Adjacent text runs joined.
    static func merged(_ inlines: [Inline]) -> [Inline] {
        var out: [Inline] = []
        for x in inlines {
            if case .text(let b) = x, case .text(let a)? = out.last { out[out.count - 1] = .text(a + b) } else { out.append(x) }
        }
        return out
    }

    /// Where `needle` next occurs in `s[from..<end]`, looking at most `reach` characters ahead.
    static func find(_ needle: String, in s: [Character], from: Int, end: Int) -> Int? {
        let n = Array(needle)
        var j = from
        let limit = min(end, from + reach)
        while j + n.count <= limit {
            if s[j] == n[0] && Array(s[j..<(j + n.count)]) == n { return j }
            j += 1
        }
        return nil
    }

    /// The length of the run of equal characters at `i`.
    static func run(_ s: [Character], _ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end, s[j] == s[i] { j += 1 }
        return j - i
    }

    /// Where a run of exactly `count` backticks starts at or after `from`.
    static func backticks(_ s: [Character], from: Int, count: Int, end: Int) -> Int? {
        var j = from
        let limit = min(end, from + reach)
        while j < limit {
            guard s[j] == "`" else { j += 1; continue }
            let n = run(s, j, end)
            if n == count { return j }
            j += n
        }
        return nil
    }

    /// Maths starting at the `$` at `i`: `$$…$$`, or `$…$` whose opening `$` is followed and whose closing
    /// `$` is preceded by a non-space, the closing one not followed by a digit (so "$5 and $6" is text).
    /// The LaTeX and the index after the closing delimiter.
    static func maths(_ s: [Character], _ i: Int, _ end: Int) -> (String, Int)? {
        let limit = min(end, i + reach)
        if i + 1 < end, s[i + 1] == "$" {
            var j = i + 2
            while j + 1 < limit {
                if s[j] == "\\" { j += 2; continue }
                if s[j] == "$", s[j + 1] == "$" { return j > i + 2 ? (String(s[(i + 2)..<j]), j + 2) : nil }
                j += 1
            }
            return nil
        }
        guard i + 1 < end, !s[i + 1].isWhitespace else { return nil }
        var j = i + 1
        while j < limit {
            if s[j] == "\\" { j += 2; continue }
            if s[j] == "$", !s[j - 1].isWhitespace, j + 1 == end || !s[j + 1].isNumber {
                return (String(s[(i + 1)..<j]), j + 1)
            }
            j += 1
        }
        return nil
    }

    /// Emphasis opened by the run of `n` `*` or `_` at `i`: the range inside it, the index after the
    /// closing run, and its strength (1 emphasis, 2 strong, 3 both).
    static func emphasis(_ s: [Character], _ i: Int, _ n: Int, _ end: Int) -> (Range<Int>, Int, Int)? {
        let c = s[i]
        guard i + n < end, !s[i + n].isWhitespace else { return nil }
        if c == "_", i > 0, s[i - 1].isLetter || s[i - 1].isNumber { return nil }
        for length in stride(from: min(n, 3), through: 1, by: -1) {
            if let close = closer(s, from: i + length, c, length, end) {
                return ((i + length)..<close, close + length, length)
            }
        }
        return nil
    }

    /// A run of exactly `length` `c` after `from` that can close emphasis: after a non-space, and for `_`
    /// not followed by a letter or digit. Code spans and maths are skipped.
    static func closer(_ s: [Character], from: Int, _ c: Character, _ length: Int, _ end: Int) -> Int? {
        var j = from
        let limit = min(end, from + reach)
        while j < limit {
            let x = s[j]
            if x == "\\" {
                j += 2
            } else if x == "`" {
                let n = run(s, j, end)
                j = (backticks(s, from: j + n, count: n, end: end) ?? j) + n
            } else if x == "$" {
                j = maths(s, j, end)?.1 ?? j + run(s, j, end)
            } else if x == c {
                let n = run(s, j, end)
                let after = j + n < end ? s[j + n] : " "
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
    static func link(_ s: [Character], _ i: Int, _ end: Int) -> (Range<Int>, String, Int)? {
        var depth = 0, j = i
        let limit = min(end, i + reach)
        while j < limit {
            if s[j] == "\\" { j += 2; continue }
            if s[j] == "[" { depth += 1 }
            if s[j] == "]" { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        guard j + 1 < end, j < limit, s[j + 1] == "(" else { return nil }
        let urlLimit = min(end, j + 2 + reach)
        guard let close = s[(j + 2)..<max(j + 2, urlLimit)].firstIndex(of: ")") else { return nil }
        return ((i + 1)..<j, String(s[(j + 2)..<close]), close + 1)
    }
}
