import Foundation
import LearnNotebook
import LearnTensor

/// `learn bench`: times the tensor engine's kernels and training epochs, verified before timed.
enum BenchCommand {
    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "bench", valued: ["--samples", "--only"], switches: ["--json", "--help"])
        if arguments.has("--help") { return try HelpCommand.run(["bench"]) }
        guard arguments.positionals.isEmpty else { throw UsageError("bench: unexpected argument '\(arguments.positionals[0])'") }
        guard tensorKernelsAreOptimized else {
            throw CommandError(message: "bench: this is a debug build, whose timings mean nothing; run 'swift run -c release learn bench'",
                               status: .usage)
        }
        let samples = try arguments.last("--samples").map { (text: String) throws(UsageError) -> Int in
            guard let n = Int(text), n >= 128 else { throw UsageError("--samples: expected a whole number ≥ 128, got '\(text)'") }
            return n
        } ?? 60_000
        let known = BenchWorkload.all.map(\.key)
        let only = arguments.last("--only").map { $0.split(separator: ",").map(String.init) } ?? known
        for name in only where !known.contains(name) {
            throw UsageError("--only: unknown workload '\(name)' (workloads: \(known.joined(separator: ", ")))")
        }
        let json = arguments.has("--json")
        let machine = MachineInfo.current()
        if !json { Output.standard("learn bench · \(machine.line)\n") }

        var results: [(key: String, value: Double)] = []
        for workload in BenchWorkload.all where only.contains(workload.key) {
            if !json { FileHandle.standardError.write("  measuring \(workload.title)…\r".data(using: .utf8)!) }
            let outcome = try workload.measure(samples)
            if !json {
                FileHandle.standardError.write("\u{1B}[2K\r".data(using: .utf8)!)
                Output.standard(outcome.lines.joined(separator: "\n"))
            }
            results += outcome.values
        }
        if json {
            var fields = results.map { "\"\($0.key)\": \(String(format: "%.6g", $0.value))" }
            fields.append("\"samples\": \(samples)")
            fields.append("\"cores\": \(machine.cores)")
            Output.standard("{" + fields.joined(separator: ", ") + "}")
        }
        return .ok
    }
}
