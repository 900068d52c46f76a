import Foundation
import LearnTensor

/// One thing `learn bench` measures: a title, the JSON keys it reports, and how to measure it.
struct BenchWorkload: Sendable {
    struct Outcome {
        var lines: [String]
        var values: [(key: String, value: Double)]
    }

    let key: String
    let title: String
    let measure: @Sendable (_ samples: Int) throws -> Outcome

    static let all: [BenchWorkload] = [gemm]

    /// GEMM at the MLP's three products (batch 128, 784 → 625) and at 2048³.
    static let gemm = BenchWorkload(key: "gemm", title: "GEMM") { _ in
        let shapes: [(String, Transposition, Transposition, Int, Int, Int)] = [
            ("MLP forward  x·W      ", .identity, .identity, 128, 625, 784),
            ("MLP backward xᵀ·δ     ", .transposed, .identity, 784, 625, 128),
            ("MLP backward δ·Wᵀ     ", .identity, .transposed, 128, 784, 625),
            ("square 2048³          ", .identity, .identity, 2048, 2048, 2048),
        ]
        var lines = ["GEMM (Float32, verified against gemmReference before timing)",
                     "  shape                   m × n × k            best GFLOP/s   median   threads"]
        var mlpFlops = 0.0, mlpSeconds = 0.0, square = 0.0
        for (label, opA, opB, m, n, k) in shapes {
            let r = benchmarkGEMM(opA: opA, opB: opB, m: m, n: n, k: k)
            guard r.verified else {
                throw CommandError(message: "bench: gemm \(m)×\(n)×\(k) disagrees with gemmReference (max error \(r.maxAbsoluteError))", status: .software)
            }
            lines.append("  \(label)  \("\(m) × \(n) × \(k)".padding(toLength: 20, withPad: " ", startingAt: 0))"
                         + String(format: "%10.1f %10.1f %7d", r.bestGFLOPS, r.medianGFLOPS, r.threads))
            if m == 2048 { square = r.bestGFLOPS } else { mlpFlops += r.flops; mlpSeconds += r.minSeconds }
        }
        lines.append("")
        return Outcome(lines: lines, values: [("gemm_mlp_gflops", mlpFlops / mlpSeconds / 1e9), ("gemm_2048_gflops", square)])
    }
}
