import Foundation
import Testing

/// `learn train`, `learn eval` and `learn predict` through the built executable, on ``TinyDigits``
/// (600 training and 60 test images of three easy shapes): training, the report, model files, and every
/// error with its exit status. Each run gets its own `HOME` and no `LEARN_DATA`, so no real dataset
/// on the machine is ever found instead of the fixture.
@Suite(.timeLimit(.minutes(5)))
struct TrainCommandTests {
    /// A temporary root holding `HOME`, the fixture in `data/` and `data/fashion-mnist/`, and models.
    struct Sandbox {
        let root: URL
        var home: URL { root.appendingPathComponent("home") }
        var data: URL { root.appendingPathComponent("data") }
        var fashion: URL { data.appendingPathComponent("fashion-mnist") }
        var models: URL { root.appendingPathComponent("models") }

        init() throws {
            root = try LearnProcess.temporaryFolder()
            for folder in [root.appendingPathComponent("home"), root.appendingPathComponent("models")] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            try TinyDigits.write(to: root.appendingPathComponent("data"))
        }

        /// Runs `learn ARGUMENTS` with this sandbox's `HOME`, no `LEARN_DATA`, and `environment` added.
        func learn(_ arguments: [String], environment: [String: String] = [:]) throws -> LearnProcess.Result {
            try LearnProcess.run(arguments, environment: ["HOME": home.path, "LEARN_DATA": ""].merging(environment) { $1 })
        }

        func model(_ name: String = "model.bin") -> String { models.appendingPathComponent(name).path }

        /// `learn train logreg --data data --epochs 2 --save models/NAME`, expected to succeed.
        func trainLogreg(_ name: String = "model.bin", sourceLocation: SourceLocation = #_sourceLocation) throws -> LearnProcess.Result {
            let r = try learn(["train", "logreg", "--data", data.path, "--epochs", "2", "--save", model(name)])
            #expect(r.status == 0, "train: \(r.error)", sourceLocation: sourceLocation)
            return r
        }

        /// Runs `learn ARGUMENTS`, expecting it to fail with `status` and one line on standard error
        /// that mentions each of `mentions`, having printed nothing on standard output.
        @discardableResult
        func expectError(_ arguments: [String], status: Int32, mentions: [String],
                         sourceLocation: SourceLocation = #_sourceLocation) throws -> LearnProcess.Result {
            let r = try learn(arguments)
            #expect(r.status == status, "\(arguments): status \(r.status), stderr \(r.error)", sourceLocation: sourceLocation)
            for text in mentions {
                #expect(r.error.contains(text), "\(arguments): stderr \(r.error)", sourceLocation: sourceLocation)
            }
            #expect(r.error.split(separator: "\n").count == 1, "\(arguments): not one line: \(r.error)", sourceLocation: sourceLocation)
            #expect(r.output.isEmpty, "\(arguments): printed \(r.output)", sourceLocation: sourceLocation)
            return r
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// The report's accuracy line, e.g. `Test set: 60 of 60 right, 100.00 % (0 errors)`.
    static func accuracyLine(_ output: String) -> String? {
        output.split(separator: "\n").first { $0.contains("Test set: ") }.map { String($0) }
    }

    /// The `N of M right` counts of the accuracy line.
    static func correct(_ output: String) -> (right: Int, total: Int)? {
        guard let line = accuracyLine(output), let range = line.range(of: "Test set: ") else { return nil }
        let words = line[range.upperBound...].split(separator: " ")
        guard words.count >= 3, let right = Int(words[0]), words[1] == "of", let total = Int(words[2]) else { return nil }
        return (right, total)
    }

    /// Every `NN.NN %` a `learn predict` prints at the end of a class's line (`7 ####  99.47 %  ←`),
    /// one per class.
    static func probabilities(_ output: String) -> [Double] {
        output.split(separator: "\n").compactMap { line -> Double? in
            var words = line.split(separator: " ")
            if words.last == "←" { words.removeLast() }
            guard words.count >= 3, words.last == "%", let value = Double(words[words.count - 2]),
                  words[words.count - 2].contains(".") else { return nil }
            return value
        }
    }

    @Test func trainPrintsTheReportAndSavesAtomically() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.trainLogreg()
        // What it is about to do on standard error (not a terminal, so no live line), one line per
        // epoch on standard output.
        #expect(r.error == "training logreg on 600 mnist images: 7850 weights, 2 epochs, batch 128, adam lr 0.002, seed 1\n", "\(r.error)")
        #expect(r.output.split(separator: "\n").filter { $0.hasPrefix("epoch ") }.count == 2, "\(r.output)")
        #expect(!r.output.contains("\u{1B}"))
        // The shapes are easy: two epochs of softmax regression (10 steps) get all 60 test images right
        // (57 allows for another machine's rounding; a model that learned nothing gets about 20).
        let score = try #require(Self.correct(r.output), "\(r.output)")
        #expect(score.total == 60)
        #expect(score.right >= 57, "\(r.output)")
        #expect(r.output.contains("Confusion matrix (rows: true class, columns: predicted)"))
        #expect(r.output.contains("recall"))
        // One row per class 0–9, ending with its recall (– for the seven classes the fixture lacks).
        let rows = r.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for d in 0..<10 {
            #expect(rows.contains { $0.hasPrefix("\(d) ") && ($0.hasSuffix(" %") || $0.hasSuffix("–")) }, "no row for \(d): \(r.output)")
        }
        // The course's 92.5 % is for the full 10,000-image test set.
        #expect(r.output.contains("applies to the full test set"))
        #expect(r.output.contains("saved to \(box.model())"))
        // Written atomically: the model file and nothing else (no temporary file left behind).
        #expect(DataFixture.names(in: box.models) == ["model.bin"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: box.model()))
        #expect(Array(bytes.prefix(8)) == Array("LEARNMDL".utf8))
    }

    @Test func evalGivesTheSameAccuracyAndPredictGivesTenProbabilities() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let trained = try box.trainLogreg()
        let line = try #require(Self.accuracyLine(trained.output))

        let eval = try box.learn(["eval", box.model(), "--data", box.data.path])
        #expect(eval.status == 0, "\(eval.error)")
        #expect(Self.accuracyLine(eval.output) == line, "\(eval.output)")
        #expect(eval.output.contains("\(box.model()): logreg"))
        #expect(eval.output.contains("trained on mnist (600 images)"))
        #expect(eval.output.contains("Confusion matrix"))

        let predict = try box.learn(["predict", box.model(), "--index", "0", "--data", box.data.path])
        #expect(predict.status == 0, "\(predict.error)")
        #expect(predict.output.contains("mnist test image #0: labelled 0"))
        let p = Self.probabilities(predict.output)
        #expect(p.count == 10, "\(predict.output)")
        #expect(abs(p.reduce(0, +) - 100) <= 0.06, "printed to 0.01 %: ten roundings of at most 0.005 each: \(p)")
        // Test image 0 is a horizontal bar (class 0), which the model gets right.
        #expect(predict.output.contains("The model says: 0 ("), "\(predict.output)")

        // A picture of another size, dark on light: prepared as MNIST, and read as a vertical bar. The
        // fixture's bar is columns 26–31 and rows 4–51 (6 × 48) at 20 on paper at 235: inverted, paper
        // 20/255 = 8 % and ink 235/255 = 92 %; 6 · 20/48 = 2.5, rounded half away from zero to 3.
        let picture = box.root.appendingPathComponent("bar.pgm")
        try TinyDigits.darkBarPGM().write(to: picture)
        let drawn = try box.learn(["predict", box.model(), "--image", picture.path])
        #expect(drawn.status == 0, "\(drawn.error)")
        #expect(drawn.output.replacingOccurrences(of: "\n", with: " ").contains(
            "prepared as MNIST: inverted (dark ink on light paper), levels stretched (paper at 8 % → 0, ink at 92 % → 100), "
            + "ink 6 × 48 px scaled to 3 × 20, centred by its centre of mass"), "\(drawn.output)")
        #expect(Self.probabilities(drawn.output).count == 10, "\(drawn.output)")
        #expect(drawn.output.contains("The model says: 1 ("), "\(drawn.output)")
    }

    @Test func commandLineErrorsExit64() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let data = box.data.path
        try box.expectError(["train", "logrge", "--data", data], status: 64, mentions: ["unknown model 'logrge'", "did you mean logreg"])
        try box.expectError(["train", "--data", data], status: 64, mentions: ["which model?"])
        try box.expectError(["train", "logreg", "--data", data, "--lr", "fast"], status: 64, mentions: ["--lr", "'fast'"])
        try box.expectError(["train", "logreg", "--data", data, "--lr", "0"], status: 64, mentions: ["--lr", "'0'"])
        try box.expectError(["train", "logreg", "--data", data, "--lr", "1000"], status: 64, mentions: ["--lr", "'1000'"])
        try box.expectError(["train", "logreg", "--data", data, "--lr", "nan"], status: 64, mentions: ["--lr", "'nan'"])
        try box.expectError(["train", "logreg", "--data", data, "--optimizer", "sgdd"], status: 64, mentions: ["--optimizer"])
        try box.expectError(["train", "logreg", "--data", data, "--dataset", "mnits"], status: 64, mentions: ["did you mean mnist"])
        try box.expectError(["predict", box.model(), "--data", data], status: 64, mentions: ["--index N", "--image"])
        // A bad index is a usage error even before the (here missing) model file is read.
        try box.expectError(["predict", box.model(), "--index", "first", "--data", data], status: 64, mentions: ["--index", "'first'"])
        try box.expectError(["eval"], status: 64, mentions: ["which model file?"])
    }

    @Test func missingDataExits66() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let nowhere = box.root.appendingPathComponent("nowhere").path
        try box.expectError(["train", "logreg", "--data", nowhere], status: 66,
                            mentions: ["mnist: no folder holds all four files", nowhere, "learn data fetch mnist"])
        // A folder with three of the four files.
        let partial = box.root.appendingPathComponent("partial")
        try TinyDigits.write(to: partial)
        try FileManager.default.removeItem(at: partial.appendingPathComponent("t10k-labels-idx1-ubyte"))
        try box.expectError(["train", "logreg", "--data", partial.path], status: 66, mentions: ["no folder holds all four files"])
    }

    /// Valid IDX files of another shape (DataFixture's 4 × 4 plus signs) are refused in one line, 65, by
    /// every command that feeds them to a course network, before any training.
    @Test(.enabled(if: DataFixture.python != nil, "needs python3 for the fixture"))
    func imagesOfAnotherShapeExit65() throws {
        let box = try Sandbox()
        defer { box.remove() }
        _ = try box.trainLogreg()
        let small = box.root.appendingPathComponent("small")
        try DataFixture.write(to: small, raw: true)
        for arguments in [["train", "logreg", "--data", small.path, "--epochs", "1"],
                          ["eval", box.model(), "--data", small.path],
                          ["predict", box.model(), "--index", "0", "--data", small.path]] {
            try box.expectError(arguments, status: 65, mentions: [small.path, "4 × 4", "28 × 28"])
        }
    }

    @Test func badModelFilesExit65NamingTheFile() throws {
        let box = try Sandbox()
        defer { box.remove() }
        _ = try box.trainLogreg()
        let good = try Data(contentsOf: URL(fileURLWithPath: box.model()))
        var flipped = good
        flipped[good.count / 2] ^= 0x01
        let cases: [(String, Data)] = [
            ("truncated.bin", good.prefix(good.count - 100)),
            ("foreign.bin", Data("P5\n28 28\n255\n".utf8) + Data(repeating: 7, count: 784)),
            ("flipped.bin", flipped),
            ("empty.bin", Data()),
        ]
        for (name, bytes) in cases {
            try bytes.write(to: URL(fileURLWithPath: box.model(name)))
            try box.expectError(["eval", box.model(name), "--data", box.data.path], status: 65, mentions: [box.model(name)])
            try box.expectError(["predict", box.model(name), "--index", "0", "--data", box.data.path], status: 65, mentions: [box.model(name)])
        }
        let r = try box.learn(["eval", box.model("foreign.bin"), "--data", box.data.path])
        #expect(r.error.contains("not a learn model file"), "\(r.error)")

        let missing = box.model("missing.bin")
        try box.expectError(["eval", missing, "--data", box.data.path], status: 66, mentions: [missing])
        try box.expectError(["predict", missing, "--index", "0", "--data", box.data.path], status: 66, mentions: [missing])
        // A picture that is not there, or not a PGM.
        let picture = box.root.appendingPathComponent("nothing.pgm").path
        try box.expectError(["predict", box.model(), "--image", picture], status: 66, mentions: [picture])
        try box.expectError(["predict", box.model(), "--image", box.model()], status: 65, mentions: ["not a PGM image"])
    }

    @Test func saveIntoAMissingFolderFailsBeforeTraining() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let target = box.root.appendingPathComponent("no/such/folder/model.bin").path
        // 40 epochs if it trained: it must not start.
        let r = try box.expectError(["train", "logreg", "--data", box.data.path, "--epochs", "40", "--save", target],
                                status: 73, mentions: ["--save \(target)", "does not exist"])
        #expect(!r.error.contains("training logreg"))
        #expect(!r.error.contains("epoch "))
        // An existing folder given as the file is refused before training too.
        try box.expectError(["train", "logreg", "--data", box.data.path, "--epochs", "40", "--save", box.models.path],
                            status: 73, mentions: ["--save \(box.models.path)", "is a folder"])
        #expect(DataFixture.names(in: box.models).isEmpty)
    }

    @Test func aDivergingRunExits3AndSuggestsALowerRate() throws {
        let box = try Sandbox()
        defer { box.remove() }
        // Plain SGD at lr 100 on the ReLU network (784 → 625 → 625 → 10) really diverges: the update of
        // each layer's weights is proportional to the other layers' weights, so their scale is multiplied
        // at every step (the loss goes 2.4, then about 10⁶ and 10¹⁸ on the next batches), the logits
        // overflow Float by the fourth batch, and softmax cross-entropy on infinite logits is
        // inf − inf = NaN. (Softmax regression at the same rate does not: its loss is convex and its
        // gradient bounded, and the saturating sigmoid MLP stays finite too.) Batches of 8 keep it quick.
        let settings = ["train", "deep", "--data", box.data.path, "--optimizer", "sgd", "--lr", "100", "--batch", "8"]

        // The mean training loss of an epoch of 1 and 2 batches (8, 16 images): it explodes.
        var losses: [Double] = []
        for samples in [8, 16] {
            let r = try box.learn(settings + ["--samples", "\(samples)", "--epochs", "1"])
            #expect(r.status == 0, "\(r.error)")
            let line = try #require(r.output.split(separator: "\n").first { $0.hasPrefix("epoch 1/1") }, "\(r.output)")
            let words = line.split(separator: " ")
            losses.append(try #require(words.firstIndex(of: "loss").flatMap { Double(words[$0 + 1]) }, "\(line)"))
        }
        #expect(losses[0] < 5, "a fresh network's loss is about ln 10 = 2.3: \(losses)")
        #expect(losses[1] > 1e3, "\(losses)")
        // After a third update (24 images) the third batch's loss is still finite (it is measured before
        // the update), but the outputs overflow: the test loss after the epoch is not a number.
        let third = try box.learn(settings + ["--samples", "24", "--epochs", "1"])
        #expect(third.status == 3, "status \(third.status): \(third.error)")
        #expect(third.error.split(separator: "\n").last?.hasPrefix("learn: the test loss became NaN or infinite after epoch 1: training diverged") == true,
                "\(third.error)")
        #expect(third.output.isEmpty, "no epoch line with a number that is not one: \(third.output)")

        let r = try box.learn(settings + ["--samples", "64", "--epochs", "5", "--save", box.model("diverged.bin")])
        #expect(r.status == 3, "status \(r.status): \(r.error)")
        let last = r.error.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("learn: the loss became NaN or infinite at epoch 1, batch "), "\(r.error)")
        #expect(last.hasSuffix("training diverged; try a lower learning rate, e.g. --lr 10"), "\(last)")
        // Nothing is saved from a diverged run, and no report is printed (nor an epoch line: the first
        // epoch did not finish).
        #expect(DataFixture.names(in: box.models).isEmpty)
        #expect(r.output.isEmpty)
    }

    @Test func aFashionMNISTFolderIsRecognisedByItsName() throws {
        let box = try Sandbox()
        defer { box.remove() }
        // 30 test images rather than the MNIST fixture's 60, to tell which set a command scored.
        try TinyDigits.write(to: box.fashion, test: 30)
        let r = try box.learn(["train", "logreg", "--data", box.fashion.path, "--epochs", "1", "--save", box.model()])
        #expect(r.status == 0, "\(r.error)")
        #expect(r.error.hasPrefix("training logreg on 600 fashion-mnist images"), "\(r.error)")
        // The course's MNIST figure is not quoted for Fashion-MNIST.
        #expect(!r.output.contains("The course quotes"))

        // The model remembers its dataset: eval finds fashion-mnist/ under the parent folder, and
        // predict names the classes.
        let eval = try box.learn(["eval", box.model(), "--data", box.data.path])
        #expect(eval.status == 0, "\(eval.error)")
        #expect(eval.output.contains("trained on fashion-mnist"), "\(eval.output)")
        #expect(Self.correct(eval.output)?.total == 30, "\(eval.output)")
        #expect(Self.accuracyLine(eval.output) == Self.accuracyLine(r.output), "\(eval.output)")
        let predict = try box.learn(["predict", box.model(), "--index", "0", "--data", box.fashion.path])
        #expect(predict.status == 0, "\(predict.error)")
        #expect(predict.output.contains("fashion-mnist test image #0: labelled 0 (T-shirt/top)"), "\(predict.output)")
        #expect(predict.output.contains("0 (T-shirt/top) "), "class names are not cut: \(predict.output)")
        #expect(Self.probabilities(predict.output).count == 10, "\(predict.output)")
    }
}
