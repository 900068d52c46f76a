import LearnText
/// The statements of a ```` ```learn ```` cell, one per line; `#` starts a comment.
///
/// - `run DERIVATION [name=value …] [as PREFIX]`
/// - `show all` | `show SECTION …` | `show STEP …`
/// - `expect NAME = VALUE` (checked to the precision written: `0.5933` means ±0.00005)
/// - `expect NAME = VALUE ± TOLERANCE` (or `+-`)
/// - `expect NAME in LOW...HIGH`
/// - `parameters [NAME …]`
public enum CellLanguage {
    static func parse(_ lines: [(String, Int)], file: String) throws(LessonError) -> [Statement] {
        var statements: [Statement] = []
        for (raw, line) in lines {
            var text = raw
            if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let keyword = words.first else { continue }
            switch keyword {
            case "run":
                statements.append(try parseRun(Array(words.dropFirst()), line: line, file: file))
            case "show":
                guard words.count > 1 else { throw LessonError(file: file, line: line, "'show' needs 'all' or section or step names") }
                statements.append(.show(targets: Array(words.dropFirst()), line: line))
            case "parameters":
                statements.append(.parameters(names: Array(words.dropFirst()), line: line))
            case "expect":
                statements.append(.expect(try parseExpect(Array(words.dropFirst()), line: line, file: file)))
            default:
                throw LessonError(file: file, line: line, "unknown statement '\(keyword)' (cells use run, show, expect, parameters)")
            }
        }
        return statements
    }

    static func parseRun(_ words: [String], line: Int, file: String) throws(LessonError) -> Statement {
        guard let derivation = words.first, !derivation.contains("=") else {
            throw LessonError(file: file, line: line, "'run' needs a derivation name")
        }
        var arguments: [Argument] = [], prefix: String? = nil
        var rest = words.dropFirst()
        while let word = rest.first {
            rest = rest.dropFirst()
            if word == "as" {
                guard let p = rest.first, rest.count == 1 else {
                    throw LessonError(file: file, line: line, "'as' takes one prefix at the end of the line")
                }
                prefix = p
                break
            }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw LessonError(file: file, line: line, "expected name=value, got '\(word)'")
            }
            arguments.append(Argument(name: parts[0], value: parts[1]))
        }
        return .run(derivation: derivation, arguments: arguments, prefix: prefix, line: line)
    }

    static func parseExpect(_ words: [String], line: Int, file: String) throws(LessonError) -> Expectation {
        let usage = "expected 'expect NAME = VALUE', 'expect NAME = VALUE ± TOLERANCE' or 'expect NAME in LOW...HIGH'"
        guard words.count >= 3 else { throw LessonError(file: file, line: line, usage) }
        let name = words[0]
        if words[1] == "in" {
            let bounds = words[2...].joined().components(separatedBy: "...")
            guard words.count >= 3, bounds.count == 2, let low = Double(bounds[0]), let high = Double(bounds[1]), low <= high else {
                throw LessonError(file: file, line: line, usage)
            }
            return Expectation(name: name, bound: .range(low, high), line: line)
        }
        guard words[1] == "=" else { throw LessonError(file: file, line: line, usage) }
        let value = words[2]
        guard let number = WrittenNumber(value) else {
            throw LessonError(file: file, line: line, "'\(value)' is not a number")
        }
        if words.count == 3 { return Expectation(name: name, bound: .asWritten(value), line: line) }
        guard words.count == 5, words[3] == "±" || words[3] == "+-", let tolerance = Double(words[4]), tolerance >= 0 else {
            throw LessonError(file: file, line: line, usage)
        }
        return Expectation(name: name, bound: .tolerance(number.value, tolerance), line: line)
    }
}
