/// Half the squared error, summed over the outputs of each sample and averaged over the batch:
///
///     E = (1/B) Σᵢ ½ Σⱼ (dᵢⱼ − yᵢⱼ)²,    ∂E/∂yᵢⱼ = (yᵢⱼ − dᵢⱼ) / B
///
/// for outputs `y` and targets `d`, both `[B, outputs]`. For one sample (B = 1) this is the Kuzovkin
/// deck's `E_total = Σ ½(target − out)²`; over a batch it is the mean of those per-sample errors (so a
/// learning rate means the same at any batch size). With class labels the target is one-hot.
///
/// The sum is accumulated in `Double`. Complexity `O(B · outputs)`.
public struct MeanSquaredError: Loss, Sendable {
    public init() {}

    /// E and ∂E/∂y for explicit targets of the output's shape.
    public func callAsFunction(_ output: Tensor, targets: Tensor) -> LossEvaluation {
        precondition(output.rank == 2 && output.shape == targets.shape,
                     "MeanSquaredError: output is \(output.shape), targets are \(targets.shape); expected both [batch, outputs]")
        let batch = output.shape[0]
        guard batch > 0 else { return LossEvaluation(loss: 0, gradient: output) }
        var total = 0.0
        var gradient = [Float](repeating: 0, count: output.count)
        let inverseBatch = 1 / Float(batch)
        output.scalars.withUnsafeBufferPointer { y in
            targets.scalars.withUnsafeBufferPointer { d in
                gradient.withUnsafeMutableBufferPointer { g in
                    for i in 0..<y.count {
                        let difference = Double(y[i]) - Double(d[i])
                        total += 0.5 * difference * difference
                        g[i] = (y[i] - d[i]) * inverseBatch
                    }
                }
            }
        }
        return LossEvaluation(loss: total / Double(batch), gradient: Tensor(shape: output.shape, scalars: gradient))
    }

    /// E and ∂E/∂y against one-hot targets: `dᵢⱼ = 1` if `j == labels[i]`, else 0.
    public func evaluate(_ output: Tensor, labels: [Int]) -> LossEvaluation {
        checkLabels(output, labels, "MeanSquaredError")
        var targets = Tensor(zeros: output.shape)
        let classes = output.shape[1]
        for (i, label) in labels.enumerated() { targets.scalars[i * classes + label] = 1 }
        return self(output, targets: targets)
    }
}
