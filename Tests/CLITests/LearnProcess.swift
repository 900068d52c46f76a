import Foundation

/// Runs the built `learn` executable and captures what it prints.
struct LearnProcess {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardizedFileURL

    /// The executable next to the test bundle (SwiftPM builds it because this target depends on it).
    static let executable: URL = {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("learn"),
            Bundle.main.bundleURL.appendingPathComponent("learn"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("learn"),
            packageRoot.appendingPathComponent(".build/debug/learn"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// A `learn ARGUMENTS` process, not started, in the package root with `environment` added to this
    /// process's (LEARN_LESSONS unset unless given); the caller sets its streams.
    static func process(_ arguments: [String], environment: [String: String] = [:]) -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "LEARN_LESSONS")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        return process
    }

    /// Runs `learn ARGUMENTS` in the package root (or `folder`) with `environment` added (and NO_COLOR,
    /// LEARN_LESSONS and COLUMNS unset unless given); `executable` is another copy of `learn` to run.
    static func run(_ arguments: [String], environment: [String: String] = [:], in folder: URL? = nil,
                    executable: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        env.removeValue(forKey: "LEARN_LESSONS")
        env.removeValue(forKey: "COLUMNS")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                      error: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `learn ARGUMENTS` with a pseudo-terminal for its standard output and error (util-linux `script`),
    /// in the package root, with TERM=xterm-256color, NO_COLOR unset and `environment` added. Returns what
    /// the terminal showed (both streams) and the exit status.
    static func runOnTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let quoted = ([executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", quoted + " </dev/null", "/dev/null"]
        process.currentDirectoryURL = packageRoot
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
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self), error: "")
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("learn-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
