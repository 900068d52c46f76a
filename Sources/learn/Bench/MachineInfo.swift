import Foundation
import LearnTensor

/// What `learn bench` reports about the machine: CPU model, cores, clock, vector units, and a peak
/// single-precision estimate.
struct MachineInfo {
    var cpu: String
    var cores: Int
    var megahertz: Double?
    var hasAVX2FMA: Bool

    static func current() -> MachineInfo {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        func field(_ name: String) -> String? {
            for line in text.split(separator: "\n") where line.hasPrefix(name) {
                if let colon = line.firstIndex(of: ":") { return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
            }
            return nil
        }
        let flags = Set((field("flags") ?? "").split(separator: " ").map(String.init))
        return MachineInfo(cpu: field("model name") ?? "unknown CPU", cores: availableCoreCount,
                           megahertz: field("cpu MHz").flatMap(Double.init),
                           hasAVX2FMA: flags.contains("avx2") && flags.contains("fma"))
    }

    /// Peak Float32 GFLOP/s if every core retires two 8-lane FMAs per cycle (32 flops): AVX2 + FMA on
    /// Haswell and later, Zen 2 and later. Nil when the clock is unknown.
    var peakGFLOPS: Double? {
        guard let mhz = megahertz else { return nil }
        return Double(cores) * mhz / 1000 * (hasAVX2FMA ? 32 : 8)
    }

    var line: String {
        let clock = megahertz.map { String(format: " at %.2f GHz", $0 / 1000) } ?? ""
        let peak = peakGFLOPS.map { String(format: ", peak ≈ %.0f GFLOP/s (%@)", $0, hasAVX2FMA ? "2 × 8-lane FMA per cycle per core" : "no AVX2/FMA") } ?? ""
        return "\(cpu), \(cores) core\(cores == 1 ? "" : "s")\(clock)\(peak)"
    }
}
