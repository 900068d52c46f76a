import LearnCore

/// Renders a `Document` as Markdown for any renderer (GitHub, KaTeX, MathJax, Pandoc): prose as
/// Markdown, maths in `$…$` and `$$…$$` with multi-letter names upright (`\mathrm{net}_{h1}`,
/// `E_{\text{total}}`), a long step split over lines with `aligned`, tables as pipe tables, plots and
/// pictures as text pictures in fenced blocks.
public struct MarkdownRenderer: Sendable {
    public let format: NumberFormat
    /// A step whose one-line form is longer than this many characters is split with `aligned`.
    public var alignedBeyond: Int

    public init(format: NumberFormat = NumberFormat(), alignedBeyond: Int = 72) {
        self.format = format
        self.alignedBeyond = alignedBeyond
    }

    /// The whole document, blocks separated by an empty line, ending with a newline.
    public func render(_ d: Document) -> String {
        var blocks: [String] = ["# " + escaped(d.title), "*" + escaped(d.summary) + "*", "Source: " + escaped(d.source) + "."]
        if !d.prerequisites.isEmpty { blocks.append("Read first: " + escaped(d.prerequisites.joined(separator: ", ")) + ".") }
        if !d.changes.isEmpty { blocks.append(banner(d.changes)) }
        for part in d.parts { blocks += part.blocks.map(render) }
        return blocks.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }

    /// Blocks alone, as Markdown.
    public func render(_ blocks: [Block]) -> String { blocks.map(render).joined(separator: "\n\n") + "\n" }

    func banner(_ changes: [ParameterChange]) -> String {
        let list = changes.map { "$\(Symbol.latex($0.name))$ = \(escaped($0.value)) (slides: \(escaped($0.slides)))" }
        return "> **Your values, not the slides':** " + list.joined(separator: "; ")
            + ". Passages about the slides' numbers are left out, and the published numbers are not checked."
    }

    func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text):
            return String(repeating: "#", count: min(max(level, 1), 6)) + " " + inline(text)
        case .paragraph(let text):
            return inline(text)
        case .list(let items):
            return items.map { item in
                String(repeating: "  ", count: item.level) + (item.number.map { "\($0)." } ?? "-") + " " + inline(item.text)
            }.joined(separator: "\n")
        case .quote(let blocks):
            return blocks.map(render).joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        case .code(let language, let lines):
            let fence = Self.fence(for: lines)
            return fence + (language ?? "") + "\n" + lines.joined(separator: "\n") + "\n" + fence
        case .math(let latex):
            return "$$" + latex + "$$"
        case .table(let t):
            return table(t)
        case .rule:
            return "---"
        case .step(let s):
            return step(s)
        case .plot(let p):
            return picture(p.title, PlotText(width: 60, height: 14, unicode: true, format: NumberFormat(digits: 3)).draw(p))
        case .image(let i):
            return picture(i.title, ImageText(unicode: true).draw(i))
        case .regions(let m):
            return picture(m.title, RegionText(unicode: true).draw(m))
        case .network(let n):
            return NetworkTables.blocks(n).map(render).joined(separator: "\n\n")
        case .checks(let checks):
            var lines: [String] = []
            let passed = checks.filter(\.passed)
            if !passed.isEmpty {
                lines.append("✓ Reproduced: " + passed.map { "`\($0.name)` = \($0.published)" }.joined(separator: ", "))
            }
            for f in checks where !f.passed {
                lines.append("✗ `\(f.name)`: published \(f.published), computed \(f.computed.map(format.string) ?? "nothing")")
            }
            return lines.joined(separator: "  \n")
        case .notice(let n):
            let assumed = n.assumes.map { "$\(Symbol.latex($0.name))$ = \(escaped($0.slides))" }.joined(separator: ", ")
            return "*⋯ A passage about the slides' numbers is left out: it assumes \(assumed).*"
        }
    }

    /// `$$symbol = formula = numbers = value$$`, split with `aligned` when long; the note in italics.
    func step(_ s: DocumentStep) -> String {
        let printed = s.printedForms(format)
        let sides = printed.map { $0.form.latex($0.format) } + [s.result.latex(format)]
        let plain = ([s.symbol.plainText(format)] + printed.map { $0.form.plainText($0.format) }).joined(separator: " = ")
            + " = " + s.result.plainText(format)
        var text: String
        if plain.count > alignedBeyond {
            text = "$$\n\\begin{aligned}\n" + s.symbol.latex(format) + " &= " + sides.joined(separator: " \\\\\n&= ") + "\n\\end{aligned}\n$$"
        } else {
            text = "$$" + ([s.symbol.latex(format)] + sides).joined(separator: " = ") + "$$"
        }
        if let note = s.note { text += "\n\n*" + inline(note) + "*" }
        return text
    }

    func table(_ t: Table) -> String {
        var lines: [String] = []
        if let title = t.title { lines += ["**" + inline(title) + "**", ""] }
        lines.append("| " + t.columns.map { cell($0.header) }.joined(separator: " | ") + " |")
        lines.append("|" + t.columns.map { c in
            switch c.alignment { case .left: ":---"; case .right: "---:"; case .center: ":---:" }
        }.joined(separator: "|") + "|")
        for row in t.rows {
            let cells = (0..<t.columns.count).map { $0 < row.count ? cell(row[$0]) : "" }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    func cell(_ inlines: [Inline]) -> String {
        inline(inlines).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    func picture(_ title: String, _ lines: [String]) -> String {
        let fence = Self.fence(for: lines)
        return (title.isEmpty ? "" : "**" + escaped(title) + "**\n\n") + fence + "text\n" + lines.joined(separator: "\n") + "\n" + fence
    }

    /// A code fence longer than any run of backticks in `lines`.
    static func fence(for lines: [String]) -> String {
        var longest = 0
        for line in lines {
            var run = 0
            for c in line { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    func inline(_ inlines: [Inline]) -> String {
        inlines.map { x -> String in
            switch x {
            case .text(let t): return escaped(t)
            case .emphasis(let inner): return "*" + inline(inner) + "*"
            case .strong(let inner): return "**" + inline(inner) + "**"
            case .code(let c):
                let ticks = String(repeating: "`", count: (c.split(separator: "`", omittingEmptySubsequences: false).count > 1) ? 2 : 1)
                let pad = c.hasPrefix("`") || c.hasSuffix("`") ? " " : ""
                return ticks + pad + c + pad + ticks
            case .math(let latex): return "$" + latex + "$"
            case .formula(let f): return "$" + f.latex(format) + "$"
            case .number(let n): return format.string(n)
            case .quantity(let q): return TerminalRenderer.text(q, format: format)
            case .slidesValue(let t): return escaped(t)
            case .link(let label, let url): return "[" + inline(label) + "](" + url + ")"
            case .lineBreak: return "\\\n"
            }
        }.joined()
    }

    /// Text with the characters Markdown would read as markup escaped.
    func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_$[]<{".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
