import LearnCore
import LearnModels
import LearnText

/// What `learn train` shows after its epochs: the train and test loss, and the train and test accuracy,
/// per epoch, as two plots drawn to the terminal's width.
enum TrainingCurves {
    /// The two plots with their titles and a note on what "train" measures; for a single epoch, a line
    /// saying there is nothing to plot. No line is wider than `width` (at least 30 columns are used).
    static func lines(_ results: [TrainingSession.EpochResult], width: Int, unicode: Bool) -> [String] {
        let width = max(30, width)
        guard results.count >= 2 else { return WordWrap.lines("One epoch: nothing to plot (its numbers are on the line above).", width: width) }
        func series(_ name: String, _ value: (TrainingSession.EpochResult) -> Double) -> TracePlot.Series {
            TracePlot.Series(name: name, points: results.map { (x: Double($0.epoch), y: value($0)) })
        }
        let plots = [
            (TracePlot(title: "Loss per epoch (softmax cross-entropy)", xLabel: "epoch", yLabel: "loss",
                       series: [series("train", \.trainLoss), series("test", \.testLoss)]), 3),
            (TracePlot(title: "Accuracy per epoch (%)", xLabel: "epoch", yLabel: "accuracy %",
                       series: [series("train") { 100 * $0.trainAccuracy }, series("test") { 100 * $0.testAccuracy }]), 2),
        ]
        var lines: [String] = []
        for (plot, digits) in plots {
            let style = PlotText(width: 60, height: 10, unicode: unicode, format: NumberFormat(digits: digits))
            lines += WordWrap.lines(plot.title, width: width)
            lines += style.fitted(to: min(width, 100), for: plot).draw(plot).map { line in
                var line = line
                while line.last == " " { line.removeLast() }
                return line
            }
            lines.append("")
        }
        lines += WordWrap.lines("train: each batch measured before its update, while the network learned (with dropout and "
                                + "shifted images when the model uses them); test: the whole test set, scored after the epoch.", width: width)
        return lines
    }
}
