import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A named pipe (FIFO) where `learn` expects a file it reads is refused at once with one line naming
/// it and exit status 66; before, opening it waited forever for a writer. Every run here is given 30 s
/// and killed after that, so a regression fails instead of hanging the suite.
@Suite(.enabled(if: DataFixture.python != nil, "python3 is not installed; the data tests need it to build fixtures"),
       .timeLimit(.minutes(3)))
struct SpecialInputTests {
    /// Runs `learn ARGUMENTS` with a deadline; a run still going after `seconds` is killed and reported
    /// with status -1.
    static func run(_ arguments: [String], environment: [String: String] = [:], seconds: Double = 30) throws -> LearnProcess.Result {
        let process = LearnProcess.process(arguments, environment: environment)
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("learn-special-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let error = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        let hung = process.isRunning
        if hung { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try error.close()
        let text = String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self)
        return LearnProcess.Result(status: hung ? -1 : process.terminationStatus, output: "", error: text)
    }

    @Test func aFIFOInPlaceOfAnInputIsRefusedAt66() throws {
        let root = try LearnProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("mnist")
        try DataFixture.write(to: folder)
        let labels = folder.appendingPathComponent("train-labels-idx1-ubyte.gz").path
        try FileManager.default.removeItem(atPath: labels)
        #expect(mkfifo(labels, 0o600) == 0)
        let env = ["HOME": root.path, "LEARN_DATA": "", "LEARN_MIRROR": ""]

        for arguments in [["data", "verify", "mnist", "--data", folder.path, "--checksums", folder.appendingPathComponent("SHA256SUMS.content").path],
                          ["data", "show", "mnist", "--data", folder.path, "--split", "train"]] {
            let r = try Self.run(arguments, environment: env)
            #expect(r.status == 66, "\(arguments): \(r.status) \(r.error)")
            #expect(r.error.contains("\(labels): cannot read it (is a FIFO (named pipe), not a regular file)"), "\(r.error)")
        }

        let answers = root.appendingPathComponent("answers.txt").path
        #expect(mkfifo(answers, 0o600) == 0)
        let verify = try Self.run(["verify", "backprop", "--answers", answers])
        #expect(verify.status == 66 && verify.error == "learn: \(answers): cannot read it (is a FIFO (named pipe), not a regular file)\n",
                "\(verify.status) \(verify.error)")

        let lessons = root.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        #expect(mkfifo(lessons.appendingPathComponent("pipe.md").path, 0o600) == 0)
        let lesson = try Self.run(["lesson", "pipe", "--lessons", lessons.path])
        #expect(lesson.status == 66 && lesson.error.contains("pipe.md: cannot be read (is a FIFO (named pipe), not a regular file)"),
                "\(lesson.status) \(lesson.error)")

        let picture = root.appendingPathComponent("digit.pgm").path
        #expect(mkfifo(picture, 0o600) == 0)
        let model = root.appendingPathComponent("model.learn").path
        #expect(mkfifo(model, 0o600) == 0)
        let predict = try Self.run(["predict", model, "--image", picture])
        #expect(predict.status == 66 && predict.error.contains("\(model): cannot read the model file (is a FIFO (named pipe), not a regular file)"),
                "\(predict.status) \(predict.error)")

        // A (sparse) 100 MiB model file is refused from its size, as bad data, without being read.
        let huge = root.appendingPathComponent("huge.model").path
        #expect(FileManager.default.createFile(atPath: huge, contents: Data("LEARNMDL".utf8)) && truncate(huge, 100 << 20) == 0)
        let eval = try Self.run(["eval", huge])
        #expect(eval.status == 65 && eval.error == "learn: \(huge): \(100 << 20) bytes, more than any course model's file (at most 64 MiB)\n",
                "\(eval.status) \(eval.error)")
    }
}
