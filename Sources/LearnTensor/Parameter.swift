/// A trainable tensor of a layer, its gradient, and the optimizer's memory for it.
///
/// A class, because the layer that uses it, the optimizer that updates it and the model file that
/// saves it all refer to the same weights. `gradient` has the shape of `value`; backward passes add to
/// it, and ``zeroGradient()`` clears it before the next batch.
public final class Parameter {
    /// The name in traces and model files, e.g. `dense1.weight`.
    public var name: String
    /// The current weights.
    public var value: Tensor
    /// ∂loss/∂value summed over the backward passes since the last ``zeroGradient()``.
    public var gradient: Tensor
    /// Per-weight state kept by the optimizer (velocity, running averages, step sizes), by its name.
    public var optimizerState: [String: Tensor] = [:]

    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
    }

    /// Sets the gradient to zero.
    public func zeroGradient() {
        gradient.scalars.withUnsafeMutableBufferPointer { g in
            guard let base = g.baseAddress else { return }
            let shared = UnsafeSendable(base)
            forEachElementRange(g.count) { range in (shared.value + range.lowerBound).update(repeating: 0, count: range.count) }
        }
    }
}
