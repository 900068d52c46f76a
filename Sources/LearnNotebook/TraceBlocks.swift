import LearnCore
import LearnText

/// One trace item as the document's blocks: a step, a table (numbers right-aligned), a plot, a picture,
/// a region map, a network drawing, or a note read as Markdown.
struct TraceBlocks {
    /// Where the `show` line is, for messages.
    var file: String
    var line: Int

    func blocks(_ item: TraceItem, step: (Step) -> DocumentStep) throws(LessonError) -> [Block] {
        switch item {
        case .step(let s): return [.step(step(s))]
        case .table(let t): return [.table(table(t))]
        case .plot(let p): return [.plot(p)]
        case .image(let i): return [.image(i)]
        case .regions(let m): return [.regions(m)]
        case .network(let n): return [.network(n)]
        case .note(let markdown):
            let parser = InlineParser { name, _ throws(InlineParser.ReferenceError) in
                throw InlineParser.ReferenceError("a derivation's note holds a reference {{\(name)}}")
            }
            return try ProseParser(inline: parser, file: file, firstLine: line).parse(markdown)
        }
    }

    /// A trace table; a column of numbers and formulas only is right-aligned. A cell that is not a finite
    /// number (a table showing on purpose what overflows) reads "overflows" or "undefined", never inf or nan.
    func table(_ t: TraceTable) -> Table {
        let plain = InlineParser { _, _ throws(InlineParser.ReferenceError) in .text("") }
        func text(_ s: String) -> [Inline] { (try? plain.parse(s)) ?? [.text(s)] }
        let columns = t.columns.enumerated().map { c, heading in
            let numeric = !t.rows.isEmpty && t.rows.allSatisfy { row in
                guard c < row.count else { return true }
                if case .text = row[c] { return false }
                return true
            }
            return Table.Column(header: text(heading), alignment: numeric ? .right : .left)
        }
        let rows = t.rows.map { row in
            row.map { cell -> [Inline] in
                switch cell {
                case .text(let s): return text(s)
                case .number(let x) where x.isNaN: return [.text(NonFinite.undefined("").word)]
                case .number(let x) where x.isInfinite: return [.text(x < 0 ? "overflows (negative)" : NonFinite.overflow("").word)]
                case .number(let x): return [.number(x)]
                case .formula(let f): return [.formula(f)]
                }
            }
        }
        return Table(title: t.title.map(text), columns: columns, rows: rows)
    }
}
