import Foundation
import Testing

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

    @Test func anUnknownLessonIsExit64() throws {
        let r = try LearnProcess.run(["verify", "nothing-like-it", "x=1"])
        #expect(r.status == 64 && r.error.contains("no lesson 'nothing-like-it' (see 'learn list')"), "\(r.error)")
    }
}
