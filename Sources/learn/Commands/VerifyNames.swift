import LearnCore
import LearnNotebook
import LearnText

/// `learn verify NAME --names`: the names a learner can check, by section of the lesson, each with its
/// symbol as the trace writes it. Values are not shown: the list must not give the answers away.
struct VerifyNames {
    var unicode: Bool
    var width: Int

    func lines(_ document: Document) -> [String] {
        let formulas = FormulaText(unicode: unicode)
        let headings = document.sections
        var lines = ["Names in \(document.title), to check as name=value:"]
        var bySection: [Int: [Quantity]] = [:]
        for q in document.quantities { bySection[q.lessonSection, default: []].append(q) }
        // The quantities no section shows step by step (tables, whole runs) come last.
        for section in bySection.keys.sorted(by: { ($0 == 0 ? Int.max : $0) < ($1 == 0 ? Int.max : $1) }) {
            let title = section >= 1 && section <= headings.count ? plain(headings[section - 1]) : "Also computed (in tables and runs not shown step by step)"
            lines.append("")
            lines.append(section >= 1 && title.first?.isNumber != true ? "\(section). \(title)" : title)
            let quantities = bySection[section]!
            let column = min(28, quantities.map(\.name.count).max() ?? 0)
            for q in quantities {
                let symbol = formulas.string(q.symbol)
                let name = q.name.padding(toLength: max(column, q.name.count), withPad: " ", startingAt: 0)
                let line = symbol == q.name ? "  \(q.name)" : "  \(name)  \(symbol)"
                lines.append(line.count <= width ? line : "  \(q.name)")
            }
        }
        return lines
    }

    private func plain(_ inlines: [Inline]) -> String {
        inlines.map { inline -> String in
            switch inline {
            case .text(let t), .code(let t): return t
            case .emphasis(let i), .strong(let i): return plain(i)
            case .math(let latex): return MathText.unicode(latex)
            case .link(let label, _): return plain(label)
            case .formula(let f): return FormulaText(unicode: unicode).string(f)
            case .number(let x): return NumberFormat().string(x)
            case .quantity(let q): return NumberFormat().string(q.value)
            case .slidesValue(let t): return t
            case .lineBreak: return " "
            }
        }.joined()
    }
}
