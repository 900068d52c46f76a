import LearnCore
@testable import LearnTensor

/// Finite-difference gradient checks for layers and losses of the tensor engine, reusable by every
/// layer's tests.
///
/// The numerical gradient of a scalar loss L is the central difference `(L(v + ε) − L(v − ε)) / 2ε` for
/// each element v (restored afterwards); L is accumulated in `Double`, and a gradient passes when
/// `|analytic − numerical| ≤ atol + rtol · |numerical|`.
///
/// Default tolerances, for inputs and weights of order 1 (`[-1, 1)`) and small layers (≲ 10 terms per
/// output): the engine computes in Float, so each output carries a rounding error of a few ulp
/// (≈ 2⁻²⁴ · Σ|terms| ≲ 1e-6); L sums ≲ 30 of them with weights |r| < 1, so L(v ± ε) is off by
/// ≲ 3e-6 and the difference quotient by ≲ 3e-6 / 2ε = 1.5e-4 with ε = 1e-2. The truncation error of
/// the central difference, ε²/6 · |L‴|, is ≤ 2e-5 for the smooth activations here (|tanh‴| ≤ 2,
/// |σ‴| ≤ 1/8) and 0 for linear maps. Hence atol = 5e-4, and rtol = 1e-3 for larger gradients.
/// Layers with kinks (ReLU, max pooling) need inputs at least ε away from the kink.
struct GradientCheck {
    /// ε, the half-width of the central difference.
    var epsilon: Float = 1e-2
    /// Absolute and relative tolerance.
    var atol: Double = 5e-4
    var rtol: Double = 1e-3

    /// Checks ∂L/∂input and every parameter's gradient of `layer` at `input` for the projection loss
    /// `L = Σᵢ rᵢ · yᵢ` with fixed random weights `r` in [-1, 1) (seeded by `seed`), whose ∂L/∂y is `r`.
    ///
    /// The analytic gradients come from `forward(input, training: true)` then `backward(r)` after the
    /// parameters' gradients are zeroed. The loss is evaluated with `evaluate` (default:
    /// `layer.forward(x, training: false)`); pass another function when the training forward is not
    /// repeatable (dropout: a fresh layer with the same seed each time). Returns one line per mismatch,
    /// e.g. `∂input[3]: analytic 0.41 numerical 0.44`; empty when all pass.
    func mismatches(_ layer: any Layer, input: Tensor, seed: UInt64 = 1,
                    evaluate: ((Tensor) -> Tensor)? = nil) -> [String] {
        let evaluate = evaluate ?? { layer.forward($0, training: false) }
        var generator = SplitMix64(seed: seed)
        let r = Self.randomTensor(evaluate(input).shape, &generator)
        for parameter in layer.parameters { parameter.zeroGradient() }
        _ = layer.forward(input, training: true)
        let inputGradient = layer.backward(r)
        return mismatches(input: input, inputGradient: inputGradient, parameters: layer.parameters) {
            Self.projection(evaluate($0), r)
        }
    }

    /// Checks the analytic ∂L/∂input (`inputGradient`, if given) and the `gradient` already held by each
    /// of `parameters` against central differences of `loss`, a function of the input that reads the
    /// parameters' current values. Each element is moved by ±ε and restored.
    func mismatches(input: Tensor, inputGradient: Tensor?, parameters: [Parameter],
                    loss: (Tensor) -> Double) -> [String] {
        var wrong: [String] = []
        if let inputGradient {
            precondition(inputGradient.shape == input.shape, "∂input is \(inputGradient.shape), input \(input.shape)")
            var x = input
            let numerical = centralDifferences(count: x.count, get: { x.scalars[$0] }, set: { x.scalars[$0] = $1 }) { loss(x) }
            wrong += compare(inputGradient.scalars, numerical, label: "∂input")
        }
        for parameter in parameters {
            let numerical = centralDifferences(count: parameter.value.count, get: { parameter.value.scalars[$0] },
                                               set: { parameter.value.scalars[$0] = $1 }) { loss(input) }
            wrong += compare(parameter.gradient.scalars, numerical, label: "∂\(parameter.name)")
        }
        return wrong
    }

    /// Central differences `(L(v + ε) − L(v − ε)) / 2ε` for each of `count` values read and written
    /// through `get` and `set`; each value is restored afterwards.
    func centralDifferences(count: Int, get: (Int) -> Float, set: (Int, Float) -> Void, loss: () -> Double) -> [Double] {
        (0..<count).map { i in
            let original = get(i)
            set(i, original + epsilon)
            let plus = loss()
            set(i, original - epsilon)
            let minus = loss()
            set(i, original)
            // The step actually taken: v ± ε rounded to Float.
            return (plus - minus) / (Double(original + epsilon) - Double(original - epsilon))
        }
    }

    /// The mismatches between analytic and numerical gradients, labelled `label[i]`.
    func compare(_ analytic: [Float], _ numerical: [Double], label: String) -> [String] {
        precondition(analytic.count == numerical.count, "\(label): \(analytic.count) analytic, \(numerical.count) numerical")
        return zip(analytic, numerical).enumerated().compactMap { i, pair in
            abs(Double(pair.0) - pair.1) <= atol + rtol * abs(pair.1)
                ? nil : "\(label)[\(i)]: analytic \(pair.0) numerical \(pair.1)"
        }
    }

    /// `Σᵢ rᵢ · yᵢ` in `Double`.
    static func projection(_ y: Tensor, _ r: Tensor) -> Double {
        precondition(y.shape == r.shape, "projection: \(y.shape) and \(r.shape)")
        return zip(y.scalars, r.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// A tensor of `shape` with seeded uniform elements in [low, high); with `awayFrom` set, elements
    /// closer than `margin` to that value are pushed out to `value ± margin` (for kinks such as ReLU's 0).
    static func randomTensor(_ shape: [Int], _ generator: inout SplitMix64, low: Double = -1, high: Double = 1,
                             awayFrom kink: Float? = nil, margin: Float = 0.05) -> Tensor {
        let values = (0..<Tensor.count(of: shape)).map { _ -> Float in
            let v = Float(generator.uniform(low, high))
            guard let kink, abs(v - kink) < margin else { return v }
            return v < kink ? kink - margin : kink + margin
        }
        return Tensor(shape: shape, scalars: values)
    }

    /// ``randomTensor(_:_:low:high:awayFrom:margin:)`` from a new generator seeded with `seed`.
    static func randomTensor(_ shape: [Int], seed: UInt64, low: Double = -1, high: Double = 1,
                             awayFrom kink: Float? = nil, margin: Float = 0.05) -> Tensor {
        var generator = SplitMix64(seed: seed)
        return randomTensor(shape, &generator, low: low, high: high, awayFrom: kink, margin: margin)
    }
}
