import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A `learn` process ended by SIGINT, SIGTERM, SIGHUP or SIGQUIT while it writes a file ends by that
/// signal (the shell sees 128 + its number) and leaves no temporary file; temporary files of a process
/// that died without that chance (`kill -9`) are swept by the next run that writes the same file.
@Suite(.enabled(if: DataFixture.python != nil, "python3 is not installed; the fetch tests need it to serve a mirror"),
       .timeLimit(.minutes(4)))
struct SignalCleanupTests {
    typealias Sandbox = DataCommandTests.Sandbox

    /// Starts `learn data fetch` against the mirror's `/slow/` path (half of the first file, then a
    /// minute of silence) and waits until its `.part` file holds data. Nil if it never appeared.
    static func startSlowFetch(_ box: Sandbox, _ server: MirrorServer) throws -> (Process, Pipe)? {
        let process = Process()
        process.executableURL = LearnProcess.executable
        process.arguments = ["data", "fetch", "mnist", "--mirror", server.baseURL + "slow/", "--to", box.target.path, "--checksums", box.sums]
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = box.home.path
        process.environment = env
        process.currentDirectoryURL = box.root   // where a SIGQUIT core file would go, if any
        let error = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 {                      // at most 10 s for the first half of the file to arrive
            usleep(50_000)
            let parts = DataFixture.names(in: box.fetched).filter { $0.hasSuffix(".part") }
            if let part = parts.first,
               let size = try? FileManager.default.attributesOfItem(atPath: box.fetched.appendingPathComponent(part).path)[.size] as? Int,
               size > 0 {
                return (process, error)
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return nil
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT])
    func aSignalDuringAFetchRemovesThePartFile(signal number: Int32) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let server = try MirrorServer(serving: box.mirror)
        defer { server.stop() }
        guard let (process, error) = try Self.startSlowFetch(box, server) else {
            Issue.record("no .part file appeared")
            return
        }
        let part = try #require(DataFixture.names(in: box.fetched).first)
        #expect(part.hasPrefix(".train-images-idx3-ubyte.gz.\(process.processIdentifier).") && part.hasSuffix(".part"), "\(part)")
        kill(process.processIdentifier, number)
        let said = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // Ended by the signal itself (a shell shows 128 + n), not by exit(2).
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == number,
                "\(process.terminationReason) \(process.terminationStatus)")
        #expect(DataFixture.names(in: box.fetched).isEmpty, "\(DataFixture.names(in: box.fetched))")
        // The folders the fetch made (target/, target/mnist/) are gone too: nothing is left behind.
        #expect(!FileManager.default.fileExists(atPath: box.target.path))
        let text = String(decoding: said, as: UTF8.self)
        #expect(text.contains("learn: interrupted; removed the unfinished file \(box.fetched.path)/\(part)\n"), "\(text)")
    }

    /// What a shell reports: `kill -TERM` gives 143.
    @Test func theShellSees128PlusTheSignal() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let server = try MirrorServer(serving: box.mirror)
        defer { server.stop() }
        let learn = LearnProcess.executable.path
        let folder = box.fetched.path
        let script = "'\(learn)' data fetch mnist --mirror '\(server.baseURL)slow/' --to '\(box.target.path)' --checksums '\(box.sums)' 2>/dev/null & "
            + "for i in $(seq 200); do ls -a '\(folder)' 2>/dev/null | grep -q 'part$' && break; sleep 0.05; done; "
            + "kill -TERM $!; wait $!; echo status=$?; ls -a '\(folder)' 2>/dev/null | grep -c 'part$'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = box.home.path
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text == "status=143\n0\n", "\(text)")
    }

    /// A `.part` of a process that no longer exists is swept by the next fetch into that folder; one of a
    /// live process (another fetch running) is kept, and so is a link of a dead PID.
    @Test func aStalePartFileOfADeadProcessIsSwept() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let server = try MirrorServer(serving: box.mirror)
        defer { server.stop() }
        try FileManager.default.createDirectory(at: box.fetched, withIntermediateDirectories: true)
        #expect(kill(99_999_999, 0) == -1 && errno == ESRCH)
        let stale = ".train-images-idx3-ubyte.gz.99999999.part"
        let live = ".train-images-idx3-ubyte.gz.\(getpid()).part"
        let link = ".t10k-labels-idx1-ubyte.gz.99999998.part"
        for name in [stale, live] { try Data("half".utf8).write(to: box.fetched.appendingPathComponent(name)) }
        try FileManager.default.createSymbolicLink(atPath: box.fetched.appendingPathComponent(link).path, withDestinationPath: "elsewhere")
        let r = try box.fetch(server)
        #expect(r.status == 0, "\(r.error)")
        #expect(DataFixture.names(in: box.fetched) == ([live, link] + DataCommandTests.gzNames).sorted())
    }

    /// The same for `--output`'s `.tmp`, and `--output` to a FIFO is refused without opening it.
    @Test func aStaleTmpFileOfADeadProcessIsSweptByTheNextWrite() throws {
        let folder = try LearnProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stale = ".notes.md.99999999.tmp", live = ".notes.md.\(getpid()).tmp", other = ".other.md.99999999.tmp"
        for name in [stale, live, other] { try Data("half".utf8).write(to: folder.appendingPathComponent(name)) }
        let output = folder.appendingPathComponent("notes.md").path
        let r = try LearnProcess.run(["lesson", "backprop", "--format", "markdown", "--output", output])
        #expect(r.status == 0, "\(r.error)")
        #expect(DataFixture.names(in: folder) == [live, other, "notes.md"].sorted())
    }

    /// Training killed while it rewrites its `--log` after every epoch: ended by the signal, and no
    /// `.run.csv.PID.tmp` is left, whenever the signal came.
    @Test(.timeLimit(.minutes(2)))
    func aSignalDuringTrainingLeavesNoTemporaryLog() throws {
        let box = try TrainCommandTests.Sandbox()
        defer { box.remove() }
        let log = box.models.appendingPathComponent("run.csv").path
        for number in [SIGTERM, SIGINT] {
            let process = Process()
            process.executableURL = LearnProcess.executable
            process.arguments = ["train", "logreg", "--data", box.data.path, "--epochs", "10000", "--log", log]
            process.environment = ProcessInfo.processInfo.environment.merging(["HOME": box.home.path, "LEARN_DATA": ""]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            for _ in 0..<400 where !FileManager.default.fileExists(atPath: log) { usleep(50_000) }
            usleep(300_000)
            #expect(process.isRunning, "training ended before the signal")
            kill(process.processIdentifier, number)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == number)
            #expect(DataFixture.names(in: box.models) == ["run.csv"], "\(DataFixture.names(in: box.models))")
        }
    }
}
