import LearnCore
import Foundation
import LearnTensor

/// One thing `learn bench` measures: a title, the JSON keys it reports, and how to measure it.
struct BenchWorkload: Sendable {
    /// What the command line asked for.
    struct Options: Sendable {
        /// `--samples`: images per timed epoch, before the last partial batch is dropped.
        var samples: Int
        /// `--repeats`: timed epochs (or runs); the best is reported.
        var repeats: Int
        /// `--layers`: each network's layers timed apart after its epoch (``LayerTable``).
        var layers = false
    }

    /// The arithmetic a network workload did, for its GFLOP/s and its distance to the GEMM.
    struct Work {
        /// The JSON keys' stem, e.g. `cnn_epoch` (`cnn_epoch_flop_per_image`, `cnn_epoch_gflops`, …).
        var key: String
        /// ``FLOPCount/training`` or ``FLOPCount/forward`` of the network.
        var flopPerImage: Int
        /// Of the fastest timed run.
        var imagesPerSecond: Double
    }

    struct Outcome {
        /// The heading and column titles of the table this workload's rows belong to (printed once for
        /// consecutive workloads with the same section).
        var section: [String] = []
        var lines: [String]
        var values: [(key: String, value: Double)]
        var work: Work? = nil
    }

    let key: String
    let title: String
    let measure: @Sendable (_ options: Options) throws -> Outcome

    /// In the order peers.py runs them.
    static let all: [BenchWorkload] = [gemm, mlp, cnn, lenet5, inference, cnnInference]

    /// The keys `--only` takes.
    static var keys: [String] { all.map(\.key) }

    /// The workloads `--only LIST` names (comma-separated keys), in ``all``'s order; every workload without it.
    static func selected(by list: String?) throws(UsageError) -> [BenchWorkload] {
        guard let list else { return all }
        let names = list.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for name in names where !keys.contains(name) {
            throw UsageError("--only: unknown workload '\(name)' (workloads: \(keys.joined(separator: ", ")))")
        }
        return all.filter { names.contains($0.key) }
    }

    /// GEMM at the MLP's three products (batch 128, 784 → 625) and at 2048³.
    static let gemm = BenchWorkload(key: "gemm", title: "GEMM") { options in
        let shapes: [(String, Transposition, Transposition, Int, Int, Int)] = [
            ("MLP forward  x·W      ", .identity, .identity, 128, 625, 784),
            ("MLP backward xᵀ·δ     ", .transposed, .identity, 784, 625, 128),
            ("MLP backward δ·Wᵀ     ", .identity, .transposed, 128, 784, 625),
            ("square 2048³          ", .identity, .identity, 2048, 2048, 2048),
        ]
        var lines: [String] = []
        var mlpFlops = 0.0, mlpSeconds = 0.0, square = 0.0
        for (label, opA, opB, m, n, k) in shapes {
            let r = benchmarkGEMM(opA: opA, opB: opB, m: m, n: n, k: k, minimumRuns: max(5, options.repeats))
            guard r.verified else {
                throw CommandError(message: "bench: gemm \(m)×\(n)×\(k) disagrees with gemmReference (max error \(r.maxAbsoluteError))", status: .software)
            }
            lines.append("  \(label)  \("\(m) × \(n) × \(k)".padding(toLength: 20, withPad: " ", startingAt: 0))"
                         + String(format: "%10.1f %10.1f %7d", r.bestGFLOPS, r.medianGFLOPS, r.threads))
            if m == 2048 { square = r.bestGFLOPS } else { mlpFlops += r.flops; mlpSeconds += r.minSeconds }
        }
        return Outcome(section: ["GEMM (Float32, verified against gemmReference before timing)",
                                 "  shape                   m × n × k            best GFLOP/s   median   threads"],
                       lines: lines, values: [("gemm_mlp_gflops", mlpFlops / mlpSeconds / 1e9), ("gemm_2048_gflops", square)])
    }
}

extension BenchWorkload {
    /// GFLOP/s of a verified 2048³ sgemm (best of `max(5, repeats)`), the reference a run without the
    /// gemm workload compares its networks with.
    static func squareGEMM(repeats: Int) throws(CommandError) -> Double {
        let r = benchmarkGEMM(m: 2048, n: 2048, k: 2048, minimumRuns: max(5, repeats))
        guard r.verified else {
            throw CommandError(message: "bench: gemm 2048×2048×2048 disagrees with gemmReference (max error \(r.maxAbsoluteError))", status: .software)
        }
        return r.bestGFLOPS
    }
}

/// Seconds in a `Duration`.
func benchSeconds(_ d: Duration) -> Double {
    d.inSeconds
}

/// `12,345`.
func benchGrouped(_ x: Double) -> String {
    // A rate over no measurable time is no number: a dash rather than a trap converting ∞ to Int.
    guard x.isFinite, abs(x) < 1e18 else { return "–" }
    let digits = String(Int(x.rounded()))
    var out = ""
    for (i, c) in digits.reversed().enumerated() {
        if i > 0 && i % 3 == 0 && c != "-" { out.append(",") }
        out.append(c)
    }
    return String(out.reversed())
}

/// `text` right-aligned in `width` columns.
func benchRight(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}
