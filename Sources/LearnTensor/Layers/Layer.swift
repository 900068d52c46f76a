/// One stage of a network that can run forward on a batch and send gradients backward.
///
/// A layer keeps what its backward pass needs from the last training-mode forward (its input, a
/// dropout mask, the positions of pooling maxima), so `backward` must follow the `forward` it belongs
/// to. Layers are classes: a network holds them, and their ``parameters`` are shared with the optimizer.
public protocol Layer: AnyObject {
    /// The output for `input` (a batch: the first dimension is the sample). With `training` false the
    /// layer keeps nothing and dropout is off.
    func forward(_ input: Tensor, training: Bool) -> Tensor
    /// Given ∂loss/∂output for the batch of the last training forward, adds ∂loss/∂parameters to each
    /// parameter's gradient and returns ∂loss/∂input.
    func backward(_ outputGradient: Tensor) -> Tensor
    /// The trainable tensors, in a fixed order (empty for layers without weights).
    var parameters: [Parameter] { get }
    /// A one-line description for summaries, e.g. `Dense 784 → 625`.
    var summary: String { get }
}

extension Layer {
    public var parameters: [Parameter] { [] }
}
