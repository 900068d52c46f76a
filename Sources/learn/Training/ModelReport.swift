import LearnText
import LearnCore
import LearnModels
import LearnCourse
import LearnData
import LearnNotebook
import LearnTensor

/// What `learn train` and `learn eval` show after scoring a model on the test set: accuracy against
/// the course's figure, the confusion matrix, and a few misclassified digits drawn with what the
/// network said, as document blocks rendered for the terminal.
enum ModelReport {
    static func blocks(model: CourseNetwork, dataset: Dataset, predictions: [Int], confusion c: ConfusionMatrix, probabilities: Tensor,
                       unicode: Bool, examples: Int = 4) -> [Block] {
        let known = KnownDataset.named(dataset.name)
        let errors = c.total - c.correct
        var blocks: [Block] = [.heading(level: 2, [.text("Test set: \(c.correct) of \(c.total) right, \(String(format: "%.2f", 100 * c.accuracy)) % (\(errors) errors)")])]
        if dataset.name == "mnist" {
            let met = c.total == 10_000 ? (c.correct >= model.targetCorrect ? "met" : "not met") : "applies to the full test set"
            blocks.append(.paragraph([.text("The course quotes \(model.publishedTarget) for "), .code(model.rawValue), .text(": \(met).")]))
        }
        blocks.append(.paragraph([.strong([.text("Confusion matrix")]), .text(" (rows: true class, columns: predicted)")]))
        let columns = [Table.Column(header: [], alignment: .right)]
            + (0..<c.classes).map { Table.Column(header: [.text("\($0)")], alignment: .right) }
            + [Table.Column(header: [.text("recall")], alignment: .right)]
        let rows: [[[Inline]]] = (0..<c.classes).map { actual in
            let recall = c.recall(actual).map { String(format: "%.1f %%", 100 * $0) } ?? "–"
            return [[.strong([.text("\(actual)")])]] + c.counts[actual].map { [.text(String($0))] } + [[.text(recall)]]
        }
        blocks.append(.table(Table(columns: columns, rows: rows)))
        let wrong = predictions.indices.filter { predictions[$0] != Int(dataset.test.labels[$0]) }
        if !wrong.isEmpty && examples > 0 {
            blocks.append(.paragraph([.strong([.text("Some digits it got wrong")])]))
            let gallery = sideBySide(wrong.prefix(examples).map { i in
                let said = predictions[i]
                let p = probabilities[i, said]
                let caption = ["#\(i): is \(describe(known, dataset.test.labels[i]))",
                               "said \(describe(known, UInt8(said))) (\(String(format: "%.0f", 100 * p)) %)"]
                return (caption, picture(dataset, index: i, unicode: unicode))
            })
            blocks.append(.code(language: nil, lines: gallery.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)))
        }
        return blocks
    }

    /// The test image `index` drawn as text.
    static func picture(_ dataset: Dataset, index: Int, unicode: Bool) -> [String] {
        let pixels = dataset.test.image(index, pixels: dataset.pixelsPerImage).map { Double($0) / 255 }
        let image = TraceImage(title: "", rows: dataset.rows, columns: dataset.columns, pixels: pixels)
        return ImageText(unicode: unicode).draw(image)
    }

    private static func describe(_ known: KnownDataset?, _ label: UInt8) -> String {
        known?.describe(label: label) ?? String(label)
    }

    /// Pictures with captions under them, side by side, each `columns + 2` wide.
    private static func sideBySide(_ items: [(caption: [String], lines: [String])]) -> String {
        let width = max(28, items.flatMap { $0.caption.map(\.count) + $0.lines.map(\.count) }.max() ?? 0) + 3
        let height = items.map { $0.lines.count + $0.caption.count }.max() ?? 0
        var out = ""
        for row in 0..<height {
            var line = ""
            for item in items {
                let all = item.lines + item.caption
                let text = row < all.count ? all[row] : ""
                line += text + String(repeating: " ", count: max(0, width - text.count))
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
