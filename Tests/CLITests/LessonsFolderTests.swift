import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `--lessons DIR` and `$LEARN_LESSONS` lay a folder over the built-in lessons; the option wins.
@Suite struct LessonsFolderTests {
    static let header = "---\ntitle: T\nsummary: S\ndeck: D\npart: beyond\n---\n"

    /// A folder with a new lesson `fresh` and a lesson `softmax` that replaces the built-in one.
    static func overlay(mark: String) throws -> URL {
        let folder = try LearnProcess.temporaryFolder()
        try (header.replacingOccurrences(of: "summary: S", with: "summary: A new lesson \(mark)") + "Fresh prose \(mark).\n")
            .write(to: folder.appendingPathComponent("fresh.md"), atomically: true, encoding: .utf8)
        try (header.replacingOccurrences(of: "summary: S", with: "summary: My own softmax \(mark)") + "My softmax \(mark).\n")
            .write(to: folder.appendingPathComponent("softmax.md"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aFolderAddsAndReplacesLessons() throws {
        let folder = try Self.overlay(mark: "A")
        let list = try LearnProcess.run(["list", "--lessons", folder.path])
        #expect(list.status == 0, "\(list.error)")
        #expect(list.output.contains("A new lesson A") && list.output.contains("My own softmax A"))
        #expect(list.output.contains("backprop"), "the built-in lessons are still listed")
        #expect(list.output.contains("fresh` (new)") || list.output.contains("fresh (new)"), "\(list.output)")
        #expect(list.output.contains("replacing the built-in one"))

        let fresh = try LearnProcess.run(["lesson", "fresh", "--all", "--lessons", folder.path])
        #expect(fresh.status == 0 && fresh.output.contains("Fresh prose A."), "\(fresh.error)")
        let softmax = try LearnProcess.run(["lesson", "softmax", "--all"], environment: ["LEARN_LESSONS": folder.path])
        #expect(softmax.status == 0 && softmax.output.contains("My softmax A."), "\(softmax.error)")
        let builtIn = try LearnProcess.run(["lesson", "softmax", "--all"])
        #expect(builtIn.status == 0 && !builtIn.output.contains("My softmax"))
    }

    @Test func theOptionWinsOverTheVariable() throws {
        let option = try Self.overlay(mark: "option"), variable = try Self.overlay(mark: "variable")
        let r = try LearnProcess.run(["lesson", "fresh", "--all", "--lessons", option.path], environment: ["LEARN_LESSONS": variable.path])
        #expect(r.status == 0 && r.output.contains("Fresh prose option.") && !r.output.contains("variable"), "\(r.error)")
    }

    @Test func aMissingFolderIsOneLineAndExit66() throws {
        for (arguments, environment, origin) in [(["list", "--lessons", "/nonexistent/lessons"], [String: String](), "--lessons"),
                                                 (["lesson", "backprop"], ["LEARN_LESSONS": "/nonexistent/lessons"], "LEARN_LESSONS")] {
            let r = try LearnProcess.run(arguments, environment: environment)
            #expect(r.status == 66, "\(arguments): \(r.status) \(r.error)")
            #expect(r.error == "learn: \(origin): lessons folder '/nonexistent/lessons' does not exist\n", "\(r.error)")
        }
    }

    /// A `NAME.md` in the folder that is not a readable file (a named pipe, a folder, a file without
    /// read permission): `learn list` names each on standard error, one line each, lists the other
    /// lessons and exits 0; `learn lesson NAME` on it is one line and exit 66. Nothing hangs on the pipe.
    @Test func unreadableLessonFilesAreNamedAndTheRestListed() throws {
        let folder = try Self.overlay(mark: "B")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("pipe.md").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let directory = folder.appendingPathComponent("shelf.md").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        var unreadable = [(pipe, "is a FIFO (named pipe), not a regular file"), (directory, "is a folder, not a regular file")]
        // Without read permission (root reads it anyway, so this case only runs for another user).
        let locked = folder.appendingPathComponent("locked.md").path
        if geteuid() != 0 {
            try (Self.header + "Locked.\n").write(toFile: locked, atomically: true, encoding: .utf8)
            #expect(chmod(locked, 0) == 0)
            unreadable.append((locked, "Permission denied"))
        }
        let list = try LearnProcess.run(["list", "--lessons", folder.path])
        #expect(list.status == 0, "\(list.status) \(list.error)")
        let lines = list.error.split(separator: "\n").map(String.init)
        #expect(lines.count == unreadable.count, "\(list.error)")
        for (file, reason) in unreadable {
            #expect(lines.contains("learn: \(file): cannot be read (\(reason)); not listed"), "\(list.error)")
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            #expect(!list.output.contains("\(name) (new)") && !list.output.contains("\(name)` (new)") && !list.output.contains("\(name):")
                    && !list.output.contains("\(name)`:"), "\(name) listed: \(list.output)")
            let lesson = try LearnProcess.run(["lesson", name, "--all", "--lessons", folder.path])
            #expect(lesson.status == 66 && lesson.error == "learn: \(file): cannot be read (\(reason))\n", "\(lesson.status) \(lesson.error)")
        }
        #expect(list.output.contains("A new lesson B") && list.output.contains("backprop"), "\(list.output)")
        #expect(list.output.contains("replacing the built-in one"), "\(list.output)")
    }

    @Test func anUnknownLessonIsExit64() throws {
        let r = try LearnProcess.run(["verify", "nothing-like-it", "x=1"])
        #expect(r.status == 64 && r.error.contains("no lesson 'nothing-like-it' (see 'learn list')"), "\(r.error)")
    }
}
