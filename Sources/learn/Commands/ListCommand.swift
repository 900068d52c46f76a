import LearnNotebook

/// `learn list`: the lessons, grouped by part, with their one-line summaries.
enum ListCommand {
    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "list", valued: ["--lessons"], switches: ["--help"])
        if arguments.has("--help") { return try HelpCommand.run(["list"]) }
        guard arguments.positionals.isEmpty else { throw UsageError("list: unexpected argument '\(arguments.positionals[0])'") }
        let lessons = try LessonsFolder.library(arguments).lessons()
        let style = TerminalStyle(colour: Terminal.colour, width: Terminal.width)
        var markdown = "# Lessons\n"
        var part: String?? = .none
        for lesson in lessons {
            if part != .some(lesson.header.part) {
                part = .some(lesson.header.part)
                markdown += "\n## \((lesson.header.part ?? "more").capitalized)\n\n"
            }
            markdown += "- `\(lesson.name)`: \(lesson.header.summary)\n"
        }
        markdown += "\nRun `learn lesson NAME` to step through one, `learn verify NAME name=value …` to check your numbers.\n"
        Output.standard(TerminalRenderer(style: style).render(markdown), terminator: "")
        return .ok
    }
}
