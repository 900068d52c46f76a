import Foundation

/// The text of a download's progress: sizes, rates, a bar, the line redrawn while a file comes, and the
/// line logged when it is in place. Decimal units (1 MB = 1,000,000 bytes), as mirrors state sizes.
/// Prints nothing itself.
public enum ProgressText {
    /// `0 B`, `999 B`, `1.5 kB`, `9.9 MB`, `47 MB`, `1.2 GB`: one decimal below 100 of a unit, none above.
    public static func bytes(_ count: Int64) -> String {
        guard count >= 1000 else { return "\(max(0, count)) B" }
        var value = Double(count), unit = 0
        let units = ["B", "kB", "MB", "GB", "TB"]
        while value >= 999.95, unit + 1 < units.count { value /= 1000; unit += 1 }
        return String(format: value < 99.95 ? "%.1f" : "%.0f", value) + " " + units[unit]
    }

    /// `4.7 MB/s`; `…` when no time has passed yet.
    public static func rate(bytes count: Int64, seconds: Double) -> String {
        guard seconds > 0.05 else { return "… B/s" }
        return bytes(Int64((Double(count) / seconds).rounded())) + "/s"
    }

    /// `2.1 s`, `0.3 s`, `1 min 05 s`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "an unknown time" }
        guard seconds >= 60 else { return String(format: "%.1f s", max(0, seconds)) }
        let whole = Int(seconds.rounded())
        return String(format: "%d min %02d s", whole / 60, whole % 60)
    }

    /// How many of `width` cells `fraction` fills, rounded to the nearest: clamped to 0…1 first, and 0
    /// for NaN, so any Double gives a count in 0…width (a bar never traps on a number that is not one).
    public static func cells(fraction: Double, width: Int) -> Int {
        Int((clamped(fraction) * Double(max(0, width))).rounded())
    }

    /// `fraction` in 0…1; NaN is 0.
    static func clamped(_ fraction: Double) -> Double { fraction.isNaN ? 0 : min(1, max(0, fraction)) }

    /// A bar of `width` cells for `fraction` (clamped to 0…1), in eighths: `████▌   `.
    public static func bar(fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let eighths = Int((clamped(fraction) * Double(width * 8)).rounded(.down))
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let full = eighths / 8
        return String(repeating: "█", count: full) + partial + String(repeating: " ", count: width - full - (partial.isEmpty ? 0 : 1))
    }

    /// The line redrawn while `file` comes, at most `width` characters when it fits at all:
    /// `train-images-idx3-ubyte.gz ▕████▌     ▏  45%  4.5 MB / 9.9 MB  2.3 MB/s`. Without a known total:
    /// `train-images-idx3-ubyte.gz  4.5 MB  2.3 MB/s`. The percentage is rounded down (100 % only when all came).
    public static func line(file: String, received: Int64, total: Int64?, seconds: Double, width: Int) -> String {
        let speed = rate(bytes: received, seconds: seconds)
        guard let total, total > 0 else { return "\(file)  \(bytes(received))  \(speed)" }
        let fraction = Double(received) / Double(total)
        let percent = Int((fraction * 100).rounded(.down))
        let tail = "\(String(repeating: " ", count: max(0, 3 - String(percent).count)))\(percent)%  \(bytes(received)) / \(bytes(total))  \(speed)"
        let room = width - file.count - tail.count - 5   // " ▕", "▏ ", and one column spare
        guard room >= 5 else { return "\(file)  \(tail)" }
        return "\(file) ▕\(bar(fraction: fraction, width: min(room, 40)))▏ \(tail)"
    }

    /// The line logged when a downloaded file is in place: `train-images-idx3-ubyte.gz: 9.9 MB in 2.1 s
    /// (4.7 MB/s), content SHA-256 checked` (no rate under 0.05 s).
    public static func downloaded(_ name: String, bytes count: Int64, seconds: Double) -> String {
        let speed = seconds > 0.05 ? " (\(rate(bytes: count, seconds: seconds)))" : ""
        return "\(name): \(bytes(count)) in \(duration(seconds))\(speed), content SHA-256 checked"
    }

    /// The line logged when a file was already in place: `PATH: already there with the right content`.
    public static func alreadyPresent(_ path: String) -> String {
        "\(path): already there with the right content"
    }
}
