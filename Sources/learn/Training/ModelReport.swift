import LearnText
import LearnCore
import LearnModels
import LearnCourse
import LearnData
import LearnNotebook
import LearnTensor

/// What `learn train` and `learn eval` show after scoring a model on the test set: accuracy against
/// the course's figure and the confusion matrix (document blocks, rendered for the terminal), then a
/// few misclassified images drawn with what the network said (drawn to the width).
/// Class names (Fashion-MNIST's) are given in a legend under the matrix and in the captions.
enum ModelReport {
    /// The accuracy heading, the course's figure (MNIST), the confusion matrix split into as many
    /// tables as it takes to fit `width` columns, the classes' names when they are not digits, and the
    /// title of the gallery when there are mistakes to show.
    static func blocks(model: CourseNetwork, dataset: Dataset, confusion c: ConfusionMatrix, width: Int) -> [Block] {
        let errors = c.total - c.correct
        var blocks: [Block] = [.heading(level: 2, [.text("Test set: \(c.correct) of \(c.total) right, \(String(format: "%.2f", 100 * c.accuracy)) % (\(errors) errors)")])]
        if dataset.name == "mnist" {
            let met = c.total == 10_000 ? (c.correct >= model.targetCorrect ? "met" : "not met") : "applies to the full test set"
            blocks.append(.paragraph([.text("The course quotes \(model.publishedTarget) for "), .code(model.rawValue), .text(": \(met).")]))
        }
        blocks.append(.paragraph([.strong([.text("Confusion matrix")]), .text(" (rows: true class, columns: predicted)")]))
        blocks += confusionTables(c, width: width).map(Block.table)
        if let names = KnownDataset.named(dataset.name)?.classNames, !names.isEmpty {
            blocks.append(.paragraph([.text("Classes: " + names.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: ", ") + ".")]))
        }
        if errors > 0 { blocks.append(.paragraph([.strong([.text("Some images it got wrong")])])) }
        return blocks
    }

    /// The confusion matrix as tables, each with the class column: the count columns and the recall
    /// column in as few tables as fit in `width` (a terminal table takes 2 columns of indent, then each
    /// column's width, 3 columns between columns).
    static func confusionTables(_ c: ConfusionMatrix, width: Int) -> [Table] {
        let labels = (0..<c.classes).map { "\($0)" }
        var columns: [(header: String, cells: [String])] = (0..<c.classes).map { k in (labels[k], c.counts.map { String($0[k]) }) }
        columns.append(("recall", (0..<c.classes).map { c.recall($0).map { String(format: "%.1f %%", 100 * $0) } ?? "–" }))
        let labelWidth = labels.map(\.count).max() ?? 1
        var groups: [[Int]] = [[]]
        var used = 2 + labelWidth
        for (k, column) in columns.enumerated() {
            let w = ([column.header] + column.cells).map(\.count).max() ?? 1
            if used + 3 + w > width && !groups[groups.count - 1].isEmpty {
                groups.append([])
                used = 2 + labelWidth
            }
            groups[groups.count - 1].append(k)
            used += 3 + w
        }
        return groups.map { group in
            Table(columns: [Table.Column(header: [], alignment: .right)]
                    + group.map { Table.Column(header: [.text(columns[$0].header)], alignment: .right) },
                  rows: (0..<c.classes).map { actual in
                      [[.strong([.text(labels[actual])])]] + group.map { [.text(columns[$0].cells[actual])] }
                  })
        }
    }

    /// Up to `examples` misclassified test images, framed, each captioned with its index, its class and
    /// what the network said with its probability, as many side by side as fit in `width`.
    static func mistakes(dataset: Dataset, predictions: [Int], probabilities: Tensor, unicode: Bool, width: Int,
                         examples: Int = 4) -> [String] {
        let known = KnownDataset.named(dataset.name)
        let wrong = predictions.indices.filter { predictions[$0] != Int(dataset.test.labels[$0]) }.prefix(examples)
        let items = wrong.map { i in
            let said = predictions[i]
            let caption = ["#\(i): is \(describe(known, dataset.test.labels[i]))",
                           "said \(describe(known, UInt8(said))) (\(String(format: "%.0f", 100 * probabilities[i, said])) %)"]
            return GalleryText.Item(picture: picture(dataset, index: i, unicode: unicode), caption: caption)
        }
        return GalleryText(width: width).draw(Array(items))
    }

    /// The error for a model whose outputs for `input` are NaN or infinite (its weights are finite, or
    /// loading would have refused it, but so large that the sums overflow Float): bad data, exit 65.
    static func overflow(_ path: String, input: String) -> CommandError {
        CommandError(message: "\(path): the model's outputs for \(input) are not finite numbers (its weights are so large that "
                     + "the sums overflow), so it gives no probabilities", status: .dataError)
    }

    /// The test image `index` drawn as text, in a frame.
    static func picture(_ dataset: Dataset, index: Int, unicode: Bool) -> [String] {
        let pixels = dataset.test.image(index, pixels: dataset.pixelsPerImage).map { Double($0) / 255 }
        let image = TraceImage(title: "", rows: dataset.rows, columns: dataset.columns, pixels: pixels)
        return ImageText(unicode: unicode).framed(image)
    }

    private static func describe(_ known: KnownDataset?, _ label: UInt8) -> String {
        known?.describe(label: label) ?? String(label)
    }
}
