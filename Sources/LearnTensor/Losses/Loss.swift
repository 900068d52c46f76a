/// A loss for a batch of network outputs against class labels: its value and its gradient with respect
/// to the outputs, from which a training step starts its backward pass.
public protocol Loss {
    /// The loss of `output` (`[batch, classes]`) for the class indices `labels` (`batch` of them, each in
    /// `0..<classes`) and ∂loss/∂output.
    func evaluate(_ output: Tensor, labels: [Int]) -> LossEvaluation
}

extension Loss {
    /// ``evaluate(_:labels:)`` with labels as bytes (as IDX files store them).
    public func evaluate(_ output: Tensor, labels: [UInt8]) -> LossEvaluation {
        evaluate(output, labels: labels.map(Int.init))
    }
}

/// What a ``Loss`` returns for one batch.
public struct LossEvaluation: Sendable {
    /// The loss, accumulated in `Double`.
    public var loss: Double
    /// ∂loss/∂output, the shape of the output.
    public var gradient: Tensor

    public init(loss: Double, gradient: Tensor) {
        self.loss = loss
        self.gradient = gradient
    }
}

/// Checks that `output` is `[batch, classes]` with one label per row, each a class index.
func checkLabels(_ output: Tensor, _ labels: [Int], _ caller: String) {
    precondition(output.rank == 2 && output.shape[0] == labels.count,
                 "\(caller): output is \(output.shape) for \(labels.count) labels, expected [\(labels.count), classes]")
    let classes = output.shape[1]
    if let bad = labels.first(where: { $0 < 0 || $0 >= classes }) {
        preconditionFailure("\(caller): label \(bad) is not a class index in 0..<\(classes)")
    }
}
