import Foundation
import LearnNotebook
import LearnTensor

/// `learn bench`: times the tensor engine's kernels and training epochs, verified before timed, and shows
/// each network workload's arithmetic rate beside the GEMM's, measured in the same run.
enum BenchCommand {
    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "bench", valued: ["--samples", "--only", "--repeats"], switches: ["--json", "--layers", "--help"])
        if arguments.has("--help") { return try HelpCommand.run(["bench"]) }
        guard arguments.positionals.isEmpty else { throw UsageError("bench: unexpected argument '\(arguments.positionals[0])'") }
        let samples = try arguments.integer("--samples", in: BenchData.batch...10_000_000) ?? BenchData.epochImages
        let repeats = try arguments.integer("--repeats", in: 1...1000) ?? 1
        let workloads = try BenchWorkload.selected(by: arguments.last("--only"))
        if arguments.has("--json") && arguments.has("--layers") { throw UsageError("bench: --layers prints a table; it does not go with --json") }
        if arguments.has("--layers") && !workloads.contains(where: { EpochWorkload.keys.contains($0.key) }) {
            throw UsageError("bench: --layers times the layers of a training epoch: add mlp, cnn or lenet5 to --only")
        }
        guard tensorKernelsAreOptimized else {
            throw CommandError(message: "bench: this is a debug build, whose timings mean nothing; run 'swift run -c release learn bench'",
                               status: .usage)
        }
        let json = arguments.has("--json")
        let options = BenchWorkload.Options(samples: samples, repeats: repeats, layers: arguments.has("--layers"))
        let machine = MachineInfo.current()
        if !json { Output.standard("learn bench · \(machine.line)\n") }

        var results: [(key: String, value: Double)] = []
        var section: [String] = []
        var work: [BenchWorkload.Work] = []
        // The GEMM rate each workload is compared with: the gemm workload's 2048³, or (without it) a
        // 2048³ product timed here first, so that the comparison is always within one run.
        var reference: Double?
        if !workloads.contains(where: { $0.key == "gemm" }) && workloads.count > 0 {
            reference = try BenchWorkload.squareGEMM(repeats: repeats)
        }
        for workload in workloads {
            // "measuring …" is a progress line: on a terminal only, where the next line rubs it out.
            let live = !json && isatty(STDERR_FILENO) == 1
            if live { Output.writeStandardError(Output.shown("  measuring \(workload.title)…\r")) }
            let outcome = try workload.measure(options)
            if !json {
                if live { Output.writeStandardError("\u{1B}[2K\r") }
                if outcome.section != section {
                    if !section.isEmpty { Output.standard("") }
                    Output.standard(outcome.section.joined(separator: "\n"))
                    section = outcome.section
                }
                Output.standard(outcome.lines.joined(separator: "\n"))
            }
            results += outcome.values
            if let w = outcome.work { work.append(w) }
            if workload.key == "gemm" { reference = outcome.values.first { $0.key == "gemm_2048_gflops" }?.value }
        }
        let distance = BenchDistance(reference: reference, work: work)
        if !json && !work.isEmpty {
            Output.standard("")
            Output.standard(distance.lines.joined(separator: "\n"))
        }
        if json {
            var fields = results.map { "\"\($0.key)\": \(String(format: "%.6g", $0.value))" }
            fields += distance.jsonFields
            // `samples`: the images each *_epoch_seconds is for (whole batches), which peers.py scales by.
            fields.append("\"samples\": \(BenchData.wholeBatches(samples))")
            fields.append("\"repeats\": \(repeats)")
            fields.append("\"cores\": \(machine.cores)")
            Output.standard("{" + fields.joined(separator: ", ") + "}")
        }
        return .ok
    }
}
