import Foundation
import LearnCore
import Testing
@testable import LearnTensor

/// `n` points of two Gaussian blobs in the plane, N((−1, −1), 0.5²) for class 0 and N((1, 1), 0.5²) for
/// class 1, alternating. The classes overlap little: along the diagonal they are N(∓√2, 0.5²), so the
/// best possible classifier errs with probability Φ(−√2 / 0.5) = Φ(−2.83) ≈ 0.23 %.
private func blobs(_ n: Int, seed: UInt64) -> (Tensor, [Int]) {
    var generator = SplitMix64(seed: seed)
    var scalars: [Float] = [], labels: [Int] = []
    for i in 0..<n {
        let label = i % 2, centre: Double = label == 0 ? -1 : 1
        for _ in 0..<2 { scalars.append(Float(centre + 0.5 * Initialization.standardNormal(&generator))) }
        labels.append(label)
    }
    return (Tensor(shape: [n, 2], scalars: scalars), labels)
}

/// The four XOR points and their classes.
private let xorInputs = Tensor(shape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1])
private let xorLabels = [0, 1, 1, 0]

@Suite("Trainer")
struct TrainerTests {
    @Test("XOR with a seeded 2-8-2 tanh network: loss below 0.01 and all four right after 300 full-batch steps")
    func xor() throws {
        var generator = SplitMix64(seed: 7)
        let network = Network([Dense(name: "dense1", inputs: 2, outputs: 8, generator: &generator), Tanh(),
                               Dense(name: "dense2", inputs: 8, outputs: 2, generator: &generator)])
        let trainer = Trainer(network: network, optimizer: Momentum(learningRate: 0.1, momentum: 0.9), batchSize: 4, seed: 1)
        let epochs = try trainer.train(inputs: xorInputs, labels: xorLabels, epochs: 300)
        let result = network.evaluate(inputs: xorInputs, labels: xorLabels, loss: SoftmaxCrossEntropy())
        #expect(result.loss! < 0.01 && result.predictions == xorLabels, "loss \(result.loss!)")
        #expect(epochs.count == 300 && trainer.epochsCompleted == 300)
        // A linear model cannot: without the hidden layer at most 3 of 4 are right.
        let linear = Network([Dense(name: "d", inputs: 2, outputs: 2, seed: 1)])
        _ = try Trainer(network: linear, optimizer: SGD(learningRate: 0.5), batchSize: 4).train(inputs: xorInputs, labels: xorLabels, epochs: 300)
        #expect(linear.evaluate(inputs: xorInputs, labels: xorLabels).confusion.correct <= 3)
    }

    @Test("two Gaussian blobs, mini-batches of 16, shuffled: ≥ 98 % on 1,000 fresh points after 10 epochs")
    func blobsReachAccuracy() throws {
        let (train, trainLabels) = blobs(400, seed: 1), (test, testLabels) = blobs(1000, seed: 2)
        let network = Network([Dense(name: "dense1", inputs: 2, outputs: 2, seed: 3)])
        let trainer = Trainer(network: network, optimizer: SGD(learningRate: 0.1), batchSize: 16, seed: 4)
        var reports: [TrainingProgress] = []
        let epochs = try trainer.train(inputs: train, labels: trainLabels, epochs: 10) { reports.append($0) }
        // Progress after every batch: 25 per epoch, numbered from 1, samples adding up to 400.
        #expect(reports.count == 250 && reports.first!.batch == 1 && reports.first!.epoch == 1)
        #expect(reports.last! == epochs.last! && reports.last!.batch == 25 && reports.last!.samples == 400)
        #expect(reports[24].batchesPerEpoch == 25 && reports[25].epoch == 2 && reports[25].samples == 16)
        // The Bayes error is 0.23 %; a linear model is optimal here, so ≥ 98 % leaves ample room.
        let result = network.evaluate(inputs: test, labels: testLabels)
        #expect(result.accuracy >= 0.98, "accuracy \(result.accuracy)")
        #expect(epochs.last!.accuracy >= 0.97 && epochs.last!.loss < epochs.first!.loss)
    }

    @Test("the same seeds give the same numbers; another shuffling seed gives others")
    func deterministic() throws {
        func run(shuffleSeed: UInt64) throws -> ([Tensor], [TrainingProgress]) {
            let (x, y) = blobs(100, seed: 5)
            let network = Network([Dropout(rate: 0.2, seed: 6), Dense(name: "dense1", inputs: 2, outputs: 8, seed: 7), ReLU(),
                                   Dropout(rate: 0.5, seed: 8), Dense(name: "dense2", inputs: 8, outputs: 2, seed: 9)])
            let trainer = Trainer(network: network, optimizer: RMSprop(), batchSize: 16, seed: shuffleSeed)
            let epochs = try trainer.train(inputs: x, labels: y, epochs: 3)
            return (network.parameters.map(\.value), epochs)
        }
        let a = try run(shuffleSeed: 1), b = try run(shuffleSeed: 1), c = try run(shuffleSeed: 2)
        #expect(a.0 == b.0 && a.1 == b.1)
        #expect(a.0 != c.0)
    }

    @Test("a NaN loss stops training with .diverged(epoch:batch:) and no update from that batch")
    func diverged() throws {
        var x = Tensor(repeating: 0.5, shape: [12, 2])
        x[9, 1] = .nan  // sample 9 is in batch 3 (samples 8…11) when batches of 4 are not shuffled
        let network = Network([Dense(name: "d", inputs: 2, outputs: 2, seed: 1)])
        let trainer = Trainer(network: network, optimizer: SGD(learningRate: 0.1), batchSize: 4, shuffles: false)
        var seen: [Int] = [], weightsAfterBatch2: Tensor?
        #expect(throws: TrainingError.diverged(epoch: 1, batch: 3)) {
            try trainer.trainEpoch(inputs: x, labels: Array(repeating: 0, count: 12)) {
                seen.append($0.batch)
                weightsAfterBatch2 = network.parameters[0].value
            }
        }
        #expect(seen == [1, 2] && network.parameters[0].value == weightsAfterBatch2)
        #expect(TrainingError.diverged(epoch: 1, batch: 3).description.contains("epoch 1, batch 3"))
        #expect(TrainingError.testLossDiverged(epoch: 2).description.contains("test loss became NaN or infinite after epoch 2"))
    }

    @Test("Radford's loop: stored order, the last partial batch dropped; labels as bytes; image-shaped input")
    func radfordLoop() throws {
        let network = Network([Flatten(), Dense(name: "d", inputs: 4, outputs: 3, seed: 1)])
        let x = GradientCheck.randomTensor([10, 1, 2, 2], seed: 2)
        let labels: [UInt8] = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0]
        let trainer = Trainer(network: network, optimizer: SGD(learningRate: 0.1), batchSize: 4, shuffles: false,
                              dropsLastPartialBatch: true)
        #expect(trainer.batchesPerEpoch(samples: 10) == 2)
        let last = try trainer.trainEpoch(inputs: x, labels: labels)
        #expect(last.batch == 2 && last.samples == 8)

        // The same two steps by hand, on rows 0…3 and 4…7.
        let reference = Network([Flatten(), Dense(name: "d", inputs: 4, outputs: 3, seed: 1)])
        let manual = Trainer(network: reference, optimizer: SGD(learningRate: 0.1))
        manual.step(inputs: x.rows(0..<4), labels: [0, 1, 2, 0])
        manual.step(inputs: x.rows(4..<8), labels: [1, 2, 0, 1])
        #expect(network.parameters.map(\.value) == reference.parameters.map(\.value))
    }

    @Test("frozen parameters are left out of the update")
    func frozen() throws {
        let dense = Dense(name: "d", weight: Tensor(shape: [2, 2], scalars: [1, 0, 0, 1]), bias: Tensor(shape: [2], scalars: [0.5, -0.5]))
        let trainer = Trainer(network: Network([dense]), optimizer: SGD(learningRate: 0.1), batchSize: 4)
        trainer.trainableParameters = [dense.weight]
        try trainer.trainEpoch(inputs: xorInputs, labels: xorLabels)
        #expect(dense.bias!.value.scalars == [0.5, -0.5] && dense.weight.value.scalars != [1, 0, 0, 1])
    }

    @Test("evaluate: predictions, confusion matrix counts[actual][predicted], accuracy, mean loss")
    func evaluate() {
        // The identity map: the prediction is the larger of the two inputs.
        let network = Network([Dense(name: "id", weight: Tensor(shape: [2, 2], scalars: [1, 0, 0, 1]), bias: nil)])
        let x = Tensor(shape: [5, 2], scalars: [2, 0, 0, 2, 3, 1, 0, 1, 1, 0])
        let labels = [0, 1, 1, 1, 0]
        let result = network.evaluate(inputs: x, labels: labels, loss: SoftmaxCrossEntropy(), batchSize: 2)
        #expect(result.predictions == [0, 1, 0, 1, 0])
        #expect(result.confusion.counts == [[2, 0], [1, 2]])  // one class-1 sample taken for a 0
        #expect(result.accuracy == 0.8 && result.confusion.correct == 4 && result.confusion.total == 5)
        #expect(result.confusion.recall(1) == 2.0 / 3 && result.confusion.precision(0) == 2.0 / 3)
        // Mean of −log p_label: rows (2,0)→0: log(1 + e⁻²); (0,2)→1: the same; (3,1)→1: log(1 + e²);
        // (0,1)→1 and (1,0)→0: log(1 + e⁻¹).
        let expected = (2 * log(1 + exp(-2.0)) + log(1 + exp(2.0)) + 2 * log(1 + exp(-1.0))) / 5
        #expect(abs(result.loss! - expected) <= 1e-7)
        #expect(network.outputs(for: x, batchSize: 3) == x)
        #expect(network.evaluate(inputs: x, labels: labels.map(UInt8.init)).predictions == result.predictions)
        #expect(argmaxOfRows(Tensor(shape: [2, 3], scalars: [1, 5, 5, .nan, -1, -2])) == [1, 1])
    }
}
