import LearnText
import LearnNotebook

/// `learn list`: the lessons, grouped by part in course order, with their one-line summaries and the
/// lessons to read first.
enum ListCommand {
    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "list", valued: ["--lessons"], switches: ["--help"])
        if arguments.has("--help") { return try HelpCommand.run(["list"]) }
        guard arguments.positionals.isEmpty else { throw UsageError("list: unexpected argument '\(arguments.positionals[0])'") }
        let library = try LessonsFolder.library(arguments)
        let lessons = try library.lessons()
        let style = TerminalStyle(colour: Terminal.colour, width: Terminal.width)
        var markdown = "# Lessons\n"
        var part: String?? = .none
        for lesson in lessons {
            if part != .some(lesson.header.part) {
                part = .some(lesson.header.part)
                markdown += "\n## \((lesson.header.part ?? "more").capitalized)\n\n"
            }
            let after = lesson.header.prerequisites.isEmpty
                ? "" : " *(after \(lesson.header.prerequisites.map { "`\($0)`" }.joined(separator: ", ")))*"
            markdown += "- `\(lesson.name)`: \(lesson.header.summary)\(after)\n"
        }
        if let folder = library.folder {
            let from = library.added.map { "`\($0)` (new)" } + library.replaced.map { "`\($0)` (replacing the built-in one)" }
            markdown += "\nFrom `\(folder)`: \(from.isEmpty ? "no lessons" : from.joined(separator: ", ")).\n"
        }
        markdown += "\nRun `learn lesson NAME` to step through one (its first page names the deck and slides it follows), `learn verify NAME name=value …` to check your numbers.\n"
        Output.standard(TerminalRenderer(style: style).render(markdown), terminator: "")
        return .ok
    }
}
