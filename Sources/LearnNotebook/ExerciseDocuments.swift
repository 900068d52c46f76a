import LearnCore
import LearnText

/// The two documents of an exercise: the worksheet (givens, then blanks to fill) and the key (the answers
/// in the `--answers` format, then the worked solution from the evaluated run).
struct ExerciseDocuments {
    var lesson: String
    var title: String
    var deck: String
    var seed: UInt64
    /// Parameters the learner chose instead of drawing them.
    var settings: [Argument]
    var givens: [ExerciseSheet.Given]
    /// Lesson-wide names, in order.
    var asked: [String]
    /// The evaluated one-cell lesson: its quantities hold the answers, its parts the worked solution.
    var worked: Document

    /// `learn verify LESSON --seed N`, the command that checks this variant.
    var verify: String { "learn verify \(lesson) --seed \(seed)\(chosen)" }

    /// ` --set layers=2-3-1`: the settings as a command line gives them.
    var chosen: String { settings.map { " --set \($0.name)=\($0.value)" }.joined() }

    /// The asked quantities in their order, in runs of the same trace section (a quantity recorded without
    /// a step has no section and joins the run before it).
    var groups: [(section: String, quantities: [Quantity])] {
        var out: [(section: String, quantities: [Quantity])] = []
        for name in asked {
            guard let q = worked.quantity(name) else { continue }
            if let last = out.last, last.section == q.traceSection || q.traceSection.isEmpty {
                out[out.count - 1].quantities.append(q)
            } else {
                out.append((q.traceSection, [q]))
            }
        }
        return out
    }

    // MARK: The worksheet

    func sheet() -> Document {
        var parts: [Part] = []
        parts.append(Part(kind: .prose, section: 0, blocks: [
            .paragraph([.text("The worked example of "), .code("learn lesson \(lesson)"),
                        .text(" with new numbers. Compute each quantity below by hand, in order, to at least three significant digits; then check your answers.")]),
        ]))
        parts.append(Part(kind: .prose, section: 1, blocks: [
            .heading(level: 2, [.text("Given")]),
            .code(language: nil, lines: givenLines),
        ]))
        var compute: [Block] = [.heading(level: 2, [.text("Compute")])]
        for group in groups {
            if !group.section.isEmpty { compute.append(.heading(level: 3, [.text(Self.title(ofSection: group.section))])) }
            compute.append(.table(Table(columns: [Table.Column(header: [.text("quantity")], alignment: .left),
                                                  Table.Column(header: [.text("your answer")], alignment: .left)],
                                        rows: group.quantities.map { q in [[.formula(q.symbol)], [.code(q.name), .text(" = ______")]] })))
        }
        parts.append(Part(kind: .prose, section: 2, blocks: compute))
        let first = asked.prefix(2).map { "\($0)=…" }.joined(separator: " ")
        parts.append(Part(kind: .practice, section: 3, blocks: [
            .heading(level: 2, [.text("Check")]),
            .paragraph([.text("Check it: "), .code("\(verify) \(first) …")]),
            .paragraph([.text("Or write your answers in a file, one "), .code("name = value"), .text(" a line, and run "),
                        .code("\(verify) --answers FILE"), .text(". "),
                        .code("learn exercise \(lesson) --seed \(seed)\(chosen) --key"), .text(" prints the answers and the worked solution.")]),
        ]))
        return Document(title: title, summary: "Practice with fresh numbers: a worksheet.", source: deck, parts: parts)
    }

    /// `name = value   # meaning`, the comments aligned.
    var givenLines: [String] {
        let width = givens.map { $0.name.count + 3 + $0.value.count }.max() ?? 0
        return givens.map { g in
            let line = "\(g.name) = \(g.value)"
            return line + String(repeating: " ", count: width - line.count) + "   # " + g.meaning
        }
    }

    // MARK: The key

    func key() -> Document {
        var lines = ["# \(verify) --answers FILE", "# seed: \(seed)"] + settings.map { "# set: \($0.name)=\($0.value)" }
        for group in groups {
            if !group.section.isEmpty { lines.append("# \(group.section)") }
            lines += group.quantities.map { "\($0.name) = \(ExerciseSheet.answer($0.value))" }
        }
        var parts: [Part] = [
            Part(kind: .prose, section: 0, blocks: [
                .paragraph([.text("The answers to "), .code("learn exercise \(lesson) --seed \(seed)\(chosen)"),
                            .text(", as "), .code("\(verify) --answers FILE"), .text(" reads them; then the worked solution.")]),
            ]),
            Part(kind: .prose, section: 1, blocks: [
                .heading(level: 2, [.text("Answers")]),
                .code(language: nil, lines: lines),
            ]),
            Part(kind: .prose, section: 2, blocks: [.heading(level: 2, [.text("Worked solution")])]),
        ]
        parts += worked.parts.map { Part(kind: $0.kind, section: 2, blocks: $0.blocks) }
        var quantities = worked.quantities
        for k in quantities.indices { quantities[k].lessonSection = 2 }
        return Document(title: title + ", key", summary: "Practice with fresh numbers: the answers and the worked solution.",
                        source: deck, parts: parts, quantities: quantities, checks: worked.checks)
    }

    /// A trace section's name as a heading: `output-layer` → "Output layer".
    static func title(ofSection name: String) -> String {
        let words = name == "cross-entropy" ? name : String(name.map { $0 == "-" ? " " : $0 })
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
