import LearnCore
import LearnText
/// Reads a lesson file: the header, then prose and ```` ```learn ```` cells.
public enum LessonParser {
    /// Parses `text`, read from `file`, as the lesson `name`.
    public static func parse(_ text: String, name: String, file: String) throws(LessonError) -> Lesson {
        let lines = text.textLines.map(String.init)
        let (header, bodyStart) = try parseHeader(lines, file: file)
        var blocks: [LessonBlock] = []
        var prose: [String] = [], proseLine = bodyStart + 1
        var fence: (marker: String, line: Int)? = nil
        var passage: (kind: Passage.Kind, line: Int)? = nil
        var i = bodyStart
        func flushProse() {
            let joined = prose.joined(separator: "\n")
            if let open = passage {
                blocks.append(.passage(Passage(kind: open.kind, markdown: joined, line: proseLine)))
            } else if !joined.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                blocks.append(.prose(joined, line: proseLine))
            }
            prose = []
        }
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                // Inside another fenced block (e.g. ```text): keep it as prose until it closes.
                prose.append(line)
                if trimmed.hasPrefix(open.marker) && trimmed.drop(while: { $0 == open.marker.first }).isEmpty { fence = nil }
                i += 1
                continue
            }
            if trimmed.hasPrefix(":::") {
                let words = trimmed.dropFirst(3).split(separator: " ").map(String.init)
                if words.isEmpty {
                    guard passage != nil else { throw LessonError(file: file, line: i + 1, "':::' closes no passage (passages open with '::: slides' or '::: verify')") }
                    flushProse()
                    passage = nil
                } else {
                    if let open = passage {
                        throw LessonError(file: file, line: i + 1, "a passage cannot open inside the passage of line \(open.line); close that one with ':::' first")
                    }
                    let kind: Passage.Kind
                    switch words[0] {
                    case "slides": kind = .slides(assumes: words.count > 1 ? Array(words.dropFirst()) : nil)
                    case "verify" where words.count == 1: kind = .verify
                    default:
                        throw LessonError(file: file, line: i + 1, "unknown passage '::: \(words.joined(separator: " "))' (passages are '::: slides [PARAMETER …]' and '::: verify')")
                    }
                    flushProse()
                    passage = (kind, i + 1)
                }
                i += 1
                proseLine = i + 1
                continue
            }
            if let marker = fenceMarker(trimmed) {
                let info = trimmed.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
                if info == "learn" {
                    if let open = passage {
                        throw LessonError(file: file, line: i + 1, "a ```learn cell cannot stand inside the passage of line \(open.line); close it with ':::' first")
                    }
                    flushProse()
                    var body: [(String, Int)] = []
                    var j = i + 1
                    var closed = false
                    while j < lines.count {
                        let t = lines[j].trimmingCharacters(in: .whitespaces)
                        if t.hasPrefix(marker) && t.drop(while: { $0 == marker.first }).isEmpty { closed = true; break }
                        body.append((lines[j], j + 1))
                        j += 1
                    }
                    guard closed else { throw LessonError(file: file, line: i + 1, "unterminated ```learn cell (no closing \(marker))") }
                    blocks.append(.cell(Cell(line: i + 1, statements: try CellLanguage.parse(body, file: file))))
                    i = j + 1
                    proseLine = i + 1
                    continue
                }
                if info.hasPrefix("learn") {
                    throw LessonError(file: file, line: i + 1, "unknown cell type '\(info)' (cells are ```learn)")
                }
                fence = (marker, i + 1)
            }
            if prose.isEmpty { proseLine = i + 1 }
            prose.append(line)
            i += 1
        }
        if let open = fence { throw LessonError(file: file, line: open.line, "unterminated code block (no closing \(open.marker))") }
        if let open = passage { throw LessonError(file: file, line: open.line, "unterminated passage (no closing ':::')") }
        flushProse()
        return Lesson(name: name, file: file, header: header, blocks: blocks)
    }

    /// "```" or "~~~" (or longer) when the line opens a fenced block.
    static func fenceMarker(_ trimmed: String) -> String? {
        for c in ["`", "~"] where trimmed.hasPrefix(c + c + c) {
            return String(trimmed.prefix(while: { String($0) == c }))
        }
        return nil
    }

    static func parseHeader(_ lines: [String], file: String) throws(LessonError) -> (LessonHeader, Int) {
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            throw LessonError(file: file, line: 1, "a lesson starts with a header between '---' lines (title, summary, deck)")
        }
        var fields: [String: (String, Int)] = [:]
        var i = 1
        while i < lines.count && lines[i].trimmingCharacters(in: .whitespaces) != "---" {
            let line = lines[i]
            if line.trimmingCharacters(in: .whitespaces).isEmpty { i += 1; continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw LessonError(file: file, line: i + 1, "header lines are 'key: value', got '\(line)'")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard LessonHeader.keys.contains(key) else {
                throw LessonError(file: file, line: i + 1, "unknown header key '\(key)' (keys: \(LessonHeader.keys.joined(separator: ", ")))")
            }
            guard fields[key] == nil else { throw LessonError(file: file, line: i + 1, "header key '\(key)' given twice") }
            fields[key] = (value, i + 1)
            i += 1
        }
        guard i < lines.count else { throw LessonError(file: file, line: 1, "unterminated header (no closing '---')") }
        for key in ["title", "summary", "deck"] where (fields[key]?.0 ?? "").isEmpty {
            throw LessonError(file: file, line: i + 1, "the header needs a '\(key):' line")
        }
        var order: Int? = nil
        if let (text, line) = fields["order"] {
            guard let n = Int(text) else { throw LessonError(file: file, line: line, "order must be a whole number, got '\(text)'") }
            order = n
        }
        let prerequisites = (fields["prerequisites"]?.0 ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let header = LessonHeader(title: fields["title"]!.0, summary: fields["summary"]!.0, deck: fields["deck"]!.0,
                                  part: fields["part"]?.0, order: order, prerequisites: prerequisites)
        return (header, i + 1)
    }
}

import Foundation
