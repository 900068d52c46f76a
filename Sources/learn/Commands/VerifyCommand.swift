import LearnText
import Foundation
import LearnCore
import LearnNotebook

/// `learn verify NAME name=value …`: checks a learner's numbers against the lesson's, each to the
/// precision it was written with.
enum VerifyCommand {
    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "verify", valued: ["--set", "--digits", "--answers", "--lessons", "--min-digits"],
                                      switches: ["--help", "--names"])
        if arguments.has("--help") { return try HelpCommand.run(["verify"]) }
        guard let name = arguments.positionals.first else { throw UsageError("verify: which lesson? (learn verify NAME name=value …)") }
        var answers = try arguments.positionals.dropFirst().map { (text: String) throws(UsageError) -> Argument in
            try Arguments.assignment(text, option: "verify")
        }
        let minimumDigits = try arguments.integer("--min-digits", in: 1...17) ?? 3
        let format = NumberFormat(digits: try arguments.digits())
        let lesson = try LessonsFolder.library(arguments).lesson(name)
        if let file = arguments.last("--answers") { answers += try readAnswers(file) }
        if arguments.has("--names") {
            guard answers.isEmpty else { throw UsageError("verify: --names lists the names; give answers without it") }
            let document = try Evaluation.document(lesson, overrides: try arguments.settings())
            Output.standard(VerifyNames(unicode: Terminal.unicode, width: Terminal.width).lines(document).joined(separator: "\n"))
            return .ok
        }
        guard !answers.isEmpty else { throw UsageError("verify: give answers as name=value or --answers FILE (names: learn verify \(name) --names)") }

        let document = try Evaluation.document(lesson, overrides: try arguments.settings())
        let verdicts: [Verifier.Verdict]
        do { verdicts = try Verifier(document: document, minimumDigits: minimumDigits).check(answers) } catch {
            throw UsageError("verify \(name): \(error.description)")
        }
        let report = VerifyReport(format: format, width: Terminal.width, colour: Terminal.colour, unicode: Terminal.unicode,
                                  minimumDigits: minimumDigits)
        Output.standard(report.lines(verdicts).joined(separator: "\n"))
        return verdicts.allSatisfy(\.isAccepted) ? .ok : .mismatch
    }

    /// `name = value` per line; blank lines and `#` comments are skipped.
    static func readAnswers(_ path: String) throws -> [Argument] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError(message: "--answers \(path): no such file or it cannot be read", status: .noInput)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandError(message: "--answers \(path): not UTF-8 text", status: .dataError)
        }
        var answers: [Argument] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(raw)
            if let hash = line.firstIndex(of: "#") { line = String(line[..<hash]) }
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            do { answers.append(try Arguments.assignment(line, option: "answers")) } catch {
                throw CommandError(message: "\(path):\(n + 1): expected 'name = value', got '\(line.trimmingCharacters(in: .whitespaces))'",
                                   status: .dataError)
            }
        }
        return answers
    }
}
