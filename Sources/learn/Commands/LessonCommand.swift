import LearnText
import LearnCore
import LearnNotebook

/// `learn lesson NAME`: shows a lesson, one step per key press on a terminal, all at once otherwise.
enum LessonCommand {
    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "lesson", valued: ["--set", "--digits", "--format", "--output", "--lessons"],
                                      switches: ["--all", "--help"])
        if arguments.has("--help") { return try HelpCommand.run(["lesson"]) }
        guard let name = arguments.positionals.first else { throw UsageError("lesson: which lesson? (see 'learn list')") }
        guard arguments.positionals.count == 1 else { throw UsageError("lesson: unexpected argument '\(arguments.positionals[1])'") }
        let format = arguments.last("--format") ?? "terminal"
        guard format == "terminal" || format == "markdown" else {
            throw UsageError("--format: expected terminal or markdown, got '\(format)'")
        }
        let output = arguments.last("--output")
        let toTerminal = output == nil && Terminal.outputIsTerminal
        let runner = LessonRunner(format: NumberFormat(digits: try arguments.digits()), overrides: try arguments.settings(),
                                  unicodePictures: format == "markdown" || (toTerminal && Terminal.colour))
        let lesson = try LessonsFolder.library(arguments).lesson(name)
        let result = try runner.run(lesson)
        var units = result.units.map(\.markdown)
        if result.overridden {
            let changed = try arguments.settings().map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
            units.append("*Computed with \(changed). The published numbers were not checked, since they are for the slides' values.*")
        }

        if format == "markdown" {
            let document = units.joined(separator: "\n\n") + "\n"
            if let output { try Output.writeAtomically(document, to: output) } else { Output.standard(document, terminator: "") }
        } else {
            let style = TerminalStyle(colour: toTerminal && Terminal.colour, width: Terminal.width)
            let renderer = TerminalRenderer(style: style)
            if toTerminal && Terminal.inputIsTerminal && !arguments.has("--all") {
                Pager(units: units.map { renderer.render($0) }, colour: style.colour).run()
            } else {
                let text = units.map { renderer.render($0) }.joined(separator: "\n")
                if let output { try Output.writeAtomically(text, to: output) } else { Output.standard(text, terminator: "") }
            }
        }
        for failure in result.failures {
            let e = failure.expectation
            Output.error("\(lesson.file):\(e.line): expect \(e.name): published \(describe(e.bound)), computed \(runner.format.string(failure.computed ?? .nan))")
        }
        return result.failures.isEmpty ? .ok : .dataError
    }

    static func describe(_ bound: Expectation.Bound) -> String {
        switch bound {
        case .asWritten(let text): return text
        case .tolerance(let x, let t): return "\(x) ± \(t)"
        case .range(let low, let high): return "in \(low)...\(high)"
        }
    }
}
