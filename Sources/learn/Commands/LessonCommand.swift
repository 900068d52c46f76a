import LearnCore
import LearnNotebook
import LearnText

/// `learn lesson NAME`: evaluates a lesson into its document, then shows it one page per key press on
/// a terminal, whole otherwise, or writes it as Markdown or HTML.
enum LessonCommand {
    static let formats = ["terminal", "markdown", "html"]

    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "lesson",
                                      valued: ["--set", "--digits", "--format", "--output", "--lessons", "--section"],
                                      switches: ["--all", "--help", "--no-checks"])
        if arguments.has("--help") { return try HelpCommand.run(["lesson"]) }
        guard let name = arguments.positionals.first else { throw UsageError("lesson: which lesson? (see 'learn list')") }
        guard arguments.positionals.count == 1 else { throw UsageError("lesson: unexpected argument '\(arguments.positionals[1])'") }
        let format = arguments.last("--format") ?? "terminal"
        guard formats.contains(format) else {
            throw UsageError("--format: expected \(formats.joined(separator: ", ")), got '\(format)'")
        }
        let section = try arguments.integer("--section", in: 0...Int.max)
        let numbers = NumberFormat(digits: try arguments.digits())
        let output = arguments.last("--output")
        let lesson = try LessonsFolder.library(arguments).lesson(name)
        let evaluated = try Evaluation.document(lesson, overrides: try arguments.settings())

        var document = arguments.has("--no-checks") ? evaluated.withoutChecks() : evaluated
        if let section {
            guard let only = document.section(section) else {
                let count = document.sections.count
                throw UsageError("--section \(section): lesson '\(name)' has sections 1 to \(count) (and 0, the introduction)")
            }
            document = only
        }

        switch format {
        case "markdown":
            try write(MarkdownRenderer(format: numbers).render(document), to: output)
        case "html":
            try write(HTMLRenderer(format: numbers).render(document), to: output)
        default:
            let toTerminal = output == nil && Terminal.outputIsTerminal
            if toTerminal && Terminal.inputIsTerminal && !arguments.has("--all") {
                let style = Terminal.style()
                let pager = Pager(layout: { width in
                    var s = style
                    s.width = width
                    return TerminalRenderer(style: s, format: numbers).pages(document)
                }, colour: style.colour, unicode: style.unicode)
                if pager.run() == .interrupted { return .interrupted }
            } else {
                let style = Terminal.style(toTerminal: toTerminal)
                try write(TerminalRenderer(style: style, format: numbers).render(document), to: output)
            }
        }
        for failure in evaluated.failures {
            Output.error("\(failure.location): expect \(failure.name): published \(failure.published), computed \(numbers.string(failure.computed ?? .nan))")
        }
        return evaluated.failures.isEmpty ? .ok : .dataError
    }

    /// `text` to `path` (atomically) or to standard output.
    static func write(_ text: String, to path: String?) throws {
        if let path { try Output.writeAtomically(text, to: path) } else { Output.standard(text, terminator: "") }
    }
}

/// Evaluating a lesson from the command line: an unknown `--set` name or a value out of its range is a
/// usage error (exit 64); a value the derivation refuses (it names the parameter and why) exits 65.
enum Evaluation {
    static func document(_ lesson: Lesson, overrides: [Argument]) throws -> Document {
        do {
            return try LessonEvaluator(overrides: overrides).evaluate(lesson)
        } catch let error as OverrideError {
            switch error {
            case .unknownParameter(let name, _, _): throw UsageError("--set \(name): \(error.description)")
            case .badValue: throw UsageError("--set \(error.description)")
            // A value the parameter's range lets through but the maths cannot take (the message names the
            // parameter and why): bad data rather than a bad command line, as issue 11 asks.
            case .rejected: throw CommandError(message: "--set \(error.description)", status: .dataError)
            }
        }
    }
}
