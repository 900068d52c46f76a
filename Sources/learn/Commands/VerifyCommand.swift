import LearnText
import Foundation
import LearnCore
import LearnNotebook
import LearnText

/// `learn verify NAME name=value …`: checks a learner's numbers against the lesson's, each to the
/// precision it was written with.
enum VerifyCommand {
    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "verify", valued: ["--set", "--digits", "--answers", "--lessons", "--min-digits", "--seed"],
                                      switches: ["--help", "--names"])
        if arguments.has("--help") { return try HelpCommand.run(["verify"]) }
        guard let name = arguments.positionals.first else { throw UsageError("verify: which lesson? (learn verify NAME name=value …)") }
        var answers = try arguments.positionals.dropFirst().map { (text: String) throws(UsageError) -> Argument in
            try Arguments.assignment(text, option: "verify")
        }
        let minimumDigits = try arguments.integer("--min-digits", in: 1...17) ?? 3
        let format = NumberFormat(digits: try arguments.digits())
        var seed = try ExerciseCommand.seed(arguments)
        let commandLineSettings = try arguments.settings()
        var settings = commandLineSettings
        let library = try LessonsFolder.library(arguments)
        let lesson = try library.lesson(name)
        var sheet: AnswerSheet?
        if let file = arguments.last("--answers") {
            let read = try AnswerSheet(path: file)
            sheet = read
            answers += read.answers
            if let named = read.seed {
                if let seed, seed != named {
                    throw UsageError("verify: --seed \(seed) but \(file) names seed \(named)")
                }
                seed = named
            }
            for given in settings {
                if let named = read.settings.first(where: { $0.name == given.name }), named.value != given.value {
                    throw UsageError("verify: --set \(given.name)=\(given.value) but \(file) sets \(named.name)=\(named.value)")
                }
            }
            settings = read.settings + settings
        }
        let document: Document
        do { document = try VerifyTarget.document(lesson, seed: seed, overrides: settings, library: library) } catch {
            guard let sheet else { throw error }
            throw sheetSettingAtFault(in: sheet, besides: commandLineSettings, lesson: lesson, seed: seed, library: library) ?? error
        }
        if arguments.has("--names") {
            guard answers.isEmpty else { throw UsageError("verify: --names lists the names; give answers without it") }
            Output.standard(VerifyNames(unicode: Terminal.unicode, width: Terminal.width).lines(document).joined(separator: "\n"))
            return .ok
        }
        guard !answers.isEmpty else { throw UsageError("verify: give answers as name=value or --answers FILE (names: learn verify \(name) --names)") }

        let verdicts: [Verifier.Verdict]
        do { verdicts = try Verifier(document: document, minimumDigits: minimumDigits).check(answers) } catch {
            throw UsageError("verify \(name): \(error.description)")
        }
        let report = VerifyReport(format: format, width: Terminal.width, colour: Terminal.colour, unicode: Terminal.unicode,
                                  minimumDigits: minimumDigits)
        if let seed { Output.standard("Exercise of \(name), seed \(seed):") }
        Output.standard(report.lines(verdicts).joined(separator: "\n"))
        return verdicts.allSatisfy(\.isAccepted) ? .ok : .mismatch
    }
}

extension VerifyCommand {
    /// When the lesson (or exercise) could not be built: the `# set:` line of `sheet` whose value the
    /// derivation cannot take, as that file's line (65), or nil when the fault is elsewhere. Tried one
    /// setting at a time, only after a failure; settings also on the command line are not the sheet's.
    static func sheetSettingAtFault(in sheet: AnswerSheet, besides commandLine: [Argument], lesson: Lesson, seed: UInt64?,
                                    library: LessonLibrary) -> CommandError? {
        let fromCommandLine = Set(commandLine.map(\.name))
        for named in sheet.settings where !fromCommandLine.contains(named.name) {
            do { _ = try VerifyTarget.document(lesson, seed: seed, overrides: [named], library: library) } catch {
                let line = sheet.settingLines[named.name].map { ":\($0)" } ?? ""
                let reason = (error as? UsageError)?.message ?? "\(error)"
                return CommandError(message: "\(sheet.path)\(line): '# set: \(named.name)=\(named.value)': \(reason)", status: .dataError)
            }
        }
        return nil
    }
}

/// The document a learner's answers are checked against: the lesson's own run (with `--set` values),
/// or the exercise drawn for a seed (with `--set` values chosen instead of drawn).
enum VerifyTarget {
    static func document(_ lesson: Lesson, seed: UInt64?, overrides: [Argument], library: LessonLibrary) throws -> Document {
        guard let seed else { return try Evaluation.document(lesson, overrides: overrides) }
        do {
            return try ExerciseSheet(lesson: lesson, seed: seed, settings: overrides, library: library).key
        } catch let error as ExerciseError {
            throw UsageError(error.description)
        }
    }
}
