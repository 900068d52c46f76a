import Foundation
import Testing
import LearnNotebook

/// A folder laid over the built-in lessons: its lessons replace built-in ones of the same name and add new
/// ones; a folder that cannot be used, and an unknown name, are typed errors.
@Suite struct LessonLibraryOverlayTests {
    static let header = "---\ntitle: T\nsummary: S\ndeck: D\n---\n"

    /// A fresh folder holding `files` (name → text).
    static func folder(_ files: [String: String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("learn-library-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url.path
    }

    @Test func aFolderReplacesAndAddsLessons() throws {
        let folder = try Self.folder(["backprop.md": Self.header + "Mine.\n", "fresh.md": Self.header + "New.\n",
                                      "README.md": "not a lesson\n", "notes.txt": "not a lesson either\n"])
        let library = try LessonLibrary(overlaying: folder)
        #expect(library.folder == folder)
        #expect(library.added == ["fresh"])
        #expect(library.replaced == ["backprop"])
        #expect(library.names == (LessonLibrary.builtIn.keys + ["fresh"]).sorted())
        let backprop = try library.lesson("backprop")
        #expect(backprop.file == folder + "/backprop.md")
        #expect(backprop.blocks.count == 1)
        #expect(try library.lesson("fresh").file == folder + "/fresh.md")
        #expect(try library.lesson("softmax").file == "lessons/softmax.md")
        #expect(try library.lessons().count == LessonLibrary.builtIn.count + 1)
    }

    @Test func aFolderThatCannotBeUsedIsATypedError() throws {
        #expect(throws: LessonLibraryError.folderMissing(path: "/nonexistent/lessons")) {
            try LessonLibrary(overlaying: "/nonexistent/lessons")
        }
        let folder = try Self.folder(["file.md": Self.header])
        #expect(throws: LessonLibraryError.notAFolder(path: folder + "/file.md")) {
            try LessonLibrary(overlaying: folder + "/file.md")
        }
    }

    @Test func anUnknownNameSuggestsTheNearestOnes() throws {
        #expect(throws: LessonLibraryError.unknownLesson(name: "backprob", suggestions: ["backprop"])) {
            try LessonLibrary().lesson("backprob")
        }
        #expect(throws: LessonLibraryError.unknownLesson(name: "zzzzzzzzzz", suggestions: [])) {
            try LessonLibrary().lesson("zzzzzzzzzz")
        }
        #expect(LessonLibraryError.unknownLesson(name: "backprob", suggestions: ["backprop"]).description
                == "no lesson 'backprob' (did you mean backprop?)")
    }
}
