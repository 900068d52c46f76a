import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `learn train --log FILE` and `--save FILE` never replace what is not a regular file: a FIFO, a
/// device or a folder is refused before training (exit 73) and left as it was; a symbolic link is
/// followed and its target written, the link kept.
@Suite(.timeLimit(.minutes(5)))
struct OutputFileTests {
    typealias Sandbox = TrainCommandTests.Sandbox

    /// The file type bits of `path` itself (a link is not followed).
    static func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test func aFIFOADeviceOrAFolderIsRefusedBeforeTraining() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let fifo = box.models.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // 40 epochs if it trained: it must not start (and must not open the FIFO, which would block).
        let train = ["train", "logreg", "--data", box.data.path, "--epochs", "40"]
        for option in ["--log", "--save"] {
            let r = try box.expectError(train + [option, fifo], status: 73, mentions: ["\(option) \(fifo)", "FIFO", "not a regular file"])
            #expect(!r.error.contains("training logreg"))
            #expect(Self.kind(fifo) == S_IFIFO, "still a FIFO")
            #expect(DataFixture.names(in: box.models) == ["pipe.csv"], "nothing written beside it")
            try box.expectError(train + [option, "/dev/null"], status: 73, mentions: ["\(option) /dev/null", "device"])
            try box.expectError(train + [option, box.models.path], status: 73, mentions: ["\(option) \(box.models.path)", "is a folder"])
            let missing = box.root.appendingPathComponent("no/such/folder/out").path
            try box.expectError(train + [option, missing], status: 73, mentions: ["\(option) \(missing)", "does not exist"])
        }
        #expect(Self.kind("/dev/null") == S_IFCHR)
        // A link to the FIFO is followed, and the FIFO refused.
        let link = box.models.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "pipe.csv")
        try box.expectError(train + ["--log", link], status: 73, mentions: ["--log \(link)", "FIFO"])
        #expect(Self.kind(fifo) == S_IFIFO && Self.kind(link) == S_IFLNK)
        // One file for both is a usage error.
        let same = box.model("both")
        try box.expectError(train + ["--log", same, "--save", same], status: 64, mentions: ["--save and --log name the same file"])
        // The same file by another path: through `..`, or through a link to it.
        try FileManager.default.createDirectory(at: box.models.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let around = box.models.appendingPathComponent("sub/../both").path
        try box.expectError(train + ["--log", same, "--save", around], status: 64, mentions: ["--save and --log name the same file"])
        let alias = box.models.appendingPathComponent("alias").path
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: "both")
        try box.expectError(train + ["--log", alias, "--save", same], status: 64, mentions: ["--save and --log name the same file"])
        // Standard output by name is no file to replace (the shell's redirection would be cut short).
        for option in ["--log", "--save"] {
            let r = try box.expectError(train + [option, "/dev/stdout"], status: 73, mentions: ["\(option) /dev/stdout", "/dev or /proc"])
            #expect(!r.error.contains("training logreg"))
        }
        // A name ending in / is a folder's, existing or not.
        try box.expectError(train + ["--save", box.root.appendingPathComponent("newdir").path + "/"], status: 73,
                            mentions: ["names a folder (it ends in /)"])
        // An empty path is no path.
        try box.expectError(train + ["--save", ""], status: 64, mentions: ["--save needs a value, not an empty one"])
        try box.expectError(["data", "fetch", "mnist", "--to="], status: 64, mentions: ["--to needs a value, not an empty one"])
    }

    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        let box = try Sandbox()
        defer { box.remove() }
        // run.csv → logs/real.csv (relative, existing); model → real.model (relative, not yet there).
        let logs = box.models.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try "old".write(to: logs.appendingPathComponent("real.csv"), atomically: false, encoding: .utf8)
        let log = box.models.appendingPathComponent("run.csv").path
        try FileManager.default.createSymbolicLink(atPath: log, withDestinationPath: "logs/real.csv")
        let model = box.model("model.bin")
        try FileManager.default.createSymbolicLink(atPath: model, withDestinationPath: "real.model")
        let r = try box.learn(["train", "logreg", "--data", box.data.path, "--epochs", "2", "--log", log, "--save", model])
        #expect(r.status == 0, "\(r.error)")
        #expect(Self.kind(log) == S_IFLNK && Self.kind(model) == S_IFLNK, "the links stay links")
        let written = try String(contentsOf: logs.appendingPathComponent("real.csv"), encoding: .utf8)
        #expect(written.hasPrefix("epoch,learning_rate,") && written.components(separatedBy: "\r\n").count == 4, "\(written)")
        #expect(Self.kind(box.model("real.model")) == S_IFREG)
        // The replaced log keeps its permissions (it was 0600 before training wrote it again).
        #expect(chmod(logs.appendingPathComponent("real.csv").path, 0o600) == 0)
        let again = try box.learn(["train", "logreg", "--data", box.data.path, "--epochs", "1", "--log", log])
        #expect(again.status == 0, "\(again.error)")
        var info = stat()
        #expect(stat(logs.appendingPathComponent("real.csv").path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(DataFixture.names(in: box.models) == ["logs", "model.bin", "real.model", "run.csv"])
        #expect(DataFixture.names(in: logs) == ["real.csv"])
        // The saved model is read through the link.
        let eval = try box.learn(["eval", model, "--data", box.data.path])
        #expect(eval.status == 0, "\(eval.error)")
    }

    @Test func aRunThatDivergesLeavesTheLogOfTheEpochsItFinished() throws {
        let box = try Sandbox()
        defer { box.remove() }
        // The ReLU network at SGD lr 100 (see aDivergingRunExits3AndSuggestsALowerRate), one batch of 8
        // per epoch: the loss grows about a million-fold per update and overflows within a few epochs.
        let log = box.models.appendingPathComponent("run.csv").path
        let r = try box.learn(["train", "deep", "--data", box.data.path, "--optimizer", "sgd", "--lr", "100", "--batch", "8",
                               "--samples", "8", "--epochs", "20", "--log", log])
        #expect(r.status == 3, "\(r.error)")
        let finished = r.output.split(separator: "\n").filter { $0.hasPrefix("epoch ") }.count
        let rows = try String(contentsOfFile: log, encoding: .utf8).components(separatedBy: "\r\n").dropLast()
        #expect(finished >= 1 && finished < 20, "\(r.output)")
        #expect(rows.count == 1 + finished, "\(rows)")
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: ",").compactMap { Double($0) }.count == 7 }, "\(rows)")
        #expect(!r.output.lowercased().contains("nan") && !r.output.contains("inf"), "\(r.output)")
        #expect(DataFixture.names(in: box.models) == ["run.csv"])
    }
}
