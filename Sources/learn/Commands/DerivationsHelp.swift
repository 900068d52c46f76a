import LearnNotebook
import LearnText

/// `learn help derivations [NAME]`: what a lesson's `run` line can name, from the course's registry:
/// every derivation with its summary and parameters, or one with its sections and a table of its
/// parameters (default, the values it takes, meaning).
enum DerivationsHelp {
    static func run(_ arguments: [String]) throws -> ExitStatus {
        let entries = DerivationCatalog.entries
        let blocks: [Block]
        if let name = arguments.first {
            guard arguments.count == 1 else { throw UsageError("help derivations: unexpected argument '\(arguments[1])'") }
            guard let entry = DerivationCatalog.entry(name) else {
                let near = LessonLibrary.nearest(to: name, in: entries.map(\.name))
                let hint = near.isEmpty ? "see 'learn help derivations'" : "did you mean \(near.joined(separator: " or "))?"
                throw UsageError("help derivations: no derivation '\(name)' (\(hint))")
            }
            blocks = detail(entry)
        } else {
            blocks = [.heading(level: 1, [.text("Derivations")]),
                      .paragraph([.text("A lesson runs one with "), .code("run NAME [name=value …]"), .text(" and shows its sections with "),
                                  .code("show SECTION"), .text("; "), .code("learn help derivations NAME"),
                                  .text(" gives its sections and a table of its parameters. Defaults are the slides' values.")])]
                + entries.map { e in
                    .list([ListItem(level: 0, number: nil, text: [.strong([.code(e.name)]), .text(": " + e.summary)]),
                           ListItem(level: 1, number: nil, text: [.text("parameters: ")] + codes(e.parameters.map(\.name)))])
                }
        }
        Output.standard(TerminalRenderer(style: Terminal.style()).render(blocks), terminator: "")
        return .ok
    }

    static func detail(_ e: DerivationCatalog.Entry) -> [Block] {
        var blocks: [Block] = [.heading(level: 1, [.code(e.name)]), .paragraph([.text(e.summary)]),
                               .paragraph([.text("Sections: ")] + codes(e.sections))]
        let columns = ["parameter", "default", "what it is", "takes"].map { Table.Column(header: [.text($0)], alignment: .left) }
        blocks.append(.table(Table(columns: columns, rows: e.parameters.map { p in
            [[.code(p.name)], [.text(p.defaultValue)], [.text(p.meaning)], [.text(p.accepts)]]
        })))
        return blocks
    }

    /// Names as code, separated by commas.
    static func codes(_ names: [String]) -> [Inline] {
        names.isEmpty ? [.text("none")] : names.enumerated().flatMap { k, n -> [Inline] in (k > 0 ? [.text(", ")] : []) + [.code(n)] }
    }
}
