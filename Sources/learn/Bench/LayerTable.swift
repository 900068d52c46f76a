import Foundation
import LearnTensor

/// `learn bench --layers`: a network's ``LayerProfile`` as a table under its epoch line: each layer's
/// forward and backward milliseconds on one batch, its share of the layers' time, and for a layer with
/// weights the GFLOP/s of its passes; then the layers' sum beside the step the epoch timed (the rest is
/// the loss, the optimizer, zeroing the gradients and copying the batch).
///
/// Times are shown in hundredths of a millisecond, and every sum is of the numbers as shown, so the
/// table adds up at its printed precision.
enum LayerTable {
    /// Layer passes are each timed this many times, the fastest kept.
    static let repeats = 10

    static func lines(_ profile: LayerProfile, stepSeconds: Double) -> [String] {
        let forward = profile.entries.map { hundredths($0.forwardSeconds) }
        let backward = profile.entries.map { $0.backwardSeconds.map(hundredths) }
        let (forwardTotal, backwardTotal) = (forward.reduce(0, +), backward.reduce(0) { $0 + ($1 ?? 0) })
        let total = forwardTotal + backwardTotal
        var lines = ["      where a step's time goes (one batch of \(profile.batch), each pass the best of \(repeats)):",
                     "      " + "layer".padding(toLength: 34, withPad: " ", startingAt: 0)
                        + benchRight("forward ms", 11) + benchRight("backward ms", 13) + benchRight("share", 7)
                        + benchRight("GFLOP/s fwd", 13) + benchRight("bwd", 7)]
        for (i, entry) in profile.entries.enumerated() {
            lines.append("      " + entry.summary.padding(toLength: 34, withPad: " ", startingAt: 0)
                         + benchRight(shown(forward[i]), 11)
                         + benchRight(backward[i].map(shown) ?? "–", 13)
                         + benchRight(total > 0 ? String(format: "%.0f %%", 100 * Double(forward[i] + (backward[i] ?? 0)) / Double(total)) : "–", 7)
                         + benchRight(rate(entry.forwardFLOP, entry.forwardSeconds), 13)
                         + benchRight(entry.backwardSeconds.map { rate(entry.backwardFLOP, $0) } ?? "–", 7))
        }
        lines.append("      " + "all layers".padding(toLength: 34, withPad: " ", startingAt: 0)
                     + benchRight(shown(forwardTotal), 11) + benchRight(shown(backwardTotal), 13))
        let step = hundredths(stepSeconds)
        lines.append("      a step of the timed epoch took \(shown(step)) ms, the layers' passes \(shown(total)) ms" + (step > total ? ";" : ""))
        if step > total {
            lines.append("      the rest (loss, optimizer, zeroing gradients, copying the batch) \(shown(step - total)) ms")
        }
        return lines
    }

    /// Hundredths of a millisecond.
    static func hundredths(_ seconds: Double) -> Int {
        let value = (seconds * 1e5).rounded()
        return value.isFinite && value < 1e15 ? Int(value) : 0
    }

    /// `12.34` for 1234 hundredths.
    static func shown(_ hundredths: Int) -> String { String(format: "%d.%02d", hundredths / 100, hundredths % 100) }

    /// GFLOP/s, or a dash for a layer whose arithmetic is not counted (or a pass too fast to time).
    static func rate(_ flop: Int, _ seconds: Double) -> String {
        flop > 0 && seconds > 0 ? String(format: "%.0f", Double(flop) / seconds / 1e9) : "–"
    }
}
