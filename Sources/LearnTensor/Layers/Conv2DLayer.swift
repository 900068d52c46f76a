import Foundation
import LearnCore

/// A 2-D convolution layer: `[N, C, H, W]` → `[N, C', H', W']` with weights `[C', C, KH, KW]` and an
/// optional bias `[C']` (see ``conv2d(_:weight:bias:stride:padding:maxThreads:workspace:)`` for the maths;
/// like every library it computes a cross-correlation, the kernel is not flipped).
///
/// Parameters are named `<name>.weight` and `<name>.bias` (e.g. `conv1.weight`). A training forward keeps
/// its input for the backward pass; the layer keeps its im2col scratch memory from batch to batch.
public final class Conv2D: Layer {
    /// How the convenience initializer draws the weights (the bias starts at zero).
    public enum Initialization: Sendable, Hashable {
        /// He et al. (2015), for ReLU: `w ~ N(0, 2 / fanIn)` with `fanIn = C·KH·KW`.
        case he
        /// Glorot & Bengio (2010): `w ~ U(−a, a)`, `a = √(6 / (fanIn + fanOut))`, `fanOut = C'·KH·KW`.
        case glorot
        /// `w ~ N(0, σ²)`; Radford's conv net uses σ = 0.01.
        case normal(standardDeviation: Double)
    }

    /// `[C', C, KH, KW]`.
    public let weight: Parameter
    /// `[C']`, or nil for a convolution without bias (Radford's conv net has none).
    public let bias: Parameter?
    public let stride: Int
    public let padding: ConvPadding
    /// Whether ``backward(_:)`` computes ∂L/∂input. Set it to false on a network's first layer, whose
    /// input gradient nobody uses: that saves a third of the layer's backward work, and `backward`
    /// then returns zeros.
    public var computesInputGradient = true
    /// Threads the kernels may use.
    public var maxThreads = availableCoreCount

    private var savedInput: Tensor?
    private let workspace = Conv2DWorkspace()

    /// A layer with the caller's weights `[C', C, KH, KW]` and bias `[C']` (or nil).
    public init(name: String, weight: Tensor, bias: Tensor?, stride: Int = 1, padding: ConvPadding = .valid) {
        precondition(weight.rank == 4, "Conv2D \(name): weight must be [C', C, KH, KW], got \(weight.shape)")
        if let bias { precondition(bias.shape == [weight.shape[0]], "Conv2D \(name): bias is \(bias.shape), expected [\(weight.shape[0])]") }
        precondition(stride >= 1, "Conv2D \(name): stride is \(stride)")
        _ = padding.amounts(kernelHeight: weight.shape[2], kernelWidth: weight.shape[3])  // checks `.same` and negative amounts
        self.weight = Parameter(name: "\(name).weight", value: weight)
        self.bias = bias.map { Parameter(name: "\(name).bias", value: $0) }
        self.stride = stride
        self.padding = padding
    }

    /// A layer of `outChannels` filters `kernelSize × kernelSize` over `inChannels` channels, with weights
    /// drawn by `initialization` from `generator` (so a seed fixes them) and a zero bias if `hasBias`.
    public convenience init(name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1,
                            padding: ConvPadding = .valid, hasBias: Bool = true,
                            initialization: Initialization = .he, generator: inout SplitMix64) {
        precondition(inChannels >= 1 && outChannels >= 1 && kernelSize >= 1,
                     "Conv2D \(name): \(inChannels) → \(outChannels) channels, kernel \(kernelSize)")
        let shape = [outChannels, inChannels, kernelSize, kernelSize]
        let fanIn = Double(inChannels * kernelSize * kernelSize), fanOut = Double(outChannels * kernelSize * kernelSize)
        // (`Conv2D.`, not `Self.`: before `self.init` there is no dynamic type to ask.)
        var values: [Float] = []
        values.reserveCapacity(Tensor.count(of: shape))
        for _ in 0..<Tensor.count(of: shape) {
            switch initialization {
            case .he: values.append(Float(Conv2D.normal(&generator) * (2 / fanIn).squareRoot()))
            case .glorot: values.append(Float(generator.uniform(-1, 1) * (6 / (fanIn + fanOut)).squareRoot()))
            case let .normal(sigma): values.append(Float(Conv2D.normal(&generator) * sigma))
            }
        }
        self.init(name: name, weight: Tensor(shape: shape, scalars: values),
                  bias: hasBias ? Tensor(zeros: [outChannels]) : nil, stride: stride, padding: padding)
    }

    /// As the initializer with a generator, seeded with `seed`.
    public convenience init(name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1,
                            padding: ConvPadding = .valid, hasBias: Bool = true,
                            initialization: Initialization = .he, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        self.init(name: name, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
                  padding: padding, hasBias: hasBias, initialization: initialization, generator: &generator)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        if training { savedInput = input }
        return conv2d(input, weight: weight.value, bias: bias?.value, stride: stride, padding: padding,
                      maxThreads: maxThreads, workspace: workspace)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input = savedInput else { preconditionFailure("Conv2D \(weight.name): backward without a training forward") }
        let gradients = conv2dBackward(outputGradient, input: input, weight: weight.value, stride: stride, padding: padding,
                                       computesInputGradient: computesInputGradient, maxThreads: maxThreads,
                                       workspace: workspace)
        Self.add(gradients.weight, to: weight)
        if let bias { Self.add(gradients.bias, to: bias) }
        return gradients.input ?? Tensor(zeros: input.shape)
    }

    public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

    /// E.g. `Conv2D 1 → 32, 3×3, padding full` or `Conv2D 6 → 16, 5×5, stride 2, padding 1×1`.
    public var summary: String {
        let s = weight.value.shape
        var text = "Conv2D \(s[1]) → \(s[0]), \(s[2])×\(s[3])"
        if stride != 1 { text += ", stride \(stride)" }
        switch padding {
        case .valid: break
        case .same: text += ", padding same"
        case .full: text += ", padding full"
        case let .explicit(h, w): text += ", padding \(h)×\(w)"
        }
        if bias == nil { text += ", no bias" }
        return text
    }

    /// `parameter.gradient += gradient`.
    private static func add(_ gradient: Tensor, to parameter: Parameter) {
        gradient.scalars.withUnsafeBufferPointer { g in
            parameter.gradient.scalars.withUnsafeMutableBufferPointer { target in
                for i in target.indices { target[i] += g[i] }
            }
        }
    }

    /// A standard normal draw (Box–Muller, cosine branch) from two uniforms of `generator`.
    private static func normal(_ generator: inout SplitMix64) -> Double {
        let u1 = 1 - generator.nextUnit(), u2 = generator.nextUnit()  // u1 ∈ (0, 1]: the logarithm is finite
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
