import Foundation
import Testing

/// `learn exercise`: the same seed prints the same sheet, the sheet shows its seed, `--key` prints answers
/// in the `--answers` format, the formats and `--output` work as for `learn lesson`, bad input is one line.
@Suite struct ExerciseCommandTests {
    /// The `name = value` lines of a key printed on the terminal: the indented lines under "Answers".
    static func answerLines(_ output: String) -> [String] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "Answers"),
              let end = lines[start...].firstIndex(of: "Worked solution") else { return [] }
        return lines[start..<end].filter { $0.hasPrefix("    ") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func theSameSeedPrintsTheSameSheet() throws {
        let a = try LearnProcess.run(["exercise", "backprop", "--seed", "7"])
        let b = try LearnProcess.run(["exercise", "backprop", "--seed", "7"])
        #expect(a.status == 0, "\(a.error)")
        #expect(a.error.isEmpty)
        #expect(a.output == b.output)
        #expect(a.output.contains("seed 7"))
        #expect(a.output.contains("w5+ = ______"))
        let other = try LearnProcess.run(["exercise", "backprop", "--seed", "8"])
        #expect(other.output != a.output)
        let largest = try LearnProcess.run(["exercise", "backprop", "--seed", "18446744073709551615"])
        #expect(largest.status == 0 && largest.output.contains("seed 18446744073709551615"), "2⁶⁴ − 1 is a seed")
    }

    @Test func withoutASeedOneIsDrawnAndShown() throws {
        let r = try LearnProcess.run(["exercise", "softmax"])
        #expect(r.status == 0, "\(r.error)")
        let note = try #require(r.error.split(separator: "\n").first)
        #expect(note.hasPrefix("seed "))
        let seed = String(note.dropFirst(5).prefix { $0.isNumber })
        #expect(UInt64(seed) != nil)
        #expect(r.output.contains("exercise, seed \(seed)"))
        let again = try LearnProcess.run(["exercise", "softmax", "--seed", seed])
        #expect(again.output == r.output, "--seed \(seed) gives the drawn sheet again")
    }

    @Test func theKeyIsAnAnswersFile() throws {
        let r = try LearnProcess.run(["exercise", "backprop", "--seed", "7", "--key"])
        #expect(r.status == 0, "\(r.error)")
        #expect(r.output.contains("seed 7"))
        let lines = Self.answerLines(r.output)
        #expect(lines.contains("# seed: 7"))
        let answers = lines.filter { !$0.hasPrefix("#") }
        #expect(answers.count == 41, "\(answers)")
        for line in answers {
            let parts = line.components(separatedBy: " = ")
            #expect(parts.count == 2 && Double(parts[1]) != nil, "'\(line)' is not name = value")
        }
        #expect(answers.first?.hasPrefix("net_h1 = ") == true)
        #expect(answers.contains { $0.hasPrefix("w1+ = ") } && answers.contains { $0.hasPrefix("dE_total/dw8 = ") })
        #expect(r.output.contains("Worked solution"))

        let folder = try LearnProcess.temporaryFolder()
        let file = folder.appendingPathComponent("key.txt")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        // The key names its seed ('# seed: 7'), so verify checks it against that exercise: all right.
        let verify = try LearnProcess.run(["verify", "backprop", "--answers", file.path])
        #expect(verify.status == 0, "\(verify.status): \(verify.error)\n\(verify.output)")
        #expect(verify.output.contains("41 answers: 41 right, 0 consequential, 0 wrong"), "\(verify.output)")
        let explicit = try LearnProcess.run(["verify", "backprop", "--seed", "7", "--answers", file.path])
        #expect(explicit.status == 0, "\(explicit.error)")
        // The same answers are not seed 8's.
        let other = try LearnProcess.run(["verify", "backprop", "--seed", "8", "--answers", file.path])
        #expect(other.status == 64 && other.error.contains("names seed 7"), "\(other.error)")
    }

    @Test func aChosenParameterIsKeptAndTheRestDrawn() throws {
        // The delta rule for a network the learner chooses: 2-3-1 has 2·3 + 3 + 3·1 + 1 = 13 weights.
        let arguments = ["exercise", "delta-rule", "--seed", "4", "--set", "layers=2-3-1"]
        let a = try LearnProcess.run(arguments), b = try LearnProcess.run(arguments)
        #expect(a.status == 0 && a.output == b.output, "\(a.error)")
        #expect(a.output.contains("layers = 2-3-1"))
        let key = try LearnProcess.run(arguments + ["--key"])
        let lines = Self.answerLines(key.output)
        #expect(lines.contains("# seed: 4") && lines.contains("# set: layers=2-3-1"), "\(lines)")
        #expect(lines.filter { $0.hasPrefix("w_") && $0.contains("+ = ") }.count == 13, "\(lines)")
        let file = try LearnProcess.temporaryFolder().appendingPathComponent("key.txt")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let verify = try LearnProcess.run(["verify", "delta-rule", "--answers", file.path])
        #expect(verify.status == 0, "\(verify.error)\n\(verify.output)")
        for bad in [["--set", "layers=x"], ["--set", "nope=1"]] {
            let r = try LearnProcess.run(["exercise", "delta-rule", "--seed", "4"] + bad)
            #expect(r.status == 64 && r.error.split(separator: "\n").count == 1, "\(bad): \(r.error)")
        }
    }

    @Test func verifyWithASeedDiagnosesTheExercise() throws {
        // From the key of seed 7, ∂E_total/∂out_o1 with its sign flipped, carried into ∂E_total/∂net_o1
        // = ∂E_total/∂out_o1 · ∂out_o1/∂net_o1, worked here from the key's own numbers.
        let key = Self.answerLines(try LearnProcess.run(["exercise", "backprop", "--seed", "7", "--key"]).output)
        func value(_ name: String) -> Double {
            Double(key.first { $0.hasPrefix("\(name) = ") }!.components(separatedBy: " = ")[1])!
        }
        let flipped = -value("dE_total/dout_o1")
        let carried = flipped * value("dout_o1/dnet_o1")
        let r = try LearnProcess.run(["verify", "backprop", "--seed", "7",
                                      "dE_total/dout_o1=\(String(format: "%.6f", flipped))",
                                      "dE_total/dnet_o1=\(String(format: "%.6f", carried))"])
        #expect(r.status == 1)
        #expect(r.output.contains("likely slip: sign flipped"), "\(r.output)")
        #expect(r.output.contains("→ dE_total/dnet_o1") && r.output.contains("follows from your dE_total/dout_o1"), "\(r.output)")
        #expect(r.output.contains("First wrong step: dE_total/dout_o1 (sign flipped)"), "\(r.output)")
    }

    @Test func markdownAndHTMLLikeALesson() throws {
        let md = try LearnProcess.run(["exercise", "perceptron", "--seed", "3", "--key", "--format", "markdown"])
        #expect(md.status == 0, "\(md.error)")
        #expect(md.output.hasPrefix("# The perceptron learning rule: exercise, seed 3, key"))
        #expect(md.output.contains("```\n# learn verify perceptron --seed 3 --answers FILE\n# seed: 3\n"))

        let folder = try LearnProcess.temporaryFolder()
        let page = folder.appendingPathComponent("sheet.html")
        let html = try LearnProcess.run(["exercise", "perceptron", "--seed", "3", "--format", "html", "--output", page.path])
        #expect(html.status == 0, "\(html.error)")
        #expect(html.output.isEmpty)
        let text = try String(contentsOf: page, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        #expect(text.contains("exercise, seed 3"))
        #expect(text.contains("<math"))
        #expect(try LearnProcess.run(["exercise", "perceptron", "--seed", "3", "--format", "html"]).output == text)
    }

    @Test func helpNamesTheCommand() throws {
        for arguments in [["help", "exercise"], ["exercise", "--help"]] {
            let r = try LearnProcess.run(arguments)
            #expect(r.status == 0)
            #expect(r.output.contains("learn exercise NAME [--seed N] [--set name=value]… [--key]"))
        }
        #expect(try LearnProcess.run(["help"]).output.contains("  exercise  a lesson's worked example with fresh numbers"))
    }

    @Test func badInputIsOneLine() throws {
        for (arguments, mentions) in [
            (["exercise", "backprop", "--seed", "x"], "--seed: expected a whole number from 0 to 18446744073709551615, got 'x'"),
            (["exercise", "backprop", "--seed", "-1"], "got '-1'"),
            (["exercise", "backprop", "--seed", "18446744073709551616"], "got '18446744073709551616'"),
            (["exercise", "backprop", "--seed", "1.5"], "got '1.5'"),
            (["exercise", "backprob", "--seed", "1"], "did you mean backprop"),
            (["exercise", "xor", "--seed", "1"], "lesson 'xor' has no exercise (lessons with one: "),
            (["exercise", "backprop", "--format", "pdf"], "terminal, markdown, html"),
            (["exercise", "backprop", "softmax"], "unexpected argument 'softmax'"),
            (["exercise", "backprop", "--seed"], "--seed needs a value"),
        ] {
            let r = try LearnProcess.run(arguments)
            #expect(r.status == 64, "\(arguments): status \(r.status), stderr \(r.error)")
            #expect(r.error.contains(mentions), "\(arguments): \(r.error)")
            #expect(r.error.split(separator: "\n").count == 1, "\(arguments): not one line: \(r.error)")
            #expect(r.output.isEmpty, "\(arguments)")
        }
        // Without a name it lists the lessons that have an exercise, as its help says.
        let list = try LearnProcess.run(["exercise"])
        #expect(list.status == 0 && list.error.isEmpty)
        #expect(list.output.hasPrefix("Lessons with an exercise:\n") && list.output.contains("\n  backprop\n"), "\(list.output)")
        let folder = try LearnProcess.run(["exercise", "backprop", "--seed", "1", "--output", "/nonexistent/dir/x.md"])
        #expect(folder.status == 73)
    }
}
