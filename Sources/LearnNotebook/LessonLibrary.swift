import LearnText
import Foundation

/// The lessons in a folder: `NAME.md` for every lesson (the folder's `README.md` is not one).
public struct LessonLibrary: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The lesson names, sorted.
    public var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { String($0.dropLast(3)) }.sorted()
    }

    /// Reads and parses the lesson `name`. Throws `UsageError` for an unknown name (suggesting the
    /// nearest ones) and `LessonError` for a malformed file.
    public func lesson(_ name: String) throws -> Lesson {
        let available = names
        guard available.contains(name) else {
            let near = Self.nearest(to: name, in: available)
            let hint = near.isEmpty ? "lessons: \(available.joined(separator: ", "))" : "did you mean \(near.joined(separator: " or "))?"
            throw LessonLibraryError("no lesson '\(name)' in \(directory) (\(hint))")
        }
        let file = (directory as NSString).appendingPathComponent(name + ".md")
        guard let data = FileManager.default.contents(atPath: file) else {
            throw LessonError(file: file, line: nil, "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LessonError(file: file, line: nil, "is not UTF-8 text")
        }
        return try LessonParser.parse(text, name: name, file: file)
    }

    /// Every lesson, parsed, in course order: by part (in `parts` order), then `order`, then name.
    public func lessons() throws -> [Lesson] {
        try names.map { try lesson($0) }.sorted { a, b in
            let pa = Self.parts.firstIndex(of: a.header.part ?? "") ?? Self.parts.count
            let pb = Self.parts.firstIndex(of: b.header.part ?? "") ?? Self.parts.count
            if pa != pb { return pa < pb }
            if (a.header.order ?? .max) != (b.header.order ?? .max) { return (a.header.order ?? .max) < (b.header.order ?? .max) }
            return a.name < b.name
        }
    }

    /// The parts of the course, in the order `learn list` shows them.
    public static let parts = ["neurons", "learning", "deep networks", "convolution", "beyond"]

    /// The names closest to `name` by edit distance (or sharing its prefix), best first.
    public static func nearest(to name: String, in names: [String]) -> [String] {
        let scored = names.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
        let limit = max(2, name.count / 3)
        let close = scored.filter { $0.1 <= limit || $0.0.hasPrefix(name.lowercased()) || name.lowercased().hasPrefix($0.0) }
        return close.sorted { $0.1 < $1.1 }.prefix(3).map(\.0)
    }

    /// Levenshtein distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}

/// A lesson name that the library does not have (exit 64 in the CLI).
public struct LessonLibraryError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
