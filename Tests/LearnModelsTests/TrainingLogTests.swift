import Foundation
import Testing
import LearnData
import LearnTensor
@testable import LearnModels

/// The CSV of `learn train --log` (``TrainingLog``) and the test loss a ``TrainingSession`` reports.
@Suite struct TrainingLogTests {
    static func result(_ epoch: Int, _ lr: Double, _ trainLoss: Double, _ testLoss: Double, _ trainAccuracy: Double,
                       _ testAccuracy: Double, _ seconds: Double) -> TrainingSession.EpochResult {
        TrainingSession.EpochResult(epoch: epoch, learningRate: lr, trainLoss: trainLoss, testLoss: testLoss,
                                    trainAccuracy: trainAccuracy, testAccuracy: testAccuracy, seconds: seconds)
    }

    @Test func plainNumbersHave15DigitsAndNoExponent() {
        #expect(TrainingLog.plain(0.002) == "0.002")
        #expect(TrainingLog.plain(0.002 * 0.9) == "0.0018")
        #expect(TrainingLog.plain(1e-5) == "0.00001")
        #expect(TrainingLog.plain(-2.5e-7) == "-0.00000025")
        #expect(TrainingLog.plain(1.2345e-5) == "0.000012345")
        #expect(TrainingLog.plain(2.5e16) == "25000000000000000")
        #expect(TrainingLog.plain(0.9281) == "0.9281")
        #expect(TrainingLog.plain(3) == "3")
        #expect(TrainingLog.plain(1 / 3.0) == "0.333333333333333")
        #expect(TrainingLog.plain(.nan) == "" && TrainingLog.plain(.infinity) == "")
        // Read back, each is the value to 15 significant digits: a relative error below 5 · 10⁻¹⁵ (half
        // a unit in the 15th digit; 10⁻¹⁴ allows for the decimal-to-binary rounding of the reading).
        for x in [0.1 + 0.2, 2.302585092994046, 7.0e-6 / 3, 123456.789e-12, 0.052624194000000006] {
            let text = TrainingLog.plain(x)
            #expect(abs(Double(text)! - x) <= 1e-14 * abs(x), "\(x) → \(text)")
            #expect(!text.contains("e"))
        }
    }

    @Test func oneRowPerEpochWithCRLF() {
        let csv = TrainingLog.csv([Self.result(1, 0.002, 0.5, 0.25, 0.875, 0.9375, 1.5),
                                   Self.result(2, 0.0018, 0.125, 0.0625, 0.96875, 0.984375, 1.25)])
        #expect(csv == "epoch,learning_rate,train_loss,test_loss,train_accuracy,test_accuracy,seconds\r\n"
                     + "1,0.002,0.5,0.25,0.875,0.9375,1.5\r\n"
                     + "2,0.0018,0.125,0.0625,0.96875,0.984375,1.25\r\n")
        #expect(TrainingLog.csv([]) == TrainingLog.header + "\r\n")
    }

    /// A tiny dataset: image i (28 × 28) is a bar at column 4 + 8·(i mod 3), labelled i mod 3, with a
    /// faint pixel that makes each one different.
    static func bars(train: Int, test: Int) -> Dataset {
        func image(_ i: Int) -> [UInt8] {
            var pixels = [UInt8](repeating: 0, count: 784)
            for row in 4..<24 { pixels[row * 28 + 4 + 8 * (i % 3)] = 255 }
            pixels[26 * 28 + i % 28] = UInt8(40 + i % 50)
            return pixels
        }
        func split(_ range: Range<Int>) -> Dataset.Split {
            Dataset.Split(images: range.flatMap(image), labels: range.map { UInt8($0 % 3) })
        }
        return Dataset(name: "bars", rows: 28, columns: 28, train: split(0..<train), test: split(train..<train + test))
    }

    @Test func theTestLossIsTheMeanCrossEntropyOfTheTestSet() throws {
        let data = Self.bars(train: 90, test: 30)
        let settings = TrainingSettings(epochs: 2, batchSize: 30, optimizer: .adam, learningRate: 0.01)
        let session = TrainingSession(model: .logreg, settings: settings)
        let results = try session.train(on: data)
        #expect(results.map(\.epoch) == [1, 2])
        // Recomputed here in Double from the network's outputs: −log of the softmax of the true class.
        let logits = session.network.outputs(for: data.test.imageTensor(rows: 28, columns: 28))
        var total = 0.0
        for (i, label) in data.test.labels.enumerated() {
            let row = (0..<10).map { Double(logits[i, $0]) }
            let m = row.max()!
            total += log(row.map { exp($0 - m) }.reduce(0, +)) - (row[Int(label)] - m)
        }
        let expected = total / Double(data.test.count)
        // Both sum 30 terms in Double from the same Float logits: they agree to rounding.
        #expect(abs(results[1].testLoss - expected) <= 1e-12 + 1e-12 * expected, "\(results[1].testLoss) vs \(expected)")
        // It learns: the test loss falls from about ln 10 = 2.3.
        #expect(results[1].testLoss < results[0].testLoss && results[0].testLoss < log(10.0))
    }
}
