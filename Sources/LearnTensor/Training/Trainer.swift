import LearnCore

/// Mini-batch training of a ``Network`` on a labelled set.
///
/// Each epoch visits the samples in batches of ``batchSize``: in a fresh order from the trainer's seeded
/// ``SplitMix64`` when ``shuffles`` (Fisher–Yates), or in stored order (Radford's tutorial). Each batch:
/// zero the gradients, forward with `training: true`, loss and ∂loss/∂output, backward to the
/// parameters (``Network/backwardToParameters(_:)``), one ``Optimizer`` step on ``trainableParameters``.
///
/// Deterministic: the same network weights, seed, data and settings give the same numbers on every run
/// (the GEMM's summation order depends only on the shapes and the number of threads).
public final class Trainer {
    /// The network being trained.
    public let network: Network
    /// The loss minimized (softmax cross-entropy by default).
    public var loss: any Loss
    /// The update rule.
    public var optimizer: any Optimizer
    /// Samples per batch (the last batch of an epoch may be smaller, see ``dropsLastPartialBatch``).
    public var batchSize: Int
    /// Whether each epoch visits the samples in a new random order.
    public var shuffles: Bool
    /// Whether an epoch skips the last `n mod batchSize` samples (Radford's loop drops the last 96 of
    /// MNIST's 60,000 at batch 128).
    public var dropsLastPartialBatch: Bool
    /// The parameters the optimizer updates: all the network's by default; leave some out to freeze
    /// them (the Kuzovkin example never updates its biases).
    public var trainableParameters: [Parameter]
    /// The number of epochs finished.
    public private(set) var epochsCompleted = 0

    private var generator: SplitMix64

    public init(network: Network, loss: any Loss = SoftmaxCrossEntropy(), optimizer: any Optimizer,
                batchSize: Int = 128, shuffles: Bool = true, dropsLastPartialBatch: Bool = false, seed: UInt64 = 0) {
        precondition(batchSize >= 1, "Trainer: batch size \(batchSize)")
        (self.network, self.loss, self.optimizer, self.batchSize) = (network, loss, optimizer, batchSize)
        (self.shuffles, self.dropsLastPartialBatch) = (shuffles, dropsLastPartialBatch)
        trainableParameters = network.parameters
        generator = SplitMix64(seed: seed)
    }

    /// The number of batches an epoch over `count` samples has.
    public func batchesPerEpoch(samples count: Int) -> Int {
        dropsLastPartialBatch ? count / batchSize : (count + batchSize - 1) / batchSize
    }

    /// One epoch over `inputs` (`[n, features]` or `[n, C, H, W]`) with class `labels` (n of them).
    /// Calls `progress` after every batch. Throws ``TrainingError/diverged(epoch:batch:)`` (without
    /// updating on that batch) when a batch's loss is NaN or infinite.
    @discardableResult
    public func trainEpoch(inputs: Tensor, labels: [Int],
                           progress: (TrainingProgress) -> Void = { _ in }) throws(TrainingError) -> TrainingProgress {
        precondition(inputs.rank >= 2 && inputs.shape[0] == labels.count,
                     "Trainer: inputs \(inputs.shape) for \(labels.count) labels")
        let n = labels.count, epoch = epochsCompleted + 1
        let batches = batchesPerEpoch(samples: n)
        let order = shuffles ? shuffledIndices(n) : nil
        var state = TrainingProgress(epoch: epoch, batch: 0, batchesPerEpoch: batches, samples: 0, loss: 0, accuracy: 0)
        var lossSum = 0.0, correct = 0
        for batch in 0..<batches {
            let range = batch * batchSize..<min(n, (batch + 1) * batchSize)
            let (x, y) = order.map { gather(inputs, labels, Array($0[range])) } ?? (inputs.rows(range), Array(labels[range]))
            let result = step(inputs: x, labels: y)
            guard result.loss.isFinite else { throw .diverged(epoch: epoch, batch: batch + 1) }
            lossSum += result.loss * Double(range.count)
            correct += result.correct
            state.batch = batch + 1
            state.samples += range.count
            state.loss = lossSum / Double(state.samples)
            state.accuracy = Double(correct) / Double(state.samples)
            progress(state)
        }
        epochsCompleted += 1
        return state
    }

    /// ``trainEpoch(inputs:labels:progress:)`` with labels as bytes (as IDX files store them).
    @discardableResult
    public func trainEpoch(inputs: Tensor, labels: [UInt8],
                           progress: (TrainingProgress) -> Void = { _ in }) throws(TrainingError) -> TrainingProgress {
        try trainEpoch(inputs: inputs, labels: labels.map(Int.init), progress: progress)
    }

    /// `epochs` epochs; the last progress of each.
    public func train(inputs: Tensor, labels: [Int], epochs: Int,
                      progress: (TrainingProgress) -> Void = { _ in }) throws(TrainingError) -> [TrainingProgress] {
        var results: [TrainingProgress] = []
        for _ in 0..<epochs { results.append(try trainEpoch(inputs: inputs, labels: labels, progress: progress)) }
        return results
    }

    /// One training step on one batch: returns the batch's mean loss (before the update) and how many of
    /// its samples were classified correctly. When the loss is NaN or infinite, nothing is updated.
    @discardableResult
    public func step(inputs: Tensor, labels: [Int]) -> (loss: Double, correct: Int) {
        for parameter in network.parameters { parameter.zeroGradient() }
        let output = network.forward(inputs, training: true)
        let evaluation = loss.evaluate(output, labels: labels)
        let correct = zip(argmaxOfRows(output), labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        guard evaluation.loss.isFinite else { return (evaluation.loss, correct) }
        network.backwardToParameters(evaluation.gradient)
        optimizer.step(trainableParameters)
        return (evaluation.loss, correct)
    }

    /// `0..<n` in a random order: Fisher–Yates with the trainer's generator (`j` uniform in `0...i` from
    /// the high half of a 64 × 64-bit product, without modulo bias worth naming).
    private func shuffledIndices(_ n: Int) -> [Int] {
        var indices = Array(0..<n)
        var i = n - 1
        while i > 0 {
            let j = Int(generator.next().multipliedFullWidth(by: UInt64(i + 1)).high)
            indices.swapAt(i, j)
            i -= 1
        }
        return indices
    }

    /// The samples `indices` of `inputs` and `labels`, as a batch.
    private func gather(_ inputs: Tensor, _ labels: [Int], _ indices: [Int]) -> (Tensor, [Int]) {
        let stride = inputs.count / inputs.shape[0]
        var shape = inputs.shape
        shape[0] = indices.count
        let scalars = [Float](unsafeUninitializedCapacity: indices.count * stride) { out, initialized in
            inputs.scalars.withUnsafeBufferPointer { x in
                for (row, index) in indices.enumerated() {
                    (out.baseAddress! + row * stride).initialize(from: x.baseAddress! + index * stride, count: stride)
                }
            }
            initialized = indices.count * stride
        }
        return (Tensor(shape: shape, scalars: scalars), indices.map { labels[$0] })
    }
}
