import Testing
import LearnText
@testable import LearnNotebook

/// Every lesson laid out for a terminal of 40, 80 and 100 columns: no line is wider than the terminal,
/// so the terminal never wraps one itself (which would split a number or a name: `learn` breaks lines
/// only between words and, in formulas, before `=`, `+`, `−` and `·`). With a locale that is not
/// UTF-8, every character is ASCII.
@Suite struct TerminalLayoutTests {
    static let lessons = LessonLibrary().names.filter { !LessonGoldenTests.datasetLessons.contains($0) }

    @Test(arguments: lessons)
    func everyLineFitsTheTerminal(_ name: String) throws {
        let document = try LessonEvaluator().evaluate(try LessonLibrary().lesson(name))
        for width in [40, 80, 100] {
            for unicode in [true, false] {
                let style = TerminalStyle(colour: false, width: width, unicode: unicode)
                let text = TerminalRenderer(style: style).render(document)
                var shown = 0
                for line in text.split(separator: "\n") where line.count > width {
                    shown += 1
                    if shown <= 3 { Issue.record("\(name) at \(width) columns\(unicode ? "" : " (ASCII)"): \(line.count) wide: \(line)") }
                }
                if !unicode {
                    let foreign = text.unicodeScalars.filter { !$0.isASCII }
                    #expect(foreign.isEmpty, "\(name) in ASCII has \(String(String.UnicodeScalarView(foreign.prefix(20))))")
                }
            }
        }
    }

    /// Formulas break only before an operator, never inside a number or a name: the atoms of every
    /// step, read back from the laid-out lines, are the atoms of the formula.
    @Test(arguments: ["backprop", "delta-rule", "softmax", "optimizers"])
    func formulasBreakOnlyAtOperators(_ name: String) throws {
        let document = try LessonEvaluator().evaluate(try LessonLibrary().lesson(name))
        let writer = FormulaText()
        for case .step(let s) in document.parts.flatMap(\.blocks) {
            let pieces = writer.step(symbol: s.symbol, forms: s.forms, value: s.value)
            let flat = FormulaText.flat(pieces)
            for width in [40, 80, 100] {
                let lines = FormulaLayout.lines(pieces, width: width, indent: 4)
                // Joined with single spaces, the lines give back the formula on one line.
                let joined = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                #expect(joined == flat, "\(name) \(s.name) at \(width)")
                // Every number and name stands whole on one line.
                for case .atom(let atom) in pieces where !atom.isEmpty {
                    #expect(lines.contains { $0.contains(atom) }, "\(name) \(s.name) at \(width): '\(atom)' is split")
                }
                // A line after the first starts with an operator, or with a word of a remark.
                let operators = pieces.compactMap { p -> String? in if case .op(_, _, let broken) = p { return broken } else { return nil } }
                for line in lines.dropFirst() {
                    let t = line.trimmingCharacters(in: .whitespaces)
                    let byOperator = operators.contains { !$0.isEmpty && t.hasPrefix($0) }
                    let byWord = pieces.contains { if case .op(let l, _, "") = $0 { return l >= 100 } else { return false } }
                    #expect(byOperator || byWord, "\(name) \(s.name) at \(width): '\(line)'")
                }
            }
        }
    }
}
