import LearnCore
import LearnText
import Foundation
import LearnModels
import LearnCourse
import LearnData
import LearnTensor

/// What `learn train` shows while it trains: a live line on standard error (epoch, batch, loss,
/// accuracy, speed and time left), redrawn in place and only when standard error is a terminal; and a
/// permanent line per epoch on standard output, wherever it goes.
final class ProgressLine {
    let epochs: Int
    let batchSize: Int
    let live: Bool
    let width: Int
    private let clock = ContinuousClock()
    private var epochStart: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant
    private var secondsPerEpoch: Double?

    init(epochs: Int, batchSize: Int) {
        self.epochs = epochs
        self.batchSize = batchSize
        live = isatty(STDERR_FILENO) == 1
        width = Terminal.width
        epochStart = clock.now
        lastDraw = clock.now
    }

    /// After every batch: redraws at most ten times a second.
    func batch(_ p: TrainingProgress) {
        if p.batch == 1 { epochStart = clock.now }
        guard live, p.batch == p.batchesPerEpoch || clock.now - lastDraw > .milliseconds(100) else { return }
        lastDraw = clock.now
        let elapsed = seconds(clock.now - epochStart)
        let fraction = Double(p.batch) / Double(p.batchesPerEpoch)
        let rate = elapsed > 0 ? Double(p.samples) / elapsed : 0
        let thisEpochLeft = fraction > 0 ? elapsed / fraction - elapsed : 0
        let perEpoch = secondsPerEpoch ?? (fraction > 0 ? elapsed / fraction : 0)
        let left = thisEpochLeft + Double(epochs - p.epoch) * perEpoch
        let head = "epoch \(p.epoch)/\(epochs) "
        let tail = String(format: " %d/%d  loss %.4f  acc %.2f%%  %.0f img/s  %@ left",
                          p.batch, p.batchesPerEpoch, p.loss, 100 * p.accuracy, rate, ProgressText.duration(left))
        let room = max(0, min(30, width - head.count - tail.count - 3))
        let bar = room >= 5 ? "▕" + ProgressText.bar(fraction: fraction, width: room) + "▏" : ""
        write("\r\u{1B}[2K" + head + bar + tail)
    }

    /// After every epoch: the live line cleared, one line on standard output.
    func epoch(_ r: TrainingSession.EpochResult) {
        secondsPerEpoch = r.seconds
        clear()
        Output.standard(Self.line(r, epochs: epochs))
    }

    /// `epoch 3/40  lr 0.00162  train loss 0.2764  test loss 0.2711  train acc 92.31%  test acc 92.40%  1.2 s`.
    static func line(_ r: TrainingSession.EpochResult, epochs: Int) -> String {
        String(format: "epoch %d/%d  lr %.4g  train loss %.4f  test loss %.4f  train acc %.2f%%  test acc %.2f%%  %@",
               r.epoch, epochs, r.learningRate, r.trainLoss, r.testLoss, 100 * r.trainAccuracy, 100 * r.testAccuracy,
               ProgressText.duration(r.seconds))
    }

    /// Clears a half-drawn line (before an error message).
    func clear() { if live { write("\r\u{1B}[2K") } }

    private func write(_ text: String) { Output.writeStandardError(Output.shown(text)) }
    private func seconds(_ d: Duration) -> Double { d.inSeconds }
}
