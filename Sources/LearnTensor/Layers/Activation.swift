/// The rectified linear unit, elementwise: `y = max(0, x)`, `∂y/∂x = 1` where `x > 0`, else 0.
///
/// Any shape. A training forward keeps its output; backward passes `∂L/∂y` where `y > 0` and 0 elsewhere.
/// NaN passes through (`y = x` unless `x < 0`), so a diverging network still shows a NaN loss.
public final class ReLU: Layer {
    private var savedOutput: Tensor?

    public init() {}

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let output = mapElements(input, ReLUFunction())
        if training { savedOutput = output }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let y = savedOutput else { preconditionFailure("ReLU: backward without a training forward") }
        return mapElements(outputGradient, y, ReLUDerivative())
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
        let output = mapElements(input, SigmoidFunction(gain: gain))
        if training { savedOutput = output }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let y = savedOutput else { preconditionFailure("Sigmoid: backward without a training forward") }
        return mapElements(outputGradient, y, SigmoidDerivative(gain: gain))
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
        let output = mapElements(input, TanhFunction())
        if training { savedOutput = output }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let y = savedOutput else { preconditionFailure("Tanh: backward without a training forward") }
        return mapElements(outputGradient, y, TanhDerivative())
    }

    public var summary: String { "Tanh" }
}

/// ``sigmoid8(_:gain:)`` as an ``ElementwiseFunction``.
private struct SigmoidFunction: ElementwiseFunction {
    let gain: Float
    /// An exponential and a division per element (about 4 ns per 8 here): two cores pay from 32 Ki.
    static var minimumCountPerPart: Int { 1 << 15 }
    @inline(__always) func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { sigmoid8(x, gain: gain) }
}

/// ``tanh8(_:)`` as an ``ElementwiseFunction``.
private struct TanhFunction: ElementwiseFunction {
    /// As the sigmoid's.
    static var minimumCountPerPart: Int { 1 << 15 }
    @inline(__always) func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { tanh8(x) }
}

/// `max(0, x)`, NaN kept.
private struct ReLUFunction: ElementwiseFunction {
    @inline(__always) func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        x.replacing(with: 0, where: lanesLess(x, .zero))
    }
}

/// `g` where `y > 0`, else 0.
private struct ReLUDerivative: ElementwiseFunction2 {
    @inline(__always) func callAsFunction(_ g: SIMD8<Float>, _ y: SIMD8<Float>) -> SIMD8<Float> {
        g.replacing(with: 0, where: .!lanesGreater(y, .zero))
    }
}

/// `g · γ · y · (1 − y)`.
private struct SigmoidDerivative: ElementwiseFunction2 {
    let gain: Float
    @inline(__always) func callAsFunction(_ g: SIMD8<Float>, _ y: SIMD8<Float>) -> SIMD8<Float> { g * gain * y * (1 - y) }
}

/// `g · (1 − y²)`.
private struct TanhDerivative: ElementwiseFunction2 {
    @inline(__always) func callAsFunction(_ g: SIMD8<Float>, _ y: SIMD8<Float>) -> SIMD8<Float> { g * (1 - y * y) }
}
