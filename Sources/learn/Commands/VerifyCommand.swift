import LearnText
import Foundation
import LearnCore
import LearnNotebook

/// `learn verify NAME name=value …`: checks a learner's numbers against the lesson's, each to the
/// precision it was written with.
enum VerifyCommand {
    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "verify", valued: ["--set", "--digits", "--answers", "--lessons"],
                                      switches: ["--help"])
        if arguments.has("--help") { return try HelpCommand.run(["verify"]) }
        guard let name = arguments.positionals.first else { throw UsageError("verify: which lesson? (learn verify NAME name=value …)") }
        var answers = try arguments.positionals.dropFirst().map { (text: String) throws(UsageError) -> Argument in
            try Arguments.assignment(text, option: "verify")
        }
        if let file = arguments.last("--answers") { answers += try readAnswers(file) }
        guard !answers.isEmpty else { throw UsageError("verify: give answers as name=value or --answers FILE") }

        let format = NumberFormat(digits: try arguments.digits())
        let lesson = try LessonsFolder.library(arguments).lesson(name)
        let document = try Evaluation.document(lesson, overrides: try arguments.settings())
        let verdicts: [Verifier.Verdict]
        do { verdicts = try Verifier.check(answers, against: document) } catch {
            throw UsageError("verify \(name): \(error.description)")
        }
        let formulas = FormulaText(format: format, unicode: Terminal.unicode)

        let colour = Terminal.colour
        func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var lines: [String] = []
        for v in verdicts {
            let expected = format.string(v.quantity.value)
            if v.matches {
                lines.append("\(paint("✓", "32")) \(v.name) = \(v.written.text)   (lesson: \(expected))")
            } else {
                lines.append("\(paint("✗", "31")) \(v.name) = \(v.written.text)   expected \(paint(expected, "1"))")
                if let hint = v.roundingHint { lines.append("    your digits are truncated: rounded, it is \(hint)") }
            }
            if let step = v.quantity.step {
                let pieces = formulas.step(symbol: step.symbol, forms: step.forms, value: step.value)
                lines += FormulaLayout.lines(pieces, width: Terminal.width, indent: 4)
            }
        }
        let matched = verdicts.filter(\.matches).count
        lines.append("\(matched) of \(verdicts.count) match.")
        Output.standard(lines.joined(separator: "\n"))
        return matched == verdicts.count ? .ok : .mismatch
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
