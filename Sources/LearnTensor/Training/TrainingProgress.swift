/// Where a training epoch is, reported after every batch so that a command-line interface can draw a
/// progress bar (the engine itself prints nothing). Epochs and batches count from 1.
public struct TrainingProgress: Sendable, Equatable {
    /// The epoch, from 1.
    public var epoch: Int
    /// The batch just finished within the epoch, from 1 to ``batchesPerEpoch``.
    public var batch: Int
    /// The number of batches in each epoch.
    public var batchesPerEpoch: Int
    /// The training samples seen so far in this epoch.
    public var samples: Int
    /// The mean loss over those samples (each batch's mean loss weighted by its size), measured before
    /// each batch's update.
    public var loss: Double
    /// The fraction of those samples the network classified correctly, before each batch's update.
    public var accuracy: Double

    public init(epoch: Int, batch: Int, batchesPerEpoch: Int, samples: Int, loss: Double, accuracy: Double) {
        (self.epoch, self.batch, self.batchesPerEpoch) = (epoch, batch, batchesPerEpoch)
        (self.samples, self.loss, self.accuracy) = (samples, loss, accuracy)
    }
}

/// Why training stopped early.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// The loss of batch `batch` (from 1) of epoch `epoch` (from 1) was NaN or infinite; that batch made
    /// no update, so the weights are those after the batch before.
    case diverged(epoch: Int, batch: Int)
    /// Every batch of epoch `epoch` had a finite loss, but the loss on the test set after it is NaN or
    /// infinite: the epoch's last updates made the outputs overflow.
    case testLossDiverged(epoch: Int)

    public var description: String {
        switch self {
        case let .diverged(epoch, batch):
            "training diverged: the loss became NaN or infinite at epoch \(epoch), batch \(batch) (try a smaller learning rate)"
        case let .testLossDiverged(epoch):
            "training diverged: the test loss became NaN or infinite after epoch \(epoch) (try a smaller learning rate)"
        }
    }
}
