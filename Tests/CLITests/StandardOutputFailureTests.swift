import Foundation
import Testing

/// Standard output that cannot take what `learn` writes (a full disk, a closed descriptor) ends it with
/// one line on standard error and exit status 73, never a crash with a backtrace.
@Suite(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full"), "no /dev/full on this system"))
struct StandardOutputFailureTests {
    /// Runs `learn ARGUMENTS` with standard output on /dev/full (every write fails with ENOSPC).
    static func runIntoAFullDisk(_ arguments: [String]) throws -> (status: Int32, error: String) {
        let process = LearnProcess.process(arguments)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        process.standardOutput = full
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let said = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: said, as: UTF8.self))
    }

    @Test(arguments: [["lesson", "backprop"], ["verify", "backprop", "out_h1=0.5933"], ["list"], ["help"]])
    func aFullDiskIsOneLineAnd73(arguments: [String]) throws {
        let (status, error) = try Self.runIntoAFullDisk(arguments)
        #expect(status == 73, "\(arguments): \(status) \(error)")
        #expect(error == "learn: cannot write to standard output: No space left on device\n", "\(arguments): \(error)")
    }
}
