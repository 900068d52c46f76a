import LearnCore
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

    var answers: [Argument] { lines.map(\.answer) }

    /// Reads `path`. Throws a `CommandError` naming the file (and line): 66 when it cannot be read,
    /// 65 when it is not UTF-8 or a line is not `name = value`.
    init(path: String) throws(CommandError) {
        let bytes: [UInt8]
        do { bytes = try RegularFile.read(path, limit: 16 << 20) } catch {
            throw CommandError(message: "\(path): cannot read it (\(error.reason))", status: .noInput)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandError(message: "\(path): not UTF-8 text", status: .dataError)
        }
        self.path = path
        self.lines = []
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
                    self.seed = seed
                } else if comment.lowercased().hasPrefix("set:") {
                    let value = comment.dropFirst(4).trimmingCharacters(in: .whitespaces)
                    guard let setting = try? Arguments.assignment(value, option: "answers") else {
                        throw CommandError(message: "\(path):\(n + 1): '# set: \(value)': expected '# set: name=value'", status: .dataError)
                    }
                    settings.append(setting)
                }
                line = String(line[..<hash]).trimmingCharacters(in: .whitespaces)
            }
            guard !line.isEmpty else { continue }
            do {
                lines.append(Line(answer: try Arguments.assignment(line, option: "answers"), line: n + 1))
            } catch {
                throw CommandError(message: "\(path):\(n + 1): expected 'name = value', got '\(line)'", status: .dataError)
            }
        }
    }

    /// The line of the answer to `name`.
    func line(of name: String) -> Int? { lines.first { $0.answer.name == name }?.line }
}
