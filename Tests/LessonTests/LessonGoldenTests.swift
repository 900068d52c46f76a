import Foundation
import Testing
import LearnNotebook

/// Every lesson in `lessons/` parses, runs, and reproduces every number its `expect` lines state.
@Suite struct LessonGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../lessons").standardizedFileURL.path
    static let library = LessonLibrary(directory: folder)

    @Test func theCourseHasItsLessons() {
        for name in ["backprop", "perceptron", "sigmoid-derivative", "rprop"] {
            #expect(Self.library.names.contains(name), "missing lesson \(name)")
        }
    }

    @Test(arguments: library.names)
    func everyExpectHolds(_ name: String) throws {
        let lesson = try Self.library.lesson(name)
        let run = try LessonRunner().run(lesson)
        #expect(!run.checks.isEmpty, "\(name) states no published number")
        for check in run.checks {
            let e = check.expectation
            #expect(!check.skipped)
            #expect(check.passed, "\(lesson.file):\(e.line): expect \(e.name) \(e.bound), computed \(String(describing: check.computed))")
        }
    }

    /// `learn verify`'s acceptance example, through the library.
    @Test func theReadmeVerifyExample() throws {
        let run = try LessonRunner().run(try Self.library.lesson("backprop"))
        let verdicts = try Verifier.check([Argument(name: "out_h1", value: "0.593269992"), Argument(name: "E_total", value: "0.298371109"),
                                           Argument(name: "w5+", value: "0.35891648")], against: run)
        #expect(verdicts.allSatisfy { $0.matches })
    }
}
