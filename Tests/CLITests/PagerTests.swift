import Foundation
import Testing

/// The interactive lesson as a person uses it: `learn lesson` on a pseudo-terminal of a given size
/// (util-linux `script`, with `stty` setting the window), keys typed into it.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux script"))
struct PagerTests {
    /// Runs `learn lesson NAME` on a terminal `columns` wide, typing `keys` (a short pause before each).
    static func page(_ name: String, columns: Int, keys: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let learn = LearnProcess.executable.path
        let command = "stty cols \(columns) rows 30; '\(learn)' lesson \(name)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        env.removeValue(forKey: "COLUMNS")
        env["TERM"] = "xterm-256color"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        // A key typed after `learn` has quit must not stop the tests with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        // The lesson is evaluated before the first page: give it time, then type.
        Thread.sleep(forTimeInterval: 3)
        for key in keys {
            try? input.fileHandleForWriting.write(contentsOf: key.data(using: .utf8)!)
            Thread.sleep(forTimeInterval: 0.3)
        }
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The status lines the pager wrote, without their colour.
    static func statusLines(_ output: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "(── \\d+/\\d+[^\\r\\n\\x1B]*|── end[^\\r\\n\\x1B]*)")
        let ns = output as NSString
        return regex.matches(in: output, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    @Test(arguments: [40, 80, 100])
    func theStatusLineFitsOnOneLine(columns: Int) throws {
        let run = try Self.page("backprop", columns: columns, keys: ["\r", " ", "\r", "b", "\r", "q"])
        #expect(run.status == 0)
        let status = Self.statusLines(run.output)
        #expect(status.count >= 5, "\(status)")
        for line in status { #expect(line.count < columns, "'\(line)' is \(line.count) wide on a \(columns)-column terminal") }
        // Every status line is erased before the next page is written.
        #expect(run.output.components(separatedBy: "\r\u{1B}[2K").count - 1 >= status.count)
    }

    /// `kill -TERM` (and a closed window's SIGHUP) must not leave the shell without echo: the pager puts
    /// the keyboard back before the signal ends it, and the shell sees it ended by that signal (128 + 15).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pkill"), "needs pkill"))
    func aSignalRestoresTheKeyboard() throws {
        let learn = LearnProcess.executable.path
        // `script` gives the lesson a session of its own: `pkill -s 0` reaches only this test's `learn`.
        // The signal is sent once the pager has turned echo off (however slowly the lesson was
        // evaluated), and again until `learn` is gone. `timeout` keeps a pager that ignored it from
        // hanging the tests; `--foreground` leaves `learn` in the terminal's foreground group, as a
        // shell would (in a group of its own, setting the keyboard would stop it with SIGTTOU).
        let rawMode = "stty -a </dev/tty | tr ' ;' '\\n\\n' | grep -qx -- -echo"
        let command = "stty cols 80 rows 30 echo icanon; "
            + "(for i in $(seq 600); do \(rawMode) && break; sleep 0.1; done; while pkill -TERM -s 0 -x learn; do sleep 0.5; done) & "
            + "timeout --foreground -s KILL 60 '\(learn)' lesson backprop; "
            + "echo status=$?; wait; stty -a | tr ' ;' '\\n\\n' | grep -x -- '-\\?echo'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        process.environment = env
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        try? input.fileHandleForWriting.close()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("status=143"), "\(text.suffix(300))")
        let lines = text.components(separatedBy: CharacterSet.newlines).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("echo") && !lines.contains("-echo"), "\(text.suffix(300))")
    }

    @Test func controlCStopsWith130() throws {
        let run = try Self.page("backprop", columns: 80, keys: ["\r", "\u{3}"])
        #expect(run.status == 130)
    }
}
