import LearnCore

/// Renders a `Document` for a terminal, laid out to `style.width` columns.
///
/// - The header (title, summary, source, and a banner listing changed parameters) is the first page;
///   each part of the document is a page of its own (`pages`), which the pager shows one at a time.
/// - Paragraphs and lists are reflowed, breaking only at spaces; inline maths only beside an operator.
/// - A trace step is laid out by `FormulaLayout`: on one line if it fits, else broken at `=`, then at
///   `+` / `−`, then at `·`, with a hanging indent; never inside a number or a name.
/// - Tables fit the width (cells wrap; a table that cannot fit becomes records); plots and region maps
///   are drawn to the width; pictures are drawn as they are.
/// - With `style.colour` false the output holds no escape character; with `style.unicode` false it is
///   ASCII throughout.
public struct TerminalRenderer: Sendable {
    public let style: TerminalStyle
    public let format: NumberFormat

    /// A code line cut to `width` columns: a line too long for the terminal continues on the next,
    /// indented by two, each cut marked at its end (↩, or \ in ASCII), preferably after a comma or a
    /// space in the second half of the piece. Nothing of the line is lost.
    func codeLines(_ line: String, width: Int) -> [String] {
        let characters = Array(line)
        guard characters.count > width, width >= 12 else { return [line] }
        let mark: Character = style.unicode ? "↩" : "\\"
        var pieces: [String] = [], start = 0
        while start < characters.count {
            let lead = start == 0 ? 0 : 2
            let room = width - lead
            if characters.count - start <= room {
                pieces.append(String(repeating: " ", count: lead) + String(characters[start...])); break
            }
            var end = start + room - 1
            if let cut = (start + (room - 1) / 2..<end).last(where: { characters[$0] == "," || characters[$0] == " " }) { end = cut + 1 }
            pieces.append(String(repeating: " ", count: lead) + String(characters[start..<end]) + String(mark))
            start = end
            while start < characters.count, characters[start] == " " { start += 1 }
        }
        return pieces
    }

    /// Spaces before display maths, formulas, code and pictures.
    static let blockIndent = 4

    public init(style: TerminalStyle, format: NumberFormat = NumberFormat()) {
        self.style = style
        self.format = format
    }

    var width: Int { style.columns }
    var formulaText: FormulaText { FormulaText(format: format, unicode: style.unicode) }

    /// The document as pages: the header, then one page per part. Each page ends without a newline.
    public func pages(_ document: Document) -> [String] {
        [header(document).joined(separator: "\n")]
            + document.parts.map { render(blocks: $0.blocks).joined(separator: "\n") }
    }

    /// The whole document, pages separated by an empty line, ending with a newline.
    public func render(_ document: Document) -> String {
        pages(document).filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }

    /// Blocks as text, separated by empty lines, ending with a newline (empty for no blocks).
    public func render(_ blocks: [Block]) -> String {
        let lines = render(blocks: blocks)
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    // MARK: Header

    func header(_ d: Document) -> [String] {
        var blocks: [Block] = [.heading(level: 1, [.text(d.title)]), .paragraph([.emphasis([.text(d.summary)])]),
                               .paragraph([.text("Source: \(d.source).")])]
        if !d.prerequisites.isEmpty { blocks.append(.paragraph([.text("Read first: \(d.prerequisites.joined(separator: ", ")).")])) }
        var lines = render(blocks: blocks)
        if !d.changes.isEmpty { lines += [""] + banner(d.changes) }
        return lines
    }

    /// The changed parameters with the slides' values, and what that means for the lesson.
    func banner(_ changes: [ParameterChange]) -> [String] {
        var text = StyledText()
        text.append(style.characters("⚑ Your values, not the slides':"), [.bold, .heading])
        for (k, c) in changes.enumerated() {
            text.append(" ", [])
            text.append(formulaText.symbol(c.name) + " = " + style.characters(c.value), [.bold], breakable: false)
            text.append(" ", [])
            text.append("(slides: \(style.characters(c.slides)))" + (k + 1 < changes.count ? ";" : "."), [.dim])
        }
        text.append(" Passages about the slides' numbers are left out, and the published numbers are not checked.", [])
        return text.wrap(width, style: style).map(\.text)
    }

    // MARK: Blocks

    func render(blocks: [Block], width: Int? = nil) -> [String] {
        let width = width ?? self.width
        var out: [String] = []
        for block in blocks {
            let lines = render(block, width: width)
            if lines.isEmpty { continue }
            if !out.isEmpty { out.append("") }
            out += lines
        }
        return out
    }

    func render(_ block: Block, width: Int) -> [String] {
        let indent = String(repeating: " ", count: Self.blockIndent)
        switch block {
        case .heading(let level, let text):
            return heading(level, text, width: width)
        case .paragraph(let text):
            return paragraph(styled(text), width: width)
        case .list(let items):
            return list(items, width: width)
        case .quote(let blocks):
            let margin = style.paint(style.unicode ? "│" : "|", .dim)
            return render(blocks: blocks, width: max(width - 2, 10)).map { $0.isEmpty ? margin : margin + " " + $0 }
        case .code(_, let lines):
            return lines.flatMap { line -> [String] in
                line.allSatisfy(\.isWhitespace) ? [""] : codeLines(style.characters(line), width: width - indent.count).map { indent + $0 }
            }
        case .math(let latex):
            let unicode = style.characters(MathText.unicode(latex, subscripts: style.unicodeSubscripts))
            return FormulaLayout.lines(FormulaLayout.pieces(unicode: unicode), width: width, indent: Self.blockIndent)
        case .table(let table):
            return self.table(table, width: width)
        case .rule:
            return [style.paint(String(repeating: style.unicode ? "─" : "-", count: min(width, 60)), .dim)]
        case .step(let step):
            return self.step(step, width: width)
        case .plot(var plot):
            if !style.unicode {
                plot.title = style.characters(plot.title); plot.xLabel = style.characters(plot.xLabel); plot.yLabel = style.characters(plot.yLabel)
                for k in plot.series.indices { plot.series[k].name = style.characters(plot.series[k].name) }
            }
            let room = width - Self.blockIndent
            let fitted = PlotText(width: 60, height: 14, unicode: style.unicodePictures, format: NumberFormat(digits: 3))
                .fitted(to: room, for: plot)
            let drawing = (fitted.width > 60 ? PlotText(width: 60, height: 14, unicode: style.unicodePictures,
                                                        format: NumberFormat(digits: 3)) : fitted).draw(plot)
            return picture(plot.title, drawing, width: width)
        case .image(let image):
            return picture(image.title, ImageText(unicode: style.unicodePictures).draw(image), width: width)
        case .regions(var map):
            if !style.unicode {
                map.regionNames = map.regionNames.map(style.characters); map.pointNames = map.pointNames.map(style.characters)
                map.panels = map.panels.map { var p = $0; p.caption = p.caption.map(style.characters); return p }
                map.xLabel = style.characters(map.xLabel); map.yLabel = style.characters(map.yLabel)
            }
            let drawing = RegionText(unicode: style.unicodePictures, width: max(20, width - Self.blockIndent)).draw(map)
            return picture(map.title, drawing, width: width)
        case .network(let network):
            return render(blocks: NetworkTables.blocks(network), width: width)
        case .checks(let checks):
            return self.checks(checks, width: width)
        case .notice(let notice):
            return self.notice(notice, width: width)
        }
    }

    /// A bold title, then a picture indented under it (less indented when the picture is wide).
    func picture(_ title: String, _ lines: [String], width: Int) -> [String] {
        let widest = lines.map(\.count).max() ?? 0
        let indent = String(repeating: " ", count: max(0, min(Self.blockIndent, width - widest)))
        let heading = title.isEmpty ? [] : paragraph(styled([.strong([.text(title)])]), width: width) + [""]
        return heading + lines.map { $0.isEmpty ? "" : indent + style.characters($0) }
    }

    func heading(_ level: Int, _ text: [Inline], width: Int) -> [String] {
        let attributes: TerminalStyle.Attributes = level <= 2 ? [.bold, .heading] : style.colour ? [.bold, .underline] : [.bold]
        let lines = styled(text, attributes).wrap(width, style: style)
        guard !lines.isEmpty else { return [] }
        let length = lines.map(\.width).max() ?? 0
        let marks = style.unicode ? ["═", "─", "┈"] : ["=", "-", "-"]
        let rule: String? = switch level {
        case 1: style.paint(String(repeating: marks[0], count: length), .heading)
        case 2: style.paint(String(repeating: marks[1], count: length), .heading)
        default: style.colour ? nil : String(repeating: marks[2], count: length)
        }
        return lines.map(\.text) + (rule.map { [$0] } ?? [])
    }

    /// Styled text wrapped to `width`; a line break in it starts a new line; lines after the first are
    /// indented by `hang`.
    func paragraph(_ text: StyledText, width: Int, hang: Int = 0) -> [String] {
        var out: [String] = []
        for (k, line) in text.lines.enumerated() {
            let wrapped = line.wrap(max(width - hang, 10), style: style)
            out += wrapped.enumerated().map { (k > 0 || $0.offset > 0 ? String(repeating: " ", count: hang) : "") + $0.element.text }
        }
        return out
    }

    /// A list: bullets by level, numbers right-aligned, continuation lines under the item's text.
    func list(_ items: [ListItem], width: Int) -> [String] {
        let bullets = style.unicode ? ["•", "◦", "▪"] : ["*", "-", "+"]
        var numberWidth: [Int: Int] = [:]
        for item in items { if let n = item.number { numberWidth[item.level] = max(numberWidth[item.level] ?? 0, "\(n).".count) } }
        var starts = [0]
        var out: [String] = []
        for item in items {
            let level = min(item.level, starts.count - 1)
            let marker = item.number.map { String(repeating: " ", count: (numberWidth[level] ?? 0) - "\($0).".count) + "\($0)." }
                ?? bullets[level % bullets.count]
            let start = starts[level], content = start + marker.count + 1
            starts = Array(starts.prefix(level + 1)) + [content]
            let lines = paragraph(styled(item.text), width: max(width - content, 10))
            let painted = style.paint(marker, item.number == nil ? .heading : .bold)
            let first = String(repeating: " ", count: start) + painted + " " + (lines.first ?? "")
            out.append(TerminalTable.trailingSpacesRemoved(first))
            out += lines.dropFirst().map { $0.isEmpty ? "" : String(repeating: " ", count: content) + $0 }
        }
        return out
    }

    func table(_ t: Table, width: Int) -> [String] {
        let table = TerminalTable(header: t.columns.map { styled($0.header, .bold) }, alignments: t.columns.map(\.alignment),
                                  rows: t.rows.map { $0.map { styled($0) } })
        let title = t.title.map { paragraph(styled([.strong($0)]), width: width) + [""] } ?? []
        return title + table.lines(width: width, style: style)
    }

    /// `symbol = formula = numbers = value`, laid out to the width, then the note.
    func step(_ s: DocumentStep, width: Int) -> [String] {
        let printed = s.printedForms(format)
        let pieces = formulaText.step(symbol: s.symbol, forms: printed.map(\.form), result: s.result, formats: printed.map(\.format))
        var lines = FormulaLayout.lines(pieces, width: width, indent: Self.blockIndent)
        if let note = s.note { lines += [""] + paragraph(styled([.emphasis(note)]), width: width) }
        return lines
    }

    /// One line per cell of checks: what was reproduced, then each number that was not.
    func checks(_ checks: [CheckResult], width: Int) -> [String] {
        var out: [String] = []
        let passed = checks.filter(\.passed), failed = checks.filter { !$0.passed }
        if !passed.isEmpty {
            var text = StyledText()
            text.append(style.characters("✓ Reproduced:"), [.success, .bold], breakable: false)
            for (k, c) in passed.enumerated() {
                text.append(" ", [])
                // `name = value` stays together unless it cannot fit on a line.
                let unit = style.characters(c.name + " = " + c.published) + (k + 1 < passed.count ? "," : "")
                text.append(unit, [.code], breakable: unit.count > width - 2)
            }
            out += paragraph(text, width: width, hang: 2)
        }
        for f in failed {
            var text = StyledText()
            text.append(style.characters("✗ ") + style.characters(f.name) + ":", [.failure, .bold], breakable: false)
            text.append(style.characters(" published \(f.published), computed \(f.computed.map(format.string) ?? "nothing")"), [.failure])
            out += paragraph(text, width: width, hang: 2)
        }
        return out
    }

    /// In place of a passage about the slides' numbers.
    func notice(_ n: Notice, width: Int) -> [String] {
        var text = StyledText()
        text.append(style.characters("⋯ A passage about the slides' numbers is left out: it assumes "), [.italic, .dim])
        for (k, c) in n.assumes.enumerated() {
            text.append(formulaText.symbol(c.name) + " = " + style.characters(c.slides), [.italic, .dim], breakable: false)
            text.append(k + 1 < n.assumes.count ? ", " : ".", [.italic, .dim])
        }
        return paragraph(text, width: width, hang: 2)
    }
}

extension StyledText {
    /// The text split at its line breaks.
    var lines: [StyledText] {
        var out = [StyledText()]
        for run in runs {
            let pieces = run.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (k, piece) in pieces.enumerated() {
                if k > 0 { out.append(StyledText()) }
                out[out.count - 1].append(String(piece), run.attributes, breakable: run.breakable)
            }
        }
        return out
    }
}
