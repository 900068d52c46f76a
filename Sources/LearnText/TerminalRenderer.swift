/// Renders the Markdown that lessons produce for a terminal, with or without colour.
///
/// - Headings are bold (in colour, in cyan); `#` and `##` are underlined with `═` and `─`, deeper ones
///   with `┈` when there is no colour to mark them.
/// - Paragraphs are reflowed to `style.width`, breaking only at spaces; two trailing spaces keep a line
///   break. Lines starting with ✓ and ✗ (a lesson's checks) are green and red in colour.
/// - `**bold**`, `*italic*` and `` `code` `` lose their markers; in colour they are bold, italic, yellow.
/// - Maths (`$…$`, and `$$…$$` on its own line, indented) is Unicode by `MathText`; display maths is
///   never reflowed.
/// - Fenced code, which is also how lessons carry plots and pictures, is indented and otherwise unchanged.
/// - Lists get `•` (nested: `◦`, `▪`) or their numbers, with a hanging indent; tables are aligned by
///   `TerminalTable`; quotes get a `│` margin.
///
/// With `style.colour` false the output contains no escape character, whatever the input.
public struct TerminalRenderer: Sendable {
    public let style: TerminalStyle

    /// Spaces before display maths and code.
    static let blockIndent = "    "

    public init(style: TerminalStyle) {
        self.style = style
    }

    /// `markdown` as terminal text: blocks separated by one empty line, ending with a newline (empty
    /// input gives the empty string).
    public func render(_ markdown: String) -> String {
        let clean = String(String.UnicodeScalarView(markdown.unicodeScalars.filter { $0 != "\u{1B}" && $0 != "\r" }))
        let lines = render(blocks: MarkdownBlock.parse(clean), width: style.columns, depth: 0)
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    func render(blocks: [MarkdownBlock], width: Int, depth: Int) -> [String] {
        var out: [String] = []
        for block in blocks {
            let lines = render(block, width: width, depth: depth)
            if lines.isEmpty { continue }
            if !out.isEmpty { out.append("") }
            out += lines
        }
        return out
    }

    func render(_ block: MarkdownBlock, width: Int, depth: Int) -> [String] {
        switch block {
        case .heading(let level, let text):
            return heading(level, text, width: width)
        case .paragraph(let lines):
            return paragraph(lines, width: width)
        case .code(let lines):
            return lines.map { $0.allSatisfy(\.isWhitespace) ? "" : Self.blockIndent + $0 }
        case .math(let latex):
            return [Self.blockIndent + MathText.unicode(latex, subscripts: style.unicodeSubscripts)]
        case .table(let header, let alignments, let rows):
            let table = TerminalTable(header: header.map { inline($0, .bold) }, alignments: alignments,
                                      rows: rows.map { $0.map { inline($0) } })
            return table.lines(width: width, style: style)
        case .list(let items):
            return list(items, width: width)
        case .quote(let lines):
            let margin = style.paint("│", .dim)
            let inner = lines.joined(separator: "\n")
            let body = depth < 8 ? render(blocks: MarkdownBlock.parse(inner), width: max(width - 2, 10), depth: depth + 1)
                                 : paragraph(lines, width: max(width - 2, 10))
            return body.map { $0.isEmpty ? margin : margin + " " + $0 }
        case .rule:
            return [style.paint(String(repeating: "─", count: min(width, 60)), .dim)]
        }
    }

    /// The heading's text, wrapped, and its underline.
    func heading(_ level: Int, _ text: String, width: Int) -> [String] {
        let attributes: TerminalStyle.Attributes = level <= 2 ? [.bold, .heading] : style.colour ? [.bold, .underline] : [.bold]
        let lines = inline(text, attributes).wrap(width, style: style)
        guard !lines.isEmpty else { return [] }
        let length = lines.map(\.width).max() ?? 0
        let rule: String? = switch level {
        case 1: style.paint(String(repeating: "═", count: length), .heading)
        case 2: style.paint(String(repeating: "─", count: length), .heading)
        default: style.colour ? nil : String(repeating: "┈", count: length)
        }
        return lines.map(\.text) + (rule.map { [$0] } ?? [])
    }

    /// A paragraph: its lines joined and reflowed; a line ending in two spaces or a backslash ends a
    /// line of the output too.
    func paragraph(_ lines: [String], width: Int) -> [String] {
        var logical: [String] = [], current = ""
        for (k, raw) in lines.enumerated() {
            var text = MarkdownBlock.trimmed(raw)
            let backslash = text.hasSuffix("\\") && !text.hasSuffix("\\\\")
            let hard = k + 1 < lines.count && (raw.hasSuffix("  ") || backslash)
            if hard && backslash { text.removeLast() }
            current += current.isEmpty || text.isEmpty ? text : " " + text
            if hard {
                logical.append(current)
                current = ""
            }
        }
        logical.append(current)
        return logical.flatMap { line(MarkdownBlock.trimmed($0), width: width) }
    }

    /// One line of a paragraph, wrapped; a check (✓ or ✗ first) wraps with a hanging indent.
    func line(_ text: String, width: Int) -> [String] {
        var styled = StyledText(), hang = 0
        if text.hasPrefix("✓") {
            let head = text.prefix { $0 != ":" && $0 != "`" && $0 != "$" }
            let label = text.dropFirst(head.count).first == ":" ? String(head) + ":" : String(text.prefix(1))
            styled.append(label, [.success, .bold])
            // `name` = value stays on one line.
            for (k, part) in Self.split(String(text.dropFirst(label.count)), at: " = ").enumerated() {
                if k > 0 { styled.append(" = ", [], breakable: false) }
                styled.append(inline(part))
            }
            hang = 2
        } else if text.hasPrefix("✗") {
            styled = inline(text, .failure)
            hang = 2
        } else {
            styled = inline(text)
        }
        let lines = styled.wrap(max(width - hang, 10), style: style)
        let indent = String(repeating: " ", count: hang)
        return lines.enumerated().map { $0.offset == 0 ? $0.element.text : indent + $0.element.text }
    }

    /// `text` cut at every `separator`.
    static func split(_ text: String, at separator: String) -> [String] {
        var parts: [String] = [], rest = Substring(text)
        while let cut = rest.firstRange(of: separator) {
            parts.append(String(rest[..<cut.lowerBound]))
            rest = rest[cut.upperBound...]
        }
        return parts + [String(rest)]
    }

    /// A list: bullets by level, numbers right-aligned, continuation lines under the item's text.
    func list(_ items: [MarkdownBlock.Item], width: Int) -> [String] {
        let bullets = ["•", "◦", "▪"]
        var numberWidth: [Int: Int] = [:]
        for item in items where item.ordered { numberWidth[item.level] = max(numberWidth[item.level] ?? 0, item.marker.count) }
        var starts = [0]
        var out: [String] = []
        for item in items {
            let level = min(item.level, starts.count - 1)
            let marker = item.ordered
                ? String(repeating: " ", count: (numberWidth[level] ?? 0) - item.marker.count) + item.marker
                : bullets[level % bullets.count]
            let start = starts[level], content = start + marker.count + 1
            starts = Array(starts.prefix(level + 1)) + [content]
            let lines = inline(item.text).wrap(max(width - content, 10), style: style)
            let painted = style.paint(marker, item.ordered ? .bold : .heading)
            let first = String(repeating: " ", count: start) + painted + " " + (lines.first?.text ?? "")
            out.append(TerminalTable.trailingSpacesRemoved(first))
            out += lines.dropFirst().map { String(repeating: " ", count: content) + $0.text }
        }
        return out
    }
}
