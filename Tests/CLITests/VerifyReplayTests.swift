import Foundation
import Testing

/// Every `expect NAME = VALUE` line of every lesson, typed into `learn verify` as a learner would type
/// it, is accepted: the lesson's names are unique and a published number is a right answer.
///
/// The lines are read from the lesson files here, not from the program. A published number written
/// with fewer significant digits than verify's default asks for is replayed with `--min-digits` set to
/// its digits (the rule under test is then only the match). Expectations with a tolerance or a range
/// (`± 0.001`, `in 0.596...0.597`) state what the lesson accepts, not a number a learner writes; the
/// lesson's own run checks them.
@Suite struct VerifyReplayTests {
    static let lessonsFolder = LearnProcess.packageRoot.appendingPathComponent("lessons")
    static let datasetLessons: Set<String> = ["mnist", "mnist-cnn", "overfitting", "autoencoder"]

    static var lessons: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: lessonsFolder.path)) ?? []
        return files.filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { String($0.dropLast(3)) }.sorted()
    }

    /// The `expect NAME = VALUE` lines inside the lesson's ```learn cells, as (name, value), each name
    /// as a learner types it: with the prefix of the run the cell refers to (`run … as and` makes
    /// `expect converged` the lesson's `and.converged`).
    static func expectations(_ lesson: String) throws -> [(String, String)] {
        let text = try String(contentsOf: lessonsFolder.appendingPathComponent("\(lesson).md"), encoding: .utf8)
        var inCell = false, prefix: String? = nil, result: [(String, String)] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") { inCell = line == "```learn"; continue }
            guard inCell else { continue }
            let words = line.split(separator: "#", omittingEmptySubsequences: false)[0].split(separator: " ").map(String.init)
            if words.first == "run" {
                prefix = words.count >= 3 && words[words.count - 2] == "as" ? words.last : nil
            }
            guard words.first == "expect", words.count == 4, words[2] == "=" else { continue }
            result.append((prefix.map { "\($0).\(words[1])" } ?? words[1], words[3]))
        }
        return result
    }

    /// Significant digits as a person counts them: leading zeros do not count.
    static func significantDigits(_ text: String) -> Int {
        let mantissa = text.split(whereSeparator: { $0 == "e" || $0 == "E" })[0]
        let digits = mantissa.filter(\.isNumber).drop(while: { $0 == "0" })
        return max(1, digits.count)
    }

    @Test(arguments: lessons)
    func everyPublishedNumberIsARightAnswer(_ lesson: String) throws {
        let expectations = try Self.expectations(lesson)
        guard !expectations.isEmpty else { return }
        var environment: [String: String] = [:]
        if Self.datasetLessons.contains(lesson) {
            guard let mnist = ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"], !mnist.isEmpty else { return }
            environment["LEARN_DATA"] = mnist
        }
        // A lesson may state a number twice (in two sections); a sheet answers each name once.
        var sheets: [[(String, String)]] = []
        for e in expectations {
            if let i = sheets.firstIndex(where: { !$0.contains { $0.0 == e.0 } }) { sheets[i].append(e) } else { sheets.append([e]) }
        }
        for sheet in sheets {
            let fewest = sheet.map { Self.significantDigits($0.1) }.min()!
            let answers = sheet.map { "\($0.0)=\($0.1)" }
            let r = try LearnProcess.run(["verify", lesson, "--min-digits", String(min(3, fewest))] + answers,
                                         environment: environment)
            #expect(r.status == 0, "\(lesson): \(r.error)\n\(r.output)")
            #expect(r.output.contains("\(sheet.count) answer"), "\(lesson): \(r.output)")
            #expect(!r.output.contains("✗") && !r.output.contains("? "), "\(lesson): \(r.output)")
        }
    }
}
