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
        // A folder's NAME.md that cannot be read (a FIFO, a folder, no permission) is named on standard
        // error, once, and the other lessons are listed; 'learn lesson NAME' on it exits 66.
        let (lessons, unreadable) = try library.listing()
        for error in unreadable { Output.error("\(error.description); not listed") }
        let skipped = Set(unreadable.compactMap { if case .lessonUnreadable(let file, _) = $0 { file } else { nil } })
        var blocks: [Block] = [.heading(level: 1, [.text("Lessons")])]
        var part: String?? = .none
        var items: [ListItem] = []
        for lesson in lessons {
            if part != .some(lesson.header.part) {
                if !items.isEmpty { blocks.append(.list(items)); items = [] }
                part = .some(lesson.header.part)
                blocks.append(.heading(level: 2, [.text((lesson.header.part ?? "more").capitalized)]))
            }
            var text: [Inline] = [.code(lesson.name), .text(": \(lesson.header.summary)")]
            if !lesson.header.prerequisites.isEmpty {
                text.append(.text(" "))
                text.append(.emphasis([.text("(after ")] + lesson.header.prerequisites.enumerated().flatMap { k, p -> [Inline] in
                    (k > 0 ? [.text(", ")] : []) + [.code(p)]
                } + [.text(")")]))
            }
            items.append(ListItem(level: 0, number: nil, text: text))
        }
        if !items.isEmpty { blocks.append(.list(items)) }
        if let folder = library.folder {
            var from: [Inline] = []
            let listed = { (name: String) in library.file(of: name).map { !skipped.contains($0) } ?? false }
            for (k, name) in (library.added.filter(listed).map { ($0, " (new)") }
                              + library.replaced.filter(listed).map { ($0, " (replacing the built-in one)") }).enumerated() {
                if k > 0 { from.append(.text(", ")) }
                from += [.code(name.0), .text(name.1)]
            }
            blocks.append(.paragraph([.text("From "), .code(folder), .text(": ")] + (from.isEmpty ? [.text("no lessons")] : from) + [.text(".")]))
        }
        blocks.append(.paragraph([.text("Run "), .code("learn lesson NAME"),
                                  .text(" to step through one (its first page names the deck and slides it follows), "),
                                  .code("learn verify NAME name=value …"), .text(" to check your numbers.")]))
        Output.standard(TerminalRenderer(style: Terminal.style()).render(blocks), terminator: "")
        return .ok
    }
}
