import Foundation
import Testing

/// Colour on a terminal, none with NO_COLOR: `learn` runs under util-linux `script`, which gives it a
/// pseudo-terminal for its output.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux script"))
struct TerminalTests {
    /// What `learn ARGUMENTS` prints when its output is a terminal.
    func onTerminal(_ arguments: [String], environment: [String: String]) throws -> String {
        let quoted = ([LearnProcess.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", quoted + " </dev/null", "/dev/null"]
        process.currentDirectoryURL = LearnProcess.packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        env["TERM"] = "xterm-256color"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func colourOnATerminal() throws {
        let text = try onTerminal(["lesson", "backprop", "--all"], environment: [:])
        #expect(text.contains("\u{1B}["))
        #expect(text.contains("0.593269992"))
    }

    @Test func noColourWithNoColor() throws {
        let text = try onTerminal(["lesson", "backprop", "--all"], environment: ["NO_COLOR": "1"])
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("0.593269992"))
        let verify = try onTerminal(["verify", "backprop", "out_h1=0.5933"], environment: ["NO_COLOR": "1"])
        #expect(!verify.contains("\u{1B}") && verify.contains("✓"))
    }
}
