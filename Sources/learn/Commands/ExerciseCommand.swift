import LearnCore
import LearnNotebook
import LearnText

/// `learn exercise NAME [--seed N] [--key]`: a lesson's worked example with fresh numbers, as a worksheet
/// or (with `--key`) its answers and worked solution, on the terminal, in Markdown or in HTML.
enum ExerciseCommand {
    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "exercise", valued: ["--seed", "--format", "--output", "--lessons", "--set"],
                                      switches: ["--key", "--help"])
        if arguments.has("--help") { return try HelpCommand.run(["exercise"]) }
        let library = try LessonsFolder.library(arguments)
        guard let name = arguments.positionals.first else {
            // Without a name: the lessons that have an exercise, one per line, and how to start one.
            let names = ExerciseSheet.lessons(in: library)
            Output.standard("Lessons with an exercise:")
            for name in names { Output.standard("  " + name) }
            Output.standard("Start one with:  learn exercise NAME --seed N  (e.g. learn exercise \(names.first ?? "backprop") --seed 7)")
            return .ok
        }
        guard arguments.positionals.count == 1 else { throw UsageError("exercise: unexpected argument '\(arguments.positionals[1])'") }
        let format = arguments.last("--format") ?? "terminal"
        guard LessonCommand.formats.contains(format) else {
            throw UsageError("--format: expected \(LessonCommand.formats.joined(separator: ", ")), got '\(format)'")
        }
        let given = try seed(arguments)
        let output = arguments.last("--output")
        if let output { try OutputPath.checkWritable(output, option: "--output") }
        let lesson = try library.lesson(name)

        var generator = SystemRandomNumberGenerator()
        let seed = given ?? generator.next()
        let sheet: ExerciseSheet
        do {
            sheet = try ExerciseSheet(lesson: lesson, seed: seed, settings: try arguments.settings(), library: library)
        } catch let error as ExerciseError {
            throw UsageError("exercise: \(error.description)")
        }
        if given == nil { Output.error(note: "seed \(seed) (drawn at random; --seed \(seed) gives this sheet again)") }

        let document = arguments.has("--key") ? sheet.key : sheet.sheet
        let text: String
        switch format {
        case "markdown": text = MarkdownRenderer().render(document)
        case "html": text = HTMLRenderer().render(document)
        default:
            let style = Terminal.style(toTerminal: output == nil && Terminal.outputIsTerminal)
            text = TerminalRenderer(style: style).render(document)
        }
        try LessonCommand.write(text, to: output)
        return .ok
    }

    /// `--seed N`: a whole number from 0 to 2⁶⁴ − 1, or nil when not given.
    static func seed(_ arguments: Arguments) throws(UsageError) -> UInt64? {
        guard let text = arguments.last("--seed") else { return nil }
        guard let seed = UInt64(text) else {
            throw UsageError("--seed: expected a whole number from 0 to \(UInt64.max), got '\(text)'")
        }
        return seed
    }
}

extension ExerciseCommand {
    static let help = HelpCommand.Command(name: "exercise", summary: "a lesson's worked example with fresh numbers, to do by hand", usage: """
        learn exercise NAME [--seed N] [--set name=value]… [--key] [--format terminal|markdown|html]
                            [--output FILE] [--lessons DIR]

        Prints a worksheet: the worked example of lesson NAME with new, hand-friendly numbers (weights
        with two decimals, sigmoids out of saturation, a perceptron update that changes the prediction),
        the givens as 'name = value' lines, then each quantity to compute with its symbol and a blank.
        The same seed always gives the same sheet, and the sheet shows its seed.

          --seed N           which variant: a whole number from 0 to 18446744073709551615. Without it a
                             seed is drawn at random and printed on standard error
          --set name=value   choose a parameter instead of drawing it (learn exercise delta-rule
                             --set layers=2-3-1); the rest is drawn from the seed as always
          --key              print the answers instead, as 'name = value' lines (the format of
                             'learn verify --answers FILE'), then the worked solution
          --format F         terminal (default), markdown or html (a printable page), as 'learn lesson'
          --output FILE      write to FILE instead of standard output (atomically)
        \(LessonsFolder.help)

        Lessons with an exercise: those whose worked example declares one ('learn exercise' without
        a name lists them).
        Example:  learn exercise backprop --seed 7
                  learn exercise backprop --seed 7 --key --format html --output key.html
        Exit status: 0 (also for the list), or 64 for a bad command line, an unknown lesson or a lesson
        without an exercise, 66 when the lessons folder is not found, 73 when FILE cannot be written.
        """)
}
