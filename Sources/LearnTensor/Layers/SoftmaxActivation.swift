/// Softmax as a layer (Keras's `activation='softmax'`), for a loss other than cross-entropy after it:
/// each row of `z` `[batch, classes]` becomes `yᵢⱼ = e^{zᵢⱼ − mᵢ} / Σₖ e^{zᵢₖ − mᵢ}` (``softmax(_:)``,
/// `mᵢ` the row's largest entry, so no exponential overflows).
///
/// Backward, for `G = ∂L/∂y`: the Jacobian `∂yⱼ/∂zₖ = yⱼ(δⱼₖ − yₖ)` gives
/// `∂L/∂zₖ = yₖ · (Gₖ − Σⱼ Gⱼ yⱼ)` per row (the dot product in `Double`). With cross-entropy use the
/// fused ``SoftmaxCrossEntropy`` instead, whose gradient `p − y` needs no Jacobian.
public final class SoftmaxActivation: Layer {
    private var savedOutput: Tensor?

    public init() {}

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank == 2, "SoftmaxActivation: input is \(input.shape), expected [batch, classes]")
        let output = softmax(input)
        if training { savedOutput = output }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let y = savedOutput else { preconditionFailure("SoftmaxActivation: backward without a training forward") }
        precondition(outputGradient.shape == y.shape,
                     "SoftmaxActivation: output gradient is \(outputGradient.shape), expected \(y.shape)")
        let (batch, classes) = (y.shape[0], y.shape[1])
        var result = [Float](repeating: 0, count: y.count)
        for i in 0..<batch {
            let row = i * classes
            var dot = 0.0
            for j in 0..<classes { dot += Double(outputGradient.scalars[row + j]) * Double(y.scalars[row + j]) }
            for k in 0..<classes {
                result[row + k] = Float(Double(y.scalars[row + k]) * (Double(outputGradient.scalars[row + k]) - dot))
            }
        }
        return Tensor(shape: y.shape, scalars: result)
    }

    public var summary: String { "Softmax" }
}
