import Foundation
import LearnCore
import LearnNotebook

/// A file of answers, as `learn verify --answers` and `learn grade` read it: `name = value` per line,
/// blank lines and `#` comments skipped, and optional `# seed: N` and `# set: name=value` lines naming
/// the exercise it answers.
struct AnswerSheet {
    /// One answer and the line it is on.
    struct Line {
        var answer: Argument
        var line: Int
    }

    var path: String
    var lines: [Line]
    /// The exercise's seed the sheet names, if it names one.
    var seed: UInt64?
    /// The exercise's chosen parameters the sheet names (`# set: layers=2-3-1`).
    var settings: [Argument] = []
    /// The line of each `# set:`, by parameter name.
    var settingLines: [String: Int] = [:]

    var answers: [Argument] { lines.map(\.answer) }

    /// Reads `path`. Throws a `CommandError` naming the file (and line): 66 when it cannot be read,
    /// 65 when it is not UTF-8 or a line is not `name = value`.
    init(path: String) throws(CommandError) {
        let bytes: [UInt8]
        do { bytes = try RegularFile.read(path, limit: 16 << 20) } catch {
            throw CommandError(message: "\(path): cannot read it (\(error.reason))", status: .noInput)
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw CommandError(message: "\(path): not UTF-8 text", status: .dataError)
        }
        // A byte-order mark (as some Windows editors save UTF-8) is not part of the first name.
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        self.path = path
        self.lines = []
        var answered: [String: Int] = [:]     // name (case folded, as verify matches) → its line
        var seedLine = 0
        for (n, raw) in text.textLines.enumerated() {
            var line = String(raw).trimmingCharacters(in: .whitespacesAndNewlines)
            if let hash = line.firstIndex(of: "#") {
                let comment = line[line.index(after: hash)...].trimmingCharacters(in: .whitespaces)
                if comment.lowercased().hasPrefix("seed:") {
                    let value = comment.dropFirst(5).trimmingCharacters(in: .whitespaces)
                    guard let seed = UInt64(value) else {
                        throw CommandError(message: "\(path):\(n + 1): '# seed: \(value)': the seed must be a whole number from 0 to \(UInt64.max)",
                                           status: .dataError)
                    }
                    if let earlier = self.seed, earlier != seed {
                        throw CommandError(message: "\(path):\(n + 1): '# seed: \(value)': line \(seedLine) names seed \(earlier); a sheet answers one exercise",
                                           status: .dataError)
                    }
                    (self.seed, seedLine) = (seed, n + 1)
                } else if comment.lowercased().hasPrefix("set:") {
                    let value = comment.dropFirst(4).trimmingCharacters(in: .whitespaces)
                    guard let setting = try? Arguments.assignment(value, option: "answers") else {
                        throw CommandError(message: "\(path):\(n + 1): '# set: \(value)': expected '# set: name=value'", status: .dataError)
                    }
                    if let earlier = settings.first(where: { $0.name == setting.name }), earlier.value != setting.value {
                        throw CommandError(message: "\(path):\(n + 1): '# set: \(value)': \(setting.name) is set to \(earlier.value) above",
                                           status: .dataError)
                    }
                    settings.append(setting)
                    settingLines[setting.name] = settingLines[setting.name] ?? n + 1
                }
                line = String(line[..<hash]).trimmingCharacters(in: .whitespaces)
            }
            guard !line.isEmpty else { continue }
            let answer: Argument
            do { answer = try Arguments.assignment(line, option: "answers") } catch {
                throw CommandError(message: "\(path):\(n + 1): expected 'name = value', got '\(line)'", status: .dataError)
            }
            if let first = answered[answer.name.lowercased()] {
                throw CommandError(message: "\(path):\(n + 1): \(answer.name) is answered twice (first on line \(first))", status: .dataError)
            }
            answered[answer.name.lowercased()] = n + 1
            lines.append(Line(answer: answer, line: n + 1))
        }
    }

    /// The line of the answer to `name`.
    func line(of name: String) -> Int? { lines.first { $0.answer.name == name }?.line }
}
