import Foundation
import Testing

/// `learn` copied anywhere works: the lessons are built in, so it needs no lessons folder, neither beside
/// it nor in the working directory.
@Suite struct InstallTests {
    /// The lesson names: the files of the package's lessons/ (the built-in set must hold every one).
    static let lessons: [String] = {
        let folder = LearnProcess.packageRoot.appendingPathComponent("lessons").path
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { String($0.dropLast(3)) }.sorted()
    }()
    static let datasetLessons: Set<String> = ["mnist", "mnist-cnn", "overfitting", "autoencoder"]

    /// An empty folder holding a copy of the built `learn`, and an empty folder for `LEARN_DATA` and `HOME`.
    static let place: (folder: URL, executable: URL, empty: URL) = {
        let folder = try! LearnProcess.temporaryFolder()
        let executable = folder.appendingPathComponent("learn")
        try! FileManager.default.copyItem(at: LearnProcess.executable, to: executable)
        return (folder, executable, try! LearnProcess.temporaryFolder())
    }()

    /// Runs the copy of `learn` in its own folder, with no LEARN_LESSONS, with LEARN_DATA and HOME empty.
    static func runCopy(_ arguments: [String]) throws -> LearnProcess.Result {
        try LearnProcess.run(arguments, environment: ["LEARN_DATA": place.empty.path, "HOME": place.empty.path],
                             in: place.folder, executable: place.executable)
    }

    @Test func theLessonsFolderHasLessons() {
        #expect(Self.lessons.count >= 20)
    }

    @Test func aCopyListsEveryLesson() throws {
        let r = try Self.runCopy(["list"])
        #expect(r.status == 0, "\(r.error)")
        for name in Self.lessons { #expect(r.output.contains("• \(name): "), "\(name) is not listed") }
    }

    @Test(arguments: lessons.filter { !datasetLessons.contains($0) })
    func aCopyRunsEveryLesson(_ name: String) throws {
        let r = try Self.runCopy(["lesson", name, "--all"])
        #expect(r.status == 0, "\(name): status \(r.status), \(r.error)")
        #expect(!r.output.isEmpty)
    }

    @Test(.enabled(if: !FileManager.default.fileExists(atPath: "/usr/share/datasets/mnist"), "MNIST is installed system-wide"),
          arguments: lessons.filter { datasetLessons.contains($0) })
    func aCopyRunsADatasetLessonUpToTheMissingData(_ name: String) throws {
        let r = try Self.runCopy(["lesson", name, "--all"])
        #expect(r.status == 66, "\(name): status \(r.status), \(r.error)")
        #expect(r.error.contains("learn data fetch"), "\(name): \(r.error)")
    }
}
