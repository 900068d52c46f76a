import LearnCore

/// A 2-D convolution layer: `[N, C, H, W]` → `[N, C', H', W']` with weights `[C', C, KH, KW]` and an
/// optional bias `[C']` (see ``conv2d(_:weight:bias:stride:padding:maxThreads:workspace:)`` for the maths;
/// like every library it computes a cross-correlation, the kernel is not flipped).
///
/// Parameters are named `<name>.weight` and `<name>.bias` (e.g. `conv1.weight`). A training forward keeps
/// its input for the backward pass; the layer keeps its im2col scratch memory from batch to batch.
public final class Conv2D: Layer {
    /// `[C', C, KH, KW]`.
    public let weight: Parameter
    /// `[C']`, or nil for a convolution without bias (Radford's conv net has none).
    public let bias: Parameter?
    public let stride: Int
    public let padding: ConvPadding
    /// Whether ``backward(_:)`` computes ∂L/∂input. ``Network/backwardToParameters(_:)`` turns it off on
    /// the first layer with weights, whose input gradient nobody uses: that saves a third of the layer's
    /// backward work, and `backward` then returns zeros.
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
    /// drawn by `initialization` from `generator` (so a seed fixes them; fanIn = C·K·K, fanOut = C'·K·K;
    /// He's normal by default, for ReLU; Radford's conv net uses `.normal(standardDeviation: 0.01)`) and,
    /// if `hasBias`, a zero bias.
    public convenience init(name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1,
                            padding: ConvPadding = .valid, hasBias: Bool = true,
                            initialization: Initialization = .heNormal, generator: inout SplitMix64) {
        precondition(inChannels >= 1 && outChannels >= 1 && kernelSize >= 1,
                     "Conv2D \(name): \(inChannels) → \(outChannels) channels, kernel \(kernelSize)")
        let area = kernelSize * kernelSize
        let weight = initialization.tensor(shape: [outChannels, inChannels, kernelSize, kernelSize],
                                           fanIn: inChannels * area, fanOut: outChannels * area, generator: &generator)
        self.init(name: name, weight: weight, bias: hasBias ? Tensor(zeros: [outChannels]) : nil, stride: stride, padding: padding)
    }

    /// As the initializer with a generator, seeded with `seed`.
    public convenience init(name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1,
                            padding: ConvPadding = .valid, hasBias: Bool = true,
                            initialization: Initialization = .heNormal, seed: UInt64) {
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
}
