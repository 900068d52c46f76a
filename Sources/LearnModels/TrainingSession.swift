import LearnCore
import LearnData
import LearnTensor

/// Trains one of the course's networks on a dataset of 28 × 28 digits and scores it on the test set.
///
/// The engine does the work; the session adds the course's choices (network, settings) and reports
/// each batch and each epoch to the caller, which draws them. Deterministic for a given seed.
public final class TrainingSession {
    /// What an epoch ended with.
    public struct EpochResult: Sendable, Equatable {
        /// The epoch, from 1.
        public var epoch: Int
        /// The learning rate the epoch trained with.
        public var learningRate: Double
        /// The mean softmax cross-entropy over the epoch's training images, each measured before its
        /// batch's update, while the network learned (dropout on, images shifted): not the loss of the
        /// weights at the end of the epoch.
        public var trainLoss: Double
        /// The mean softmax cross-entropy over the test images, scored after the epoch (dropout off).
        public var testLoss: Double
        /// The fraction of training images classified correctly, measured as ``trainLoss`` is.
        public var trainAccuracy: Double
        /// The fraction of test images classified correctly after the epoch.
        public var testAccuracy: Double
        /// Wall-clock seconds for the epoch, scoring the test set included.
        public var seconds: Double

        public init(epoch: Int, learningRate: Double, trainLoss: Double, testLoss: Double, trainAccuracy: Double,
                    testAccuracy: Double, seconds: Double) {
            (self.epoch, self.learningRate, self.trainLoss, self.testLoss) = (epoch, learningRate, trainLoss, testLoss)
            (self.trainAccuracy, self.testAccuracy, self.seconds) = (trainAccuracy, testAccuracy, seconds)
        }
    }

    public let model: CourseNetwork
    public let settings: TrainingSettings
    public let network: Network
    private let trainer: Trainer

    public init(model: CourseNetwork, settings: TrainingSettings) {
        self.model = model
        self.settings = settings
        network = model.build(seed: settings.seed)
        trainer = Trainer(network: network, optimizer: settings.optimizer.make(learningRate: settings.learningRate, weightDecay: settings.weightDecay),
                          batchSize: settings.batchSize, shuffles: true, seed: settings.seed &+ 0x5EED)
    }

    /// Trains for `settings.epochs` epochs on the first `trainSamples` training images (all when nil),
    /// scoring the test set (accuracy and mean softmax cross-entropy) after each epoch. Throws
    /// ``TrainingError/diverged(epoch:batch:)`` when a batch's loss becomes NaN or infinite, and
    /// ``TrainingError/testLossDiverged(epoch:)`` when the test loss after an epoch does (the epoch's
    /// last updates made the outputs overflow), so that no result holds a number that is not one.
    public func train(on data: Dataset, trainSamples: Int? = nil,
                      batch: (TrainingProgress) -> Void = { _ in },
                      epochEnd: (EpochResult) -> Void = { _ in }) throws(TrainingError) -> [EpochResult] {
        let n = min(trainSamples ?? data.train.count, data.train.count)
        let inputs = data.train.imageTensor(0..<n, rows: data.rows, columns: data.columns)
        let labels = data.train.labelIndices(0..<n)
        let testInputs = data.test.imageTensor(rows: data.rows, columns: data.columns)
        let testLabels = data.test.labelIndices()
        var results: [EpochResult] = []
        var augmentation = SplitMix64(seed: settings.seed &+ 0xA06)
        let clock = ContinuousClock()
        for epoch in 1...max(1, settings.epochs) {
            let rate = settings.learningRate(inEpoch: epoch)
            trainer.optimizer = settings.optimizer.make(learningRate: rate, weightDecay: settings.weightDecay)
            let start = clock.now
            let epochInputs = Augmentation.randomShifts(inputs, maxShift: settings.shift, generator: &augmentation)
            let last = try trainer.trainEpoch(inputs: epochInputs, labels: labels, progress: batch)
            let test = network.evaluate(inputs: testInputs, labels: testLabels, loss: SoftmaxCrossEntropy())
            let testLoss = test.loss ?? 0
            guard testLoss.isFinite else { throw .testLossDiverged(epoch: epoch) }
            let elapsed = clock.now - start
            let seconds = elapsed.inSeconds
            let result = EpochResult(epoch: epoch, learningRate: rate, trainLoss: last.loss, testLoss: testLoss,
                                     trainAccuracy: last.accuracy, testAccuracy: test.accuracy, seconds: seconds)
            results.append(result)
            epochEnd(result)
        }
        return results
    }
}
