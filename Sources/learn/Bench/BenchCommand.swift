import Foundation
import LearnNotebook
import LearnTensor

/// `learn bench`: times the tensor engine's kernels and training epochs, verified before timed.
enum BenchCommand {
    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "bench", valued: ["--samples", "--only", "--repeats"], switches: ["--json", "--help"])
        if arguments.has("--help") { return try HelpCommand.run(["bench"]) }
        guard arguments.positionals.isEmpty else { throw UsageError("bench: unexpected argument '\(arguments.positionals[0])'") }
        guard tensorKernelsAreOptimized else {
            throw CommandError(message: "bench: this is a debug build, whose timings mean nothing; run 'swift run -c release learn bench'",
                               status: .usage)
        }
        let samples = try arguments.integer("--samples", in: BenchData.batch...10_000_000) ?? BenchData.epochImages
        let repeats = try arguments.integer("--repeats", in: 1...1000) ?? 1
        let options = BenchWorkload.Options(samples: samples, repeats: repeats)
        let known = BenchWorkload.all.map(\.key)
        let only = arguments.last("--only").map { $0.split(separator: ",").map(String.init) } ?? known
        for name in only where !known.contains(name) {
            throw UsageError("--only: unknown workload '\(name)' (workloads: \(known.joined(separator: ", ")))")
        }
        let json = arguments.has("--json")
        let machine = MachineInfo.current()
        if !json { Output.standard("learn bench · \(machine.line)\n") }

        var results: [(key: String, value: Double)] = []
        var section: [String] = []
        for workload in BenchWorkload.all where only.contains(workload.key) {
            if !json { FileHandle.standardError.write(Output.shown("  measuring \(workload.title)…\r").data(using: .utf8)!) }
            let outcome = try workload.measure(options)
            if !json {
                FileHandle.standardError.write("\u{1B}[2K\r".data(using: .utf8)!)
                if outcome.section != section {
                    if !section.isEmpty { Output.standard("") }
                    Output.standard(outcome.section.joined(separator: "\n"))
                    section = outcome.section
                }
                Output.standard(outcome.lines.joined(separator: "\n"))
            }
            results += outcome.values
        }
        if json {
            var fields = results.map { "\"\($0.key)\": \(String(format: "%.6g", $0.value))" }
            // `samples`: the images each *_epoch_seconds is for (whole batches), which peers.py scales by.
            fields.append("\"samples\": \(BenchData.wholeBatches(samples))")
            fields.append("\"repeats\": \(repeats)")
            fields.append("\"cores\": \(machine.cores)")
            Output.standard("{" + fields.joined(separator: ", ") + "}")
        }
        return .ok
    }
}
