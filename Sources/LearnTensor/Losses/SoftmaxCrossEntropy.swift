import Foundation

/// Softmax followed by cross-entropy, fused: for logits `z` `[batch, classes]` and class labels `c`,
///
///     pᵢⱼ = e^{zᵢⱼ − mᵢ} / Σₖ e^{zᵢₖ − mᵢ}           (mᵢ = maxₖ zᵢₖ, so no exponent exceeds 0)
///     L   = (1/B) Σᵢ −log pᵢ,cᵢ = (1/B) Σᵢ (log Σₖ e^{zᵢₖ − mᵢ} − (zᵢ,cᵢ − mᵢ))
///     ∂L/∂zᵢⱼ = (pᵢⱼ − yᵢⱼ) / B                        (y one-hot of c)
///
/// the mean over the batch of B samples (Radford's `T.mean(T.nnet.categorical_crossentropy(…))`).
/// Subtracting the row maximum and taking the log-sum-exp keeps every term finite: logits
/// `[1000, 0, −1000]` give loss 0 for class 0 and 2000 for class 2. The softmax's σ′ never appears:
/// it cancels against the logarithm's derivative, leaving `p − y`.
///
/// Rows are reduced in `Double` (`exp` of each logit once, 10 per MNIST row); the probabilities are
/// rounded once to `Float`. Complexity `O(batch · classes)`.
public struct SoftmaxCrossEntropy: Loss, Sendable {
    public init() {}

    /// The mean loss, the probabilities `p` and the gradient `(p − y)/B`.
    public func callAsFunction(_ logits: Tensor, labels: [Int]) -> (loss: Double, probabilities: Tensor, gradient: Tensor) {
        checkLabels(logits, labels, "SoftmaxCrossEntropy")
        let (batch, classes) = (logits.shape[0], logits.shape[1])
        guard batch > 0 else { return (0, logits, logits) }
        var total = 0.0
        var probabilities = [Float](repeating: 0, count: batch * classes)
        var gradient = [Float](repeating: 0, count: batch * classes)
        logits.scalars.withUnsafeBufferPointer { z in
            probabilities.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeMutableBufferPointer { g in
                    let inverseBatch = 1 / Double(batch)
                    for i in 0..<batch {
                        let row = i * classes
                        var maximum = -Double.infinity
                        for j in 0..<classes { maximum = max(maximum, Double(z[row + j])) }
                        var sum = 0.0
                        for j in 0..<classes { sum += exp(Double(z[row + j]) - maximum) }
                        let label = labels[i]
                        total += log(sum) - (Double(z[row + label]) - maximum)
                        for j in 0..<classes {
                            let probability = exp(Double(z[row + j]) - maximum) / sum
                            p[row + j] = Float(probability)
                            g[row + j] = Float(((j == label ? probability - 1 : probability)) * inverseBatch)
                        }
                    }
                }
            }
        }
        return (total / Double(batch), Tensor(shape: logits.shape, scalars: probabilities),
                Tensor(shape: logits.shape, scalars: gradient))
    }

    /// ``callAsFunction(_:labels:)`` with labels as bytes (as IDX files store them).
    public func callAsFunction(_ logits: Tensor, labels: [UInt8]) -> (loss: Double, probabilities: Tensor, gradient: Tensor) {
        self(logits, labels: labels.map(Int.init))
    }

    public func evaluate(_ output: Tensor, labels: [Int]) -> LossEvaluation {
        let result = self(output, labels: labels)
        return LossEvaluation(loss: result.loss, gradient: result.gradient)
    }
}

/// Softmax of each row of `logits` `[batch, classes]`: `pᵢⱼ = e^{zᵢⱼ − mᵢ} / Σₖ e^{zᵢₖ − mᵢ}`, as in
/// ``SoftmaxCrossEntropy`` (reduced in `Double`, rounded once).
public func softmax(_ logits: Tensor) -> Tensor {
    precondition(logits.rank == 2, "softmax: logits are \(logits.shape), expected [batch, classes]")
    let (batch, classes) = (logits.shape[0], logits.shape[1])
    var result = [Float](repeating: 0, count: logits.count)
    for i in 0..<batch {
        let row = logits.scalars[(i * classes)..<((i + 1) * classes)].map(Double.init)
        let maximum = row.max() ?? 0
        let exps = row.map { exp($0 - maximum) }
        let sum = exps.reduce(0, +)
        for j in 0..<classes { result[i * classes + j] = Float(exps[j] / sum) }
    }
    return Tensor(shape: logits.shape, scalars: result)
}
