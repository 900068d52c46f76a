import Foundation
import LearnCore
import LearnNotebook
import LearnText

/// `learn grade NAME [--seed N] FILES…`: judges a class's answer sheets against a lesson (or its
/// exercise for a seed), prints a score per learner and the class's statistics step by step, and with
/// `--csv FILE` writes one row per learner.
enum GradeCommand {
    static let help = HelpCommand.Command(name: "grade", summary: "grade a class's answer sheets: scores, CSV, step statistics", usage: """
        learn grade NAME [--seed N] [--csv FILE] [--min-digits N] [--lessons DIR] FILE|FOLDER…

        Judges each answer sheet as 'learn verify' does (see 'learn help verify') and prints one line per
        learner: right, consequential, wrong, too few digits, and the first wrong step with its slip.
        Then, for each quantity, how many got it wrong and the slip named most often.

        A sheet is a text file of 'name = value' lines ('#' comments). A line '# seed: N' says which
        exercise it answers ('learn exercise NAME --seed N'); otherwise --seed N, or else the lesson's
        own numbers. A folder stands for the files in it. A file that cannot be read or has a malformed
        line is reported by name and line; the others are still graded.

          --seed N         the exercise the sheets answer, unless a sheet names its own
          --csv FILE       also write one row per learner (RFC 4180): file, seed, right, consequential,
                           wrong, too few digits, first slip; written whole or not at all
          --min-digits N   significant digits an answer needs (default 3)
        \(LessonsFolder.help)

        Example:  learn grade backprop --seed 7 --csv class.csv sheets/
        Exit status: 0 when every sheet was graded, 65 when one was malformed, 66 when one could not be
        read, 64 for a bad command line.
        """)

    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "grade", valued: ["--seed", "--csv", "--lessons", "--min-digits"],
                                      switches: ["--help"])
        if arguments.has("--help") { return try HelpCommand.run(["grade"]) }
        guard let name = arguments.positionals.first else { throw UsageError("grade: which lesson? (learn grade NAME FILE…)") }
        let paths = Array(arguments.positionals.dropFirst())
        guard !paths.isEmpty else { throw UsageError("grade: give the answer sheets (files or folders)") }
        let seed = try ExerciseCommand.seed(arguments)
        let minimumDigits = try arguments.integer("--min-digits", in: 1...17) ?? 3
        let csv = arguments.last("--csv")
        if let csv { _ = try OutputPath.checkWritable(csv, option: "--csv") }
        let library = try LessonsFolder.library(arguments)
        let lesson = try library.lesson(name)

        var documents: [String: Document] = [:]
        func document(_ seed: UInt64?, _ settings: [Argument]) throws -> Document {
            let key = "\(seed.map(String.init) ?? "-") " + settings.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
            if let d = documents[key] { return d }
            let d: Document
            do { d = try VerifyTarget.document(lesson, seed: seed, overrides: settings, library: library) } catch let error as UsageError {
                throw CommandError(message: error.message, status: .dataError)
            }
            documents[key] = d
            return d
        }

        var sheets: [ClassReport.Sheet] = [], failed: [ExitStatus] = []
        for file in try files(paths) {
            do {
                let sheet = try AnswerSheet(path: file)
                guard !sheet.lines.isEmpty else { throw CommandError(message: "\(file): no answers in it (lines 'name = value')", status: .dataError) }
                let seed = sheet.seed ?? seed
                let verifier: Verifier
                do { verifier = Verifier(document: try document(seed, sheet.settings), minimumDigits: minimumDigits) } catch let error as CommandError {
                    throw CommandError(message: "\(file): \(error.message)", status: error.status)
                }
                sheets.append(ClassReport.Sheet(file: file, seed: seed, verdicts: try judge(sheet, with: verifier)))
            } catch let error as CommandError {
                Output.error(error.message)
                failed.append(error.status)
            }
        }
        let report = ClassReport(sheets: sheets)
        Output.standard(GradeReport(width: Terminal.width).lines(report, lesson: name, failed: failed.count).joined(separator: "\n"))
        if let csv { try Output.writeAtomically(data: Data(GradeReport.csv(report).utf8), to: csv, option: "--csv") }
        if failed.contains(.dataError) { return .dataError }
        return failed.isEmpty ? .ok : .noInput
    }

    /// The sheet's answers judged; an unknown name or a value that is not a number is an error at its line.
    static func judge(_ sheet: AnswerSheet, with verifier: Verifier) throws(CommandError) -> [Verifier.Verdict] {
        let result = Result { () throws(Verifier.Failure) in try verifier.check(sheet.answers) }
        switch result {
        case .success(let verdicts): return verdicts
        case .failure(let error):
            let place = sheet.line(of: error.name).map { "\(sheet.path):\($0)" } ?? sheet.path
            throw CommandError(message: "\(place): \(error.description)", status: .dataError)
        }
    }

    /// The files named, each folder replaced by the regular files in it (not hidden), sorted by name;
    /// a file named twice (`a.txt ./a.txt`, or also in a folder given) is graded once.
    static func files(_ paths: [String]) throws -> [String] {
        var seen = Set<String>()
        // A path that does not resolve is kept: reading it reports why.
        return try listed(paths).filter { path in OutputPath.canonical(path).map { seen.insert($0).inserted } ?? true }
    }

    private static func listed(_ paths: [String]) throws -> [String] {
        var result: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                result.append(path)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for entry in names.sorted() where !entry.hasPrefix(".") {
                let full = (path as NSString).appendingPathComponent(entry)
                var sub: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { result.append(full) }
            }
        }
        return result
    }
}

extension Verifier.Failure {
    /// The answer's name the failure is about.
    var name: String {
        switch self {
        case .unknownName(let name, _), .notANumber(let name, _), .repeated(let name): return name
        }
    }
}
