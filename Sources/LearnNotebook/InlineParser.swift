import LearnText

/// Reads the inline Markdown of a lesson's prose into typed `Inline`s: `**strong**`, `*emphasis*` and
/// `_emphasis_` (not inside a word), `` `code` ``, `$maths$` and `$$maths$$`, `[label](url)`, `<url>`,
/// backslash escapes, and live references to computed numbers, `{{name}}` or `{{name:3}}` (three
/// decimals), which `reference` turns into an inline (or rejects with a reason).
///
/// Whatever does not close is text as written. Searches for a closing delimiter look at most
/// `reach` characters ahead, and what a search learned is kept (``InlineScan``): the `]` matching each
/// `[` and the next `)`, `>` or space are found once for the whole text, and a search that passes a
/// place an earlier search passed takes that one's outcome. So no stretch of text is searched twice for
/// the same closing delimiter, and the time is linear in the length of the text (80 KB of `[`, `![`,
/// `<`, `$1` or `*a ` used to take seconds: 4,000 characters searched from each opening).
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
        try parseCountingSteps(text).inlines
    }

    /// ``parse(_:)``, with the steps its searches took (``InlineScan/steps``), for tests.
    func parseCountingSteps(_ text: String) throws(ReferenceError) -> (inlines: [Inline], steps: Int) {
        var out: [Inline] = []
        let scan = InlineScan(Array(text))
        try parse(scan, 0, end: scan.s.count, depth: 0, into: &out)
        return (Self.merged(out), scan.steps)
    }

    private func parse(_ scan: InlineScan, _ start: Int, end: Int, depth: Int, into out: inout [Inline]) throws(ReferenceError) {
        let s = scan.s
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
                let n = InlineScan.run(s, i, end)
                guard let close = scan.backticks(from: i + n, count: n, end: end) else {
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
                guard let (latex, next) = scan.maths(i, end) else {
                    let n = InlineScan.run(s, i, end)
                    plain += String(s[i..<(i + n)])
                    i += n
                    continue
                }
                flush()
                out.append(.math(latex))
                i = next
            case "*", "_":
                let n = InlineScan.run(s, i, end)
                guard depth < 16, let (inner, next, strength) = scan.emphasis(i, n, end) else {
                    plain += String(s[i..<(i + n)])
                    i += n
                    continue
                }
                flush()
                var content: [Inline] = []
                try parse(scan, inner.lowerBound, end: inner.upperBound, depth: depth + 1, into: &content)
                content = Self.merged(content)
                switch strength {
                case 1: out.append(.emphasis(content))
                case 2: out.append(.strong(content))
                default: out.append(.strong([.emphasis(content)]))
                }
                i = next
            case "[", "!":
                let open = c == "!" ? i + 1 : i
                guard depth < 16, open < end, s[open] == "[", let (label, url, next) = scan.link(open, end) else {
                    plain.append(c)
                    i += 1
                    continue
                }
                flush()
                var content: [Inline] = []
                try parse(scan, label.lowerBound, end: label.upperBound, depth: depth + 1, into: &content)
                out.append(.link(label: Self.merged(content), url: url))
                i = next
            case "<":
                let limit = min(end, i + 1 + Self.reach)
                guard case let close = scan.next(">", from: i + 1), close < limit,
                      ["http://", "https://", "mailto:"].contains(where: { s[(i + 1)..<close].starts(with: $0) }),
                      scan.nextWhitespace(from: i + 1) >= close else {
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
}
