import Foundation
import Testing

/// What `learn train` shows a learner on the tiny fixture (``TinyDigits``): a line per epoch on
/// standard output, the `--log` CSV, the loss and accuracy plots, the confusion matrix and the gallery
/// of mistakes fitted to the width, and Fashion-MNIST's class names.
@Suite(.timeLimit(.minutes(5)))
struct TrainOutputTests {
    typealias Sandbox = TrainCommandTests.Sandbox

    /// The number after `label` in an epoch line (`test loss 0.1234`, `test acc 96.67%`).
    static func number(after label: String, in line: Substring) -> Double? {
        guard let range = line.range(of: label + " ") else { return nil }
        return Double(line[range.upperBound...].prefix { $0.isNumber || $0 == "." })
    }

    @Test func aLinePerEpochOnStandardOutputAndARowPerEpochInTheLog() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let log = box.models.appendingPathComponent("run.csv").path
        let r = try box.learn(["train", "logreg", "--data", box.data.path, "--epochs", "3", "--log", log, "--save", box.model()])
        #expect(r.status == 0, "\(r.error)")
        let epochs = r.output.split(separator: "\n").filter { $0.hasPrefix("epoch ") }
        #expect(epochs.map { String($0.prefix(10)) } == ["epoch 1/3 ", "epoch 2/3 ", "epoch 3/3 "], "\(r.output)")
        #expect(!r.error.contains("epoch "), "standard error is not a terminal: no progress there: \(r.error)")
        #expect(r.output.contains("log in \(log)"))

        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "RFC 4180 line breaks")
        let rows = text.components(separatedBy: "\r\n").dropLast()
        #expect(rows.first == "epoch,learning_rate,train_loss,test_loss,train_accuracy,test_accuracy,seconds")
        #expect(rows.count == 4, "\(text)")
        for (k, row) in rows.dropFirst().enumerated() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            let numbers = fields.compactMap { Double($0) }
            #expect(fields.count == 7 && numbers.count == 7 && numbers.allSatisfy(\.isFinite), "\(row)")
            guard numbers.count == 7 else { continue }
            #expect(Int(fields[0]) == k + 1 && !row.contains("e"), "\(row)")
            // logreg's defaults: Adam at 0.002, multiplied by 0.9 after each epoch.
            #expect(abs(numbers[1] - 0.002 * pow(0.9, Double(k))) <= 1e-15, "\(row)")
            #expect(numbers[2] > 0 && numbers[3] > 0 && (0...1).contains(numbers[4]) && (0...1).contains(numbers[5]) && numbers[6] >= 0, "\(row)")
            // The epoch line shows the same numbers rounded: losses to 4 decimals, accuracies in % to 2
            // (half a unit in the last place, and a little for the decimal-to-binary reading).
            let line = epochs[k]
            #expect(abs((Self.number(after: "test loss", in: line) ?? -1) - numbers[3]) <= 0.00005 + 1e-9, "\(line) / \(row)")
            #expect(abs((Self.number(after: "train loss", in: line) ?? -1) - numbers[2]) <= 0.00005 + 1e-9, "\(line) / \(row)")
            #expect(abs((Self.number(after: "test acc", in: line) ?? -1) - 100 * numbers[5]) <= 0.005 + 1e-9, "\(line) / \(row)")
        }
        // The last epoch's test accuracy is the report's (the fixture has 60 test images).
        let score = try #require(TrainCommandTests.correct(r.output))
        let last = try #require(rows.last?.split(separator: ",").compactMap { Double($0) })
        #expect(abs(Double(score.right) / 60 - last[5]) <= 1e-12, "\(score) / \(last)")
        // Written through a temporary file and a rename: nothing else is left in the folder.
        #expect(DataFixture.names(in: box.models) == ["model.bin", "run.csv"])
    }

    /// Every line of `output` but the epoch lines and the last line (which name files), with its width.
    static func tooWide(_ output: String, columns: Int) -> [String] {
        output.split(separator: "\n").filter { !$0.hasPrefix("epoch ") && !$0.hasPrefix("Trained in ") && $0.count > columns }.map(String.init)
    }

    @Test(arguments: [40, 80])
    func plotsMatrixAndGalleryFitTheWidth(columns: Int) throws {
        let box = try Sandbox()
        defer { box.remove() }
        // A learning rate so small that the model stays near its random start and gets most images
        // wrong: the gallery has its 4 pictures.
        let r = try box.learn(["train", "logreg", "--data", box.data.path, "--epochs", "3", "--lr", "1e-6"], environment: ["COLUMNS": "\(columns)"])
        #expect(r.status == 0, "\(r.error)")
        #expect(Self.tooWide(r.output, columns: columns).isEmpty, "wider than \(columns): \(Self.tooWide(r.output, columns: columns))")
        let lines = r.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("Loss per epoch (softmax cross-entropy)") && lines.contains("Accuracy per epoch (%)"), "\(r.output)")
        // Not a terminal: ASCII markers, the two series named in each plot's legend.
        #expect(lines.filter { $0.trimmingCharacters(in: .whitespaces) == "* train   o test" }.count == 2, "\(r.output)")
        #expect(!r.output.contains("●") && !r.output.contains("○"))
        #expect(lines.contains("Some images it got wrong"))
        // Pictures are framed 30 columns wide, 3 apart, indented 4: one per row at 40 columns, two at 80. Each row of
        // pictures has two frame lines (top and bottom) starting with "+---".
        let frames = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("+---") && $0.hasSuffix("+") }
        #expect(frames.count == (columns == 40 ? 8 : 4), "\(frames)")
        #expect(frames.allSatisfy { $0.components(separatedBy: "+-").count - 1 == (columns == 40 ? 1 : 2) }, "\(frames)")
        // Every confusion-matrix column is there, in one table or several.
        #expect(lines.filter { $0.contains("recall") }.count == 1)
    }

    @Test func oneEpochHasNothingToPlot() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.learn(["train", "logreg", "--data", box.data.path, "--epochs", "1"])
        #expect(r.status == 0, "\(r.error)")
        #expect(r.output.contains("One epoch: nothing to plot"), "\(r.output)")
        #expect(!r.output.contains("Loss per epoch"))
    }

    @Test func fashionMNISTNamesItsClassesAndSaysImages() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try TinyDigits.write(to: box.fashion, test: 30)
        // 40 columns: one picture per row, so each caption line is one caption.
        let r = try box.learn(["train", "logreg", "--data", box.fashion.path, "--epochs", "2", "--lr", "1e-6", "--save", box.model()],
                              environment: ["COLUMNS": "40"])
        #expect(r.status == 0, "\(r.error)")
        let flat = r.output.replacingOccurrences(of: "\n", with: " ")
        // Zalando's names of the ten classes, as a legend under the matrix.
        #expect(flat.contains("Classes: 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot."), "\(r.output)")
        #expect(r.output.contains("Some images it got wrong"))
        #expect(!r.output.lowercased().contains("digit"), "\(r.output)")
        // Captions name the true class and the answer: the fixture's classes are 0, 1 and 2.
        let names = ["0 (T-shirt/top)", "1 (Trouser)", "2 (Pullover)", "3 (Dress)", "4 (Coat)", "5 (Sandal)", "6 (Shirt)", "7 (Sneaker)", "8 (Bag)", "9 (Ankle boot)"]
        let trimmed = r.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let captions = trimmed.filter { $0.hasPrefix("#") }
        #expect(captions.count == 4, "\(r.output)")
        #expect(captions.allSatisfy { line in names.prefix(3).contains { line.contains(": is \($0)") } }, "\(captions)")
        let answers = trimmed.filter { $0.hasPrefix("said ") }
        #expect(answers.count == 4 && answers.allSatisfy { line in names.contains { line.hasPrefix("said \($0) (") } }, "\(answers)")

        // predict prepares a picture as Fashion-MNIST was made: the 6 × 48 bar's longer side to 28,
        // the other 6 · 28/48 = 3.5, rounded half away from zero to 4, in the middle of the field.
        let picture = box.root.appendingPathComponent("bar.pgm")
        try TinyDigits.darkBarPGM().write(to: picture)
        let predict = try box.learn(["predict", box.model(), "--image", picture.path])
        #expect(predict.status == 0, "\(predict.error)")
        #expect(predict.output.replacingOccurrences(of: "\n", with: " ").contains(
            "prepared as Fashion-MNIST: inverted (dark ink on light paper), levels stretched (paper at 8 % → 0, ink at 92 % → 100), "
            + "ink 6 × 48 px scaled to 4 × 28, placed in the middle of 28 × 28"), "\(predict.output)")
        #expect(predict.output.contains("The model says: ") && predict.output.contains(") ("), "a class name: \(predict.output)")
    }

    @Test func onATerminalTheLiveLineIsRedrawnAndThePlotsUseUnicode() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let arguments = ["train", "logreg", "--data", box.data.path, "--epochs", "2"]
        let environment = ["HOME": box.home.path, "LEARN_DATA": "", "COLUMNS": "60"]
        let shown = try LearnProcess.runOnTerminal(arguments, environment: environment)
        #expect(shown.status == 0)
        #expect(shown.output.contains("\r\u{1B}[2K"), "the live line is redrawn and cleared")
        #expect(shown.output.contains("epoch 1/2 ") && shown.output.contains("epoch 2/2 "))
        #expect(shown.output.contains("● train   ○ test"), "\(shown.output)")
        let plain = try LearnProcess.runOnTerminal(arguments, environment: environment.merging(["NO_COLOR": "1"]) { $1 })
        #expect(plain.output.contains("* train   o test") && !plain.output.contains("●"), "\(plain.output)")
    }
}
