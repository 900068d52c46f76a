/// A network's results on a labelled set: what it predicted, how often it was right, and the loss.
public struct Evaluation: Sendable {
    /// The predicted class of each sample (the index of its largest output).
    public var predictions: [Int]
    /// `counts[actual][predicted]`.
    public var confusion: ConfusionMatrix
    /// The mean loss over the samples, when a loss was given.
    public var loss: Double?
    /// The fraction predicted correctly.
    public var accuracy: Double { confusion.accuracy }
}

extension Network {
    /// The outputs for every sample of `inputs` (`[n, …]`), computed `batchSize` samples at a time with
    /// `training: false` (dropout off, nothing kept for a backward pass). Returns `[n, outputs]`.
    public func outputs(for inputs: Tensor, batchSize: Int = 500) -> Tensor {
        precondition(inputs.rank >= 1 && batchSize >= 1, "outputs: inputs \(inputs.shape), batch size \(batchSize)")
        let n = inputs.shape[0]
        var scalars: [Float] = []
        var width = 0
        for start in stride(from: 0, to: n, by: batchSize) {
            let output = forward(inputs.rows(start..<min(n, start + batchSize)), training: false)
            width = output.count / max(1, output.shape[0])
            if scalars.isEmpty { scalars.reserveCapacity(n * width) }
            scalars += output.scalars
        }
        return Tensor(shape: [n, width], scalars: scalars)
    }

    /// The predicted class of every sample: the index of its largest output.
    public func predictions(for inputs: Tensor, batchSize: Int = 500) -> [Int] {
        argmaxOfRows(outputs(for: inputs, batchSize: batchSize))
    }

    /// Predictions, confusion matrix, accuracy and (if `loss` is given) the mean loss on a labelled set,
    /// in batches with `training: false`. The outputs' width is the number of classes.
    public func evaluate(inputs: Tensor, labels: [Int], loss: (any Loss)? = nil, batchSize: Int = 500) -> Evaluation {
        precondition(inputs.rank >= 1 && inputs.shape[0] == labels.count,
                     "evaluate: inputs \(inputs.shape) for \(labels.count) labels")
        let output = outputs(for: inputs, batchSize: batchSize)
        let predictions = argmaxOfRows(output)
        let classes = max(output.rank == 2 ? output.shape[1] : 1, 1)
        var meanLoss: Double?
        if let loss, !labels.isEmpty {
            var total = 0.0
            for start in stride(from: 0, to: labels.count, by: batchSize) {
                let range = start..<min(labels.count, start + batchSize)
                total += loss.evaluate(output.rows(range), labels: Array(labels[range])).loss * Double(range.count)
            }
            meanLoss = total / Double(labels.count)
        }
        return Evaluation(predictions: predictions,
                          confusion: ConfusionMatrix(actual: labels, predicted: predictions, classes: classes),
                          loss: meanLoss)
    }

    /// ``evaluate(inputs:labels:loss:batchSize:)`` with labels as bytes (as IDX files store them).
    public func evaluate(inputs: Tensor, labels: [UInt8], loss: (any Loss)? = nil, batchSize: Int = 500) -> Evaluation {
        evaluate(inputs: inputs, labels: labels.map(Int.init), loss: loss, batchSize: batchSize)
    }
}

/// The first row of `[rows, columns]` holding NaN or an infinity, or nil when every element is finite.
/// A network whose outputs overflow gives no probabilities: softmax of an infinite logit is ∞ − ∞.
public func firstNonFiniteRow(_ t: Tensor) -> Int? {
    precondition(t.rank == 2, "firstNonFiniteRow: \(t.shape) is not [rows, columns]")
    guard let i = t.scalars.firstIndex(where: { !$0.isFinite }) else { return nil }
    return i / max(1, t.shape[1])
}

/// The index of the largest element of each row of `[rows, columns]` (the first on a tie; NaN is never
/// the largest unless the whole row is NaN, then 0).
public func argmaxOfRows(_ t: Tensor) -> [Int] {
    precondition(t.rank == 2, "argmaxOfRows: \(t.shape) is not [rows, columns]")
    let (rows, columns) = (t.shape[0], t.shape[1])
    guard columns > 0 else { return Array(repeating: 0, count: rows) }
    return t.scalars.withUnsafeBufferPointer { x in
        (0..<rows).map { r in
            var best = 0, bestValue = -Float.infinity
            for c in 0..<columns where x[r * columns + c] > bestValue {
                (best, bestValue) = (c, x[r * columns + c])
            }
            return best
        }
    }
}
