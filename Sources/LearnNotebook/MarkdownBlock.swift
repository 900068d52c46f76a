import LearnText
/// A block of a lesson's Markdown prose, before its inline text is parsed: headings, paragraphs, fenced
/// code, display maths (`$$…$$` starting a line), pipe tables, lists, quotes and rules.
///
/// `parse` reads any text without failing: an unclosed fence runs to the end, an unclosed `$$` is an
/// ordinary paragraph, rows of a table with too few or too many cells are padded or cut.
enum MarkdownBlock: Equatable {
    case heading(level: Int, text: String)
    /// Its lines as written, trailing spaces kept (two of them make a hard line break).
    case paragraph([String])
    /// The lines between the fences, unchanged but for tabs expanded to spaces.
    case code([String])
    /// The LaTeX between `$$` and `$$`.
    case math(String)
    case table(header: [String], alignments: [Table.Alignment], rows: [[String]])
    case list([Item])
    /// The quoted lines without their `>`, to be read as Markdown again.
    case quote([String])
    case rule

    /// One list item: its nesting level (0 for the outermost), its marker (`-`, `*`, `+`, `3.` or `3)`)
    /// and its text with continuation lines joined.
    struct Item: Equatable {
        var level: Int
        var marker: String
        var text: String
        var ordered: Bool { marker.first?.isNumber ?? false }
    }

    /// The blocks of `markdown`, in order.
    static func parse(_ markdown: String) -> [MarkdownBlock] { parseWithLines(markdown).map(\.block) }

    /// The blocks of `markdown`, each with the index (from 0) of the line it starts on.
    static func parseWithLines(_ markdown: String) -> [(block: MarkdownBlock, line: Int)] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { expandTabs(String($0)) }
        var blocks: [(block: MarkdownBlock, line: Int)] = []
        var i = 0
        while i < lines.count {
            let start = i
            let t = trimmed(lines[i])
            if t.isEmpty {
                i += 1
            } else if let fence = fence(lines[i]) {
                var body: [String] = []
                i += 1
                while i < lines.count, !closes(lines[i], fence) {
                    body.append(String(lines[i].dropFirst(min(fence.indent, indentation(lines[i])))))
                    i += 1
                }
                i += 1
                blocks.append((.code(body), start))
            } else if let (latex, next) = displayMath(lines, i) {
                blocks.append((.math(latex), start))
                i = next
            } else if let heading = heading(t) {
                blocks.append((heading, start))
                i += 1
            } else if isRule(t) {
                blocks.append((.rule, start))
                i += 1
            } else if let alignments = tableStart(lines, i) {
                let header = cells(lines[i], count: alignments.count)
                var rows: [[String]] = []
                i += 2
                while i < lines.count, !trimmed(lines[i]).isEmpty, lines[i].contains("|") {
                    rows.append(cells(lines[i], count: alignments.count))
                    i += 1
                }
                blocks.append((.table(header: header, alignments: alignments, rows: rows), start))
            } else if listItem(lines[i]) != nil {
                var items: [Item] = [], indents: [Int] = []
                while i < lines.count {
                    if let (indent, marker, text) = listItem(lines[i]) {
                        while let last = indents.last, indent < last, indents.count > 1 { indents.removeLast() }
                        if indents.isEmpty || indent > indents.last! { indents.append(indent) }
                        items.append(Item(level: indents.count - 1, marker: marker, text: text))
                    } else if !trimmed(lines[i]).isEmpty, !interrupts(lines, i) {
                        items[items.count - 1].text += " " + trimmed(lines[i])
                    } else {
                        break
                    }
                    i += 1
                }
                blocks.append((.list(items), start))
            } else if t.hasPrefix(">") {
                var quoted: [String] = []
                while i < lines.count, trimmed(lines[i]).hasPrefix(">") {
                    let rest = trimmed(lines[i]).dropFirst()
                    quoted.append(String(rest.first == " " ? rest.dropFirst() : rest))
                    i += 1
                }
                blocks.append((.quote(quoted), start))
            } else {
                var text = [lines[i]], setext: Int?
                i += 1
                while i < lines.count, !trimmed(lines[i]).isEmpty, !interrupts(lines, i) {
                    let underline = trimmed(lines[i])
                    i += 1
                    if let c = underline.first, c == "=" || c == "-", underline.allSatisfy({ $0 == c }) {
                        setext = c == "=" ? 1 : 2
                        break
                    }
                    text.append(lines[i - 1])
                }
                if let level = setext {
                    blocks.append((.heading(level: level, text: text.map(trimmed).joined(separator: " ")), start))
                } else {
                    blocks.append((.paragraph(text), start))
                }
            }
        }
        return blocks
    }

    /// Whether line `i` starts a block that ends a paragraph or list item above it.
    static func interrupts(_ lines: [String], _ i: Int) -> Bool {
        let t = trimmed(lines[i])
        if fence(lines[i]) != nil || heading(t) != nil || t.hasPrefix(">") || displayMath(lines, i) != nil { return true }
        if tableStart(lines, i) != nil { return true }
        if let (_, marker, _) = listItem(lines[i]) { return !marker.first!.isNumber || marker.hasPrefix("1") }
        return isRule(t) && !t.allSatisfy { $0 == "-" }
    }

    /// The opening fence of a code block: ``` or ~~~, at most three spaces in.
    static func fence(_ line: String) -> (character: Character, length: Int, indent: Int)? {
        let indent = indentation(line)
        let t = trimmed(line)
        guard indent < 4, let c = t.first, c == "`" || c == "~" else { return nil }
        let length = t.prefix { $0 == c }.count
        guard length >= 3, c == "~" || !t.dropFirst(length).contains("`") else { return nil }
        return (c, length, indent)
    }

    static func closes(_ line: String, _ fence: (character: Character, length: Int, indent: Int)) -> Bool {
        let t = trimmed(line)
        return t.prefix { $0 == fence.character }.count >= fence.length && t.allSatisfy { $0 == fence.character }
    }

    /// `$$…$$` starting at line `i`, on one line or several; the LaTeX and the line after it.
    static func displayMath(_ lines: [String], _ i: Int) -> (String, Int)? {
        let t = trimmed(lines[i])
        guard t.hasPrefix("$$") else { return nil }
        var body = String(t.dropFirst(2))
        if let end = closingDollars(body) { return (String(body[..<end]), i + 1) }
        var j = i + 1
        while j < lines.count, !trimmed(lines[j]).isEmpty {
            if let end = closingDollars(lines[j]) { return (body + " " + lines[j][..<end], j + 1) }
            body += " " + lines[j]
            j += 1
        }
        return nil
    }

    /// Where the first `$$` in `line` starts.
    static func closingDollars(_ line: String) -> String.Index? {
        var i = line.startIndex
        while i < line.endIndex {
            let next = line.index(after: i)
            if line[i] == "$", next < line.endIndex, line[next] == "$" { return i }
            i = next
        }
        return nil
    }

    static func heading(_ t: String) -> MarkdownBlock? {
        let level = t.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let rest = t.dropFirst(level)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = trimmed(String(rest))
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing > 0, closing == text.count || text.dropLast(closing).last == " " {
            text = trimmed(String(text.dropLast(closing)))
        }
        return .heading(level: level, text: text)
    }

    static func isRule(_ t: String) -> Bool {
        guard let c = t.first, c == "-" || c == "*" || c == "_" else { return false }
        return t.allSatisfy { $0 == c || $0 == " " } && t.filter { $0 == c }.count >= 3
    }

    /// `- text`, `* text`, `+ text`, `1. text`, `1) text`: indentation, marker and text.
    static func listItem(_ line: String) -> (Int, String, String)? {
        let t = trimmed(line)
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        var marker: Substring
        if let c = t.first, c == "-" || c == "*" || c == "+" {
            marker = t.prefix(1)
        } else if (1...9).contains(digits.count), let d = t.dropFirst(digits.count).first, d == "." || d == ")" {
            marker = t.prefix(digits.count + 1)
        } else {
            return nil
        }
        let rest = t.dropFirst(marker.count)
        guard rest.first == " " else { return nil }
        return (indentation(line), String(marker), trimmed(String(rest)))
    }

    /// The column alignments when line `i` is a table's header row: it has as many cells as the delimiter
    /// row under it.
    static func tableStart(_ lines: [String], _ i: Int) -> [Table.Alignment]? {
        guard i + 1 < lines.count, lines[i].contains("|"), let alignments = alignmentRow(lines[i + 1]),
              cells(lines[i], count: nil).count == alignments.count else { return nil }
        return alignments
    }

    /// The alignments of a table's delimiter row (`|:---|---:|:---:|`), nil if `line` is not one.
    static func alignmentRow(_ line: String) -> [Table.Alignment]? {
        guard line.contains("-"), line.contains("|") else { return nil }
        var alignments: [Table.Alignment] = []
        for cell in cells(line, count: nil) {
            let body = cell.trimmingPrefix(":")
            let right = body.hasSuffix(":")
            let dashes = right ? body.dropLast() : body[...]
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(cell.hasPrefix(":") && right ? .center : right ? .right : .left)
        }
        return alignments.isEmpty ? nil : alignments
    }

    /// The cells of a table row, split at unescaped pipes, `\|` unescaped; padded or cut to `count`.
    static func cells(_ line: String, count: Int?) -> [String] {
        var t = trimmed(line)
        if t.hasPrefix("|") { t.removeFirst() }
        if t.hasSuffix("|"), !t.hasSuffix("\\|") { t.removeLast() }
        var cells: [String] = [], cell = "", escaped = false
        for c in t {
            if c == "|" && !escaped {
                cells.append(cell)
                cell = ""
            } else if c == "|" {
                cell.removeLast()
                cell.append(c)
            } else {
                cell.append(c)
            }
            escaped = c == "\\" && !escaped
        }
        cells.append(cell)
        cells = cells.map(trimmed)
        guard let count else { return cells }
        return Array((cells + Array(repeating: "", count: max(0, count - cells.count))).prefix(count))
    }

    static func trimmed(_ s: String) -> String {
        String(s.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// Tabs as spaces to the next multiple of four columns.
    static func expandTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var out = ""
        for c in line {
            if c == "\t" { out += String(repeating: " ", count: 4 - out.count % 4) } else { out.append(c) }
        }
        return out
    }
}
