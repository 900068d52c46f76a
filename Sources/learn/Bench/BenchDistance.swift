import Foundation
import LearnTensor

/// Each network workload's FLOP per image (``FLOPCount``), the GFLOP/s it achieved, and that rate as a
/// percentage of the 2048³ GEMM's measured in the same run: how far the workload is from the machine's
/// limit for this kind of arithmetic.
struct BenchDistance {
    /// GFLOP/s of the 2048³ sgemm in this run (nil if it could not be measured).
    var reference: Double?
    var work: [BenchWorkload.Work]

    static func gflops(_ w: BenchWorkload.Work) -> Double { Double(w.flopPerImage) * w.imagesPerSecond / 1e9 }

    /// Percent of the GEMM rate, or nil without a positive reference.
    func percent(_ w: BenchWorkload.Work) -> Double? {
        guard let reference, reference > 0, reference.isFinite else { return nil }
        return 100 * Self.gflops(w) / reference
    }

    var lines: [String] {
        let gemm = reference.map { String(format: "%.1f GFLOP/s", $0) } ?? "not measured"
        var out = ["Work per image and distance to the GEMM (2048³ sgemm in this run: \(gemm)): 2 FLOP per multiply-add of the",
                   "dense and convolution layers; a training step = forward + weight gradients + input gradients (none for the first layer);",
                   "a convolution counts the direct method's FLOP, also where it runs Winograd F(2×2, 3×3) (2.25 × fewer multiplications)",
                   "  workload        MFLOP/image     images/s    GFLOP/s   % of GEMM"]
        for w in work {
            let share = percent(w).map { String(format: "%9.0f %%", $0) } ?? "         —"
            out.append("  " + w.key.padding(toLength: 14, withPad: " ", startingAt: 0)
                       + String(format: "%13.3f ", Double(w.flopPerImage) / 1e6) + benchRight(benchGrouped(w.imagesPerSecond), 12)
                       + String(format: " %10.1f ", Self.gflops(w)) + share)
        }
        return out
    }

    /// `"cnn_epoch_flop_per_image": 35140000, "cnn_epoch_gflops": 98.1, "cnn_epoch_gemm_percent": 47.3, …`
    /// and `gemm_reference_gflops`.
    var jsonFields: [String] {
        var fields: [String] = []
        if let reference, reference.isFinite { fields.append("\"gemm_reference_gflops\": \(String(format: "%.6g", reference))") }
        for w in work {
            fields.append("\"\(w.key)_flop_per_image\": \(w.flopPerImage)")
            fields.append("\"\(w.key)_gflops\": \(String(format: "%.6g", Self.gflops(w)))")
            if let p = percent(w) { fields.append("\"\(w.key)_gemm_percent\": \(String(format: "%.4g", p))") }
        }
        return fields
    }
}
