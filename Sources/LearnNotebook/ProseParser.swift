import LearnText

/// Reads a lesson's Markdown prose into the document's typed blocks: `MarkdownBlock` finds the blocks,
/// `InlineParser` their inline text (and live references). A bad reference is a `LessonError` at the
/// line of the block that holds it.
struct ProseParser {
    var inline: InlineParser
    /// The file and the line the prose starts on, for messages.
    var file: String
    var firstLine: Int

    func parse(_ markdown: String) throws(LessonError) -> [Block] {
        var blocks: [Block] = []
        for (block, line) in MarkdownBlock.parseWithLines(markdown) {
            do {
                blocks.append(try convert(block))
            } catch {
                throw LessonError(file: file, line: firstLine + line, error.message)
            }
        }
        return blocks
    }

    private func text(_ markdown: String) throws(InlineParser.ReferenceError) -> [Inline] {
        try inline.parse(markdown)
    }

    private func convert(_ block: MarkdownBlock, depth: Int = 0) throws(InlineParser.ReferenceError) -> Block {
        switch block {
        case .heading(let level, let t):
            return .heading(level: level, try text(t))
        case .paragraph(let lines):
            return .paragraph(try paragraph(lines))
        case .code(let lines):
            return .code(language: nil, lines: lines)
        case .math(let latex):
            return .math(latex)
        case .table(let header, let alignments, let rows):
            var columns: [Table.Column] = []
            for (k, h) in header.enumerated() {
                columns.append(Table.Column(header: try text(h), alignment: alignments[k]))
            }
            var cells: [[[Inline]]] = []
            for row in rows {
                var parsed: [[Inline]] = []
                for cell in row { parsed.append(try text(cell)) }
                cells.append(parsed)
            }
            return .table(Table(columns: columns, rows: cells))
        case .list(let items):
            var out: [ListItem] = []
            for item in items {
                let number = item.ordered ? Int(item.marker.dropLast()) : nil
                out.append(ListItem(level: item.level, number: number, text: try text(item.text)))
            }
            return .list(out)
        case .quote(let lines):
            // Quotes nest as deep as eight; deeper ones are read as one paragraph.
            guard depth < 8 else { return .quote([.paragraph(try paragraph(lines))]) }
            var inner: [Block] = []
            for (b, _) in MarkdownBlock.parseWithLines(lines.joined(separator: "\n")) {
                inner.append(try convert(b, depth: depth + 1))
            }
            return .quote(inner)
        case .rule:
            return .rule
        }
    }

    /// A paragraph's lines joined; a line ending in two spaces or a backslash ends a line of the output too.
    private func paragraph(_ lines: [String]) throws(InlineParser.ReferenceError) -> [Inline] {
        var out: [Inline] = [], current = ""
        for (k, raw) in lines.enumerated() {
            var t = MarkdownBlock.trimmed(raw)
            let backslash = t.hasSuffix("\\") && !t.hasSuffix("\\\\")
            let hard = k + 1 < lines.count && (raw.hasSuffix("  ") || backslash)
            if hard && backslash { t.removeLast() }
            current += current.isEmpty || t.isEmpty ? t : "\n" + t
            if hard {
                out += try text(current) + [.lineBreak]
                current = ""
            }
        }
        out += try text(current)
        return out
    }
}
