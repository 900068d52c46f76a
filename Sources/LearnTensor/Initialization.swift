import Foundation
import LearnCore

/// How a layer's initial weights are drawn; every draw comes from a seeded ``SplitMix64``, so a seed
/// fixes every weight on every machine and Swift version.
///
/// `fanIn` and `fanOut` are the number of inputs and outputs each weight connects (for a dense layer
/// `[in, out]`: `in` and `out`; for a convolution: `C·KH·KW` and `C'·KH·KW`).
public enum Initialization: Sendable, Hashable {
    /// `w ~ U(−a, a)`: the Week 10 deck draws from U(−0.5, 0.5).
    case uniform(limit: Double)
    /// `w ~ N(0, σ²)`: Radford's networks use σ = 0.01.
    case normal(standardDeviation: Double)
    /// Glorot & Bengio (2010): `w ~ U(−a, a)` with `a = √(6 / (fanIn + fanOut))`, for sigmoid and tanh.
    case glorotUniform
    /// He et al. (2015): `w ~ N(0, 2 / fanIn)`, for ReLU.
    case heNormal

    /// One weight: a uniform from ``SplitMix64/uniform(_:_:)`` (53 random bits), or a normal from
    /// ``standardNormal(_:)``, scaled; rounded once to `Float`.
    public func draw(fanIn: Int, fanOut: Int, generator: inout SplitMix64) -> Float {
        switch self {
        case let .uniform(limit):
            return Float(generator.uniform(-limit, limit))
        case let .normal(sigma):
            return Float(Self.standardNormal(&generator) * sigma)
        case .glorotUniform:
            let limit = (6 / Double(max(1, fanIn + fanOut))).squareRoot()
            return Float(generator.uniform(-limit, limit))
        case .heNormal:
            return Float(Self.standardNormal(&generator) * (2 / Double(max(1, fanIn))).squareRoot())
        }
    }

    /// A tensor of `shape` filled in row-major order with ``draw(fanIn:fanOut:generator:)``.
    public func tensor(shape: [Int], fanIn: Int, fanOut: Int, generator: inout SplitMix64) -> Tensor {
        let count = Tensor.count(of: shape)
        var values: [Float] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(draw(fanIn: fanIn, fanOut: fanOut, generator: &generator)) }
        return Tensor(shape: shape, scalars: values)
    }

    /// A standard normal draw by Box–Muller (the cosine branch) from two uniforms of `generator`:
    /// `z = √(−2 ln u₁) · cos(2π u₂)` with `u₁ ∈ (0, 1]` (so the logarithm is finite) and `u₂ ∈ [0, 1)`.
    /// Uses two 64-bit draws per normal (the same draws as `Conv2D`'s initializer).
    public static func standardNormal(_ generator: inout SplitMix64) -> Double {
        let u1 = 1 - generator.nextUnit(), u2 = generator.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
