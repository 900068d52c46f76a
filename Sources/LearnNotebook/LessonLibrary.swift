import LearnCore
import LearnText
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lessons `learn` knows: the ones built into it (every `lessons/NAME.md` of the package it was built
/// from, except `README.md`), with an optional folder of `NAME.md` files laid over them.
///
/// A lesson in the folder replaces the built-in lesson of the same name, and one with a new name is added;
/// `names` and `lessons()` have them all. Messages name a built-in lesson `lessons/NAME.md` (the file it
/// was built from) and a folder's lesson by its path, so `FILE:LINE` points at the text that was read.
public struct LessonLibrary: Sendable {
    /// The built-in lessons: name → text, byte for byte as `lessons/NAME.md` was when `learn` was built.
    public static let builtIn: [String: String] = EmbeddedLessons.texts

    /// The folder laid over the built-in lessons, if any.
    public let folder: String?
    /// The folder's lessons: name → the path of its file.
    private let files: [String: String]

    /// The built-in lessons alone.
    public init() {
        folder = nil
        files = [:]
    }

    /// The built-in lessons with the `NAME.md` files of `folder` laid over them (its `README.md` is not a
    /// lesson). The folder is listed once, now; throws when it does not exist, is not a folder, or cannot
    /// be listed.
    public init(overlaying folder: String) throws(LessonLibraryError) {
        self.folder = folder
        let entries = try Self.list(folder)
        var files: [String: String] = [:]
        for entry in entries where entry.hasSuffix(".md") && entry != "README.md" && entry.count > 3 {
            files[String(entry.dropLast(3))] = (folder as NSString).appendingPathComponent(entry)
        }
        self.files = files
    }

    /// Every lesson name, built in or from the folder, sorted.
    public var names: [String] { Set(Self.builtIn.keys).union(files.keys).sorted() }

    /// The folder's lessons that replace built-in ones, sorted.
    public var replaced: [String] { files.keys.filter { Self.builtIn[$0] != nil }.sorted() }

    /// The folder's lessons that are not built in, sorted.
    public var added: [String] { files.keys.filter { Self.builtIn[$0] == nil }.sorted() }

    /// The file that messages name for lesson `name`: its path in the folder, or `lessons/NAME.md` for a
    /// built-in one; nil for an unknown name.
    public func file(of name: String) -> String? {
        files[name] ?? (Self.builtIn[name] != nil ? "lessons/\(name).md" : nil)
    }

    /// Reads and parses the lesson `name`, the folder's if it has one, else the built-in one. Throws
    /// `LessonLibraryError.unknownLesson` (with the nearest names) for an unknown name,
    /// `.lessonUnreadable` for a folder's file that cannot be read, and `LessonError` for a malformed lesson.
    public func lesson(_ name: String) throws -> Lesson {
        if let file = files[name] {
            let bytes: [UInt8]
            do { bytes = try RegularFile.read(file, limit: 16 << 20) } catch {
                throw LessonLibraryError.lessonUnreadable(file: file, reason: error.reason)
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw LessonError(file: file, line: nil, "is not UTF-8 text")
            }
            return try LessonParser.parse(text, name: name, file: file)
        }
        if let text = Self.builtIn[name] {
            return try LessonParser.parse(text, name: name, file: "lessons/\(name).md")
        }
        throw LessonLibraryError.unknownLesson(name: name, suggestions: Self.nearest(to: name, in: names))
    }

    /// Every lesson, parsed, in course order: by part (in `parts` order), then `order`, then name.
    /// Throws for the first that cannot be read or parsed.
    public func lessons() throws -> [Lesson] {
        let listing = try self.listing()
        if let first = listing.unreadable.first { throw first }
        return listing.lessons
    }

    /// What `learn list` shows: every lesson that can be read, parsed, in course order, and the folder's
    /// `NAME.md` entries that cannot be read (a FIFO, a device, a folder, a file without permission),
    /// each as its `.lessonUnreadable` error, in name order. A malformed lesson still throws (a lesson
    /// being written should say what is wrong with it, not vanish).
    public func listing() throws -> (lessons: [Lesson], unreadable: [LessonLibraryError]) {
        var lessons: [Lesson] = [], unreadable: [LessonLibraryError] = []
        for name in names {
            do {
                lessons.append(try lesson(name))
            } catch let error as LessonLibraryError {
                guard case .lessonUnreadable = error else { throw error }
                unreadable.append(error)
            }
        }
        return (Self.inCourseOrder(lessons), unreadable)
    }

    /// `lessons` by part (in `parts` order), then `order`, then name.
    static func inCourseOrder(_ lessons: [Lesson]) -> [Lesson] {
        lessons.sorted { a, b in
            let pa = Self.parts.firstIndex(of: a.header.part ?? "") ?? Self.parts.count
            let pb = Self.parts.firstIndex(of: b.header.part ?? "") ?? Self.parts.count
            if pa != pb { return pa < pb }
            if (a.header.order ?? .max) != (b.header.order ?? .max) { return (a.header.order ?? .max) < (b.header.order ?? .max) }
            return a.name < b.name
        }
    }

    /// The parts of the course, in the order `learn list` shows them.
    public static let parts = ["neurons", "learning", "deep networks", "convolution", "beyond"]

    /// The entries of `folder` (POSIX `opendir`, so a failure comes with the system's reason).
    private static func list(_ folder: String) throws(LessonLibraryError) -> [String] {
        guard let stream = opendir(folder) else {
            let code = errno
            switch code {
            case ENOENT: throw .folderMissing(path: folder)
            case ENOTDIR: throw .notAFolder(path: folder)
            default: throw .folderUnreadable(path: folder, reason: String(cString: strerror(code)))
            }
        }
        defer { closedir(stream) }
        var entries: [String] = []
        while let entry = readdir(stream) {
            entries.append(withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) })
        }
        return entries
    }

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
