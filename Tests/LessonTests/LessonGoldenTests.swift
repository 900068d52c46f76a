import Foundation
import Testing
import LearnNotebook
import LearnText

/// Every lesson built into `learn` (the files of `lessons/`; EmbeddedLessonsTests checks that they are the
/// same) parses, runs, and reproduces every number its `expect` lines state.
///
/// The lessons that read MNIST run only when the data is at hand: `LEARN_TEST_MNIST=DIR` (a folder that
/// holds the four files, or holds `mnist/`) or `LEARN_DATA=DIR`, as the lessons themselves look for it.
/// Without it they are skipped, and `swift test` needs no dataset.
@Suite struct LessonGoldenTests {
    static let library = LessonLibrary()

    /// The lessons whose derivations read the MNIST files.
    static let datasetLessons: Set<String> = ["mnist", "mnist-cnn", "overfitting", "autoencoder"]

    /// Whether the MNIST lessons can be checked: `LEARN_TEST_MNIST` is passed on to the lessons as
    /// `LEARN_DATA` (once, while the tests are being planned, before any runs), else `LEARN_DATA` is used.
    static let mnistGiven: Bool = {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["LEARN_TEST_MNIST"], !folder.isEmpty {
            setenv("LEARN_DATA", folder, 1)
            return true
        }
        return !(environment["LEARN_DATA"] ?? "").isEmpty
    }()

    /// The course's table of contents, part by part, as `learn list` shows it.
    static let course = [
        "neuron", "perceptron", "perceptron-geometry", "xor", "activations", "softmax",
        "gradient-descent", "sigmoid-derivative", "delta-rule", "backprop", "rprop", "optimizers",
        "mnist", "vanishing-gradients", "overfitting", "keras-example",
        "convolution", "mnist-cnn",
        "autoencoder", "rnn", "history", "parallelism",
    ]

    @Test func theCourseHasItsLessonsInOrder() throws {
        #expect(try Self.library.lessons().map(\.name) == Self.course)
    }

    /// Every prerequisite is a lesson that comes earlier in the course, and every lesson has a part.
    @Test func prerequisitesComeFirst() throws {
        let lessons = try Self.library.lessons()
        let position = Dictionary(uniqueKeysWithValues: lessons.enumerated().map { ($1.name, $0) })
        for (index, lesson) in lessons.enumerated() {
            #expect(lesson.header.part.map(LessonLibrary.parts.contains) == true, "\(lesson.name) has no known part")
            for prerequisite in lesson.header.prerequisites {
                let earlier = position[prerequisite].map { $0 < index } ?? false
                #expect(earlier, "\(lesson.name): prerequisite \(prerequisite) is not an earlier lesson")
            }
        }
    }

    @Test(arguments: library.names.filter { !datasetLessons.contains($0) })
    func everyExpectHolds(_ name: String) throws {
        try Self.check(name)
    }

    @Test(.enabled(if: mnistGiven, "needs MNIST: set LEARN_TEST_MNIST=DIR (or LEARN_DATA=DIR) to check the lessons that read it"),
          arguments: datasetLessons.sorted())
    func everyExpectHoldsOnMNIST(_ name: String) throws {
        try Self.check(name)
    }

    static func check(_ name: String) throws {
        let lesson = try library.lesson(name)
        let document: Document
        do {
            document = try LessonEvaluator().evaluate(lesson)
        } catch let error as LessonInputError {
            Issue.record("\(error) (a lesson that reads a dataset belongs in LessonGoldenTests.datasetLessons)")
            return
        }
        #expect(!document.checks.isEmpty, "\(name) states no published number")
        for check in document.checks {
            #expect(!check.skipped)
            #expect(check.passed, "\(check.location): expect \(check.name) = \(check.published), computed \(String(describing: check.computed))")
        }
    }

    /// `learn verify`'s acceptance example, through the library.
    @Test func theReadmeVerifyExample() throws {
        let run = try LessonEvaluator().evaluate(try Self.library.lesson("backprop"))
        let verdicts = try Verifier(document: run).check([Argument(name: "out_h1", value: "0.593269992"), Argument(name: "E_total", value: "0.298371109"),
                                                         Argument(name: "w5+", value: "0.35891648")])
        #expect(verdicts.count == 3 && verdicts.allSatisfy { $0.judgement == .right })
    }
}
