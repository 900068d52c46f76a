import LearnText
import LearnCore

/// Writes trace items as Markdown: a step as display math, a table as a pipe table, a plot, picture or
/// region map as a text picture in a code block, a note as a paragraph.
struct TraceMarkdown {
    let format: NumberFormat
    let unicodePictures: Bool

    func header(_ h: LessonHeader) -> String {
        var lines = ["# \(h.title)", "", "*\(h.summary)*", "", "Source: \(h.deck)."]
        if !h.prerequisites.isEmpty { lines.append("Read first: \(h.prerequisites.joined(separator: ", ")).") }
        return lines.joined(separator: "\n")
    }

    func unit(_ item: TraceItem) -> LessonRun.Unit {
        switch item {
        case .step(let s): return .init(kind: .step, markdown: step(s))
        case .table(let t): return .init(kind: .table, markdown: table(t))
        case .plot(let p): return .init(kind: .plot, markdown: plot(p))
        case .image(let i): return .init(kind: .plot, markdown: image(i))
        case .regions(let m): return .init(kind: .plot, markdown: regions(m))
        case .note(let n): return .init(kind: .note, markdown: n)
        }
    }

    /// `$$net_{h1} = w_{1} \cdot i_{1} + … = 0.3775$$`, then the note in italics.
    func step(_ s: Step) -> String {
        let parts = [s.symbol.latex(format)] + s.forms.map { $0.latex(format) } + [Formula.number(s.value).latex(format)]
        var text = "$$" + parts.joined(separator: " = ") + "$$"
        if let note = s.note { text += "\n\n*\(note)*" }
        return text
    }

    func table(_ t: TraceTable) -> String {
        var lines: [String] = []
        if let title = t.title { lines += ["**\(escape(title))**", ""] }
        let numeric = t.columns.indices.map { c in
            !t.rows.isEmpty && t.rows.allSatisfy { row in
                guard c < row.count else { return true }
                if case .text = row[c] { return false }
                return true
            }
        }
        lines.append("| " + t.columns.map(escape).joined(separator: " | ") + " |")
        lines.append("|" + numeric.map { $0 ? "---:" : ":---" }.joined(separator: "|") + "|")
        for row in t.rows {
            let cells = row.map { cell -> String in
                switch cell {
                case .text(let s): return escape(s)
                case .number(let x): return format.string(x)
                case .formula(let f): return "$\(f.latex(format))$"
                }
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    func plot(_ p: TracePlot) -> String {
        let picture = PlotText(width: 60, height: 14, unicode: unicodePictures, format: NumberFormat(digits: 3)).draw(p)
        return "**\(escape(p.title))**\n\n```text\n" + picture.joined(separator: "\n") + "\n```"
    }

    func image(_ i: TraceImage) -> String {
        let picture = ImageText(unicode: unicodePictures).draw(i)
        return "**\(escape(i.title))**\n\n```text\n" + picture.joined(separator: "\n") + "\n```"
    }

    func regions(_ m: TraceRegionMap) -> String {
        let picture = RegionText(unicode: unicodePictures, format: NumberFormat(digits: 3)).draw(m)
        return "**\(escape(m.title))**\n\n```text\n" + picture.joined(separator: "\n") + "\n```"
    }

    /// One line saying which published numbers this cell reproduces.
    func checks(_ checks: [LessonRun.Check]) -> String? {
        let ran = checks.filter { !$0.skipped }
        guard !ran.isEmpty else { return nil }
        let passed = ran.filter(\.passed), failed = ran.filter { !$0.passed }
        var parts: [String] = []
        if !passed.isEmpty {
            parts.append("✓ Reproduced: " + passed.map { "`\($0.expectation.name)` = \(written($0.expectation.bound))" }.joined(separator: ", "))
        }
        for f in failed {
            parts.append("✗ `\(f.expectation.name)`: published \(written(f.expectation.bound)), computed \(format.string(f.computed ?? .nan))")
        }
        return parts.joined(separator: "  \n")
    }

    private func written(_ bound: Expectation.Bound) -> String {
        switch bound {
        case .asWritten(let t): return t
        case .tolerance(let x, let tol): return "\(format.string(x)) ± \(format.string(tol))"
        case .range(let lo, let hi): return "\(format.string(lo))…\(format.string(hi))"
        }
    }

    private func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
