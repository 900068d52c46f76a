import Foundation
import Testing
import LearnNotebook

/// The lessons built into `learn` (the EmbedLessons plugin) are exactly the files in `lessons/`: the same
/// names, and every text the same byte for byte. A failure here means the build did not pick up a change
/// to the folder (see Plugins/EmbedLessons/EmbedLessons.swift).
@Suite struct EmbeddedLessonsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../lessons").standardizedFileURL

    /// `lessons/*.md` except README.md: name → bytes.
    static func files() throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }
        return try Dictionary(uniqueKeysWithValues: names.map {
            (String($0.dropLast(3)), try Data(contentsOf: folder.appendingPathComponent($0)))
        })
    }

    @Test func theBuiltInLessonsAreTheFilesInTheLessonsFolder() throws {
        let files = try Self.files()
        #expect(LessonLibrary.builtIn.keys.sorted() == files.keys.sorted())
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let embedded = LessonLibrary.builtIn[name].map { Data($0.utf8) }
            #expect(embedded == bytes, "lessons/\(name).md: the built-in text differs from the file (\(embedded?.count ?? 0) and \(bytes.count) bytes)")
        }
    }

    @Test func builtInLessonsAreNamedByTheirFileInMessages() throws {
        let library = LessonLibrary()
        #expect(try library.lesson("backprop").file == "lessons/backprop.md")
        #expect(library.file(of: "backprop") == "lessons/backprop.md")
        #expect(library.folder == nil && library.added.isEmpty && library.replaced.isEmpty)
    }
}
