/// The rectified linear unit, elementwise: `y = max(0, x)`, `∂y/∂x = 1` where `x > 0`, else 0.
///
/// Any shape. A training forward keeps its output; backward passes `∂L/∂y` where `y > 0` and 0 elsewhere.
/// NaN passes through (`y = x` unless `x < 0`), so a diverging network still shows a NaN loss.
public final class ReLU: Layer {
    private var savedOutput: Tensor?

    public init() {}

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let zero = SIMD8<Float>(repeating: 0)
        let output = mapElements(input) { x in x.replacing(with: zero, where: x .< zero) }
        if training { savedOutput = output }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let y = savedOutput else { preconditionFailure("ReLU: backward without a training forward") }
        let zero = SIMD8<Float>(repeating: 0)
        return mapElements(outputGradient, y) { g, y in g.replacing(with: zero, where: .!(y .> zero)) }
    }

    public var summary: String { "ReLU" }
}

/// The logistic sigmoid with gain γ, elementwise: `y = S(x) = 1 / (1 + e^{−γx})`, whose derivative is
/// `∂y/∂x = γ · y · (1 − y)` (the Drchal deck; γ = 1 is the usual logistic function).
///
/// Any shape. A training forward keeps its output; backward returns `∂L/∂y · γ · y · (1 − y)`.
/// Accuracy: within about 3 ulp of the exact `Float` result (a vectorized `exp`, see `Elementwise.swift`).
public final class Sigmoid: Layer {
    /// γ, the steepness.
    public let gain: Float
    private var savedOutput: Tensor?

    public init(gain: Float = 1) {
        precondition(gain.isFinite, "Sigmoid: gain is \(gain)")
        self.gain = gain
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let gain = self.gain
        let output = mapElements(input) { x in sigmoid8(x, gain: gain) }
        if training { savedOutput = output }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let y = savedOutput else { preconditionFailure("Sigmoid: backward without a training forward") }
        let gain = SIMD8<Float>(repeating: self.gain)
        return mapElements(outputGradient, y) { g, y in g * gain * y * (1 - y) }
    }

    /// `Sigmoid`, or `Sigmoid γ = 2` for another gain.
    public var summary: String { gain == 1 ? "Sigmoid" : "Sigmoid γ = \(gain)" }
}

/// The hyperbolic tangent, elementwise: `y = tanh(x)`, `∂y/∂x = 1 − y²`.
///
/// Any shape. A training forward keeps its output; backward returns `∂L/∂y · (1 − y²)`.
/// Accuracy: within about 3 ulp of the exact `Float` result (see `Elementwise.swift`).
public final class Tanh: Layer {
    private var savedOutput: Tensor?

    public init() {}

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let output = mapElements(input) { x in tanh8(x) }
        if training { savedOutput = output }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let y = savedOutput else { preconditionFailure("Tanh: backward without a training forward") }
        return mapElements(outputGradient, y) { g, y in g * (1 - y * y) }
    }

    public var summary: String { "Tanh" }
}
