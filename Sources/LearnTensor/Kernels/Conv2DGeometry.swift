/// How many rows and columns of zeros a 2-D convolution adds on each side of its input.
///
/// For a kernel `K` wide, stride `S` and `P` zeros on each side, an input `H` wide gives
/// `H' = ⌊(H + 2P − K) / S⌋ + 1` outputs.
public enum ConvPadding: Sendable, Hashable {
    /// No zeros ("valid"): the kernel stays inside the image, `H' = (H − K)/S + 1` (`H − K + 1` at stride 1).
    case valid
    /// `(K − 1)/2` zeros each side, for odd `K`: at stride 1 the output keeps the input's size.
    case same
    /// `K − 1` zeros each side, old Theano's `border_mode='full'`: every placement of the kernel that
    /// overlaps the image counts, `H' = H + K − 1` at stride 1 (28 → 30 for 3×3 in Radford's conv net).
    case full
    /// `height` rows of zeros above and below, `width` columns left and right.
    case explicit(height: Int, width: Int)

    /// `p` rows and columns of zeros on every side.
    public static func zeros(_ p: Int) -> ConvPadding { .explicit(height: p, width: p) }

    /// Zeros on each side of each axis for a `kernelHeight × kernelWidth` kernel.
    public func amounts(kernelHeight: Int, kernelWidth: Int) -> (height: Int, width: Int) {
        switch self {
        case .valid:
            return (0, 0)
        case .same:
            precondition(kernelHeight % 2 == 1 && kernelWidth % 2 == 1,
                         "ConvPadding.same needs an odd kernel, got \(kernelHeight)×\(kernelWidth)")
            return ((kernelHeight - 1) / 2, (kernelWidth - 1) / 2)
        case .full:
            return (kernelHeight - 1, kernelWidth - 1)
        case let .explicit(height, width):
            precondition(height >= 0 && width >= 0, "ConvPadding: negative padding \(height), \(width)")
            return (height, width)
        }
    }
}

/// The checked sizes of one 2-D convolution: input `[N, C, H, W]`, weights `[C', C, KH, KW]`,
/// output `[N, C', H', W']` with `H' = ⌊(H + 2·PH − KH) / S⌋ + 1` and `W' = ⌊(W + 2·PW − KW) / S⌋ + 1`.
public struct Conv2DGeometry: Sendable, Hashable, CustomStringConvertible {
    /// N, C, H, W of the input.
    public let batch: Int, inChannels: Int, inputHeight: Int, inputWidth: Int
    /// C', KH, KW of the weights.
    public let outChannels: Int, kernelHeight: Int, kernelWidth: Int
    /// The step between two placements of the kernel, the same along both axes.
    public let stride: Int
    /// Zeros on each side: PH rows above and below, PW columns left and right.
    public let paddingHeight: Int, paddingWidth: Int
    /// H', W' of the output.
    public let outputHeight: Int, outputWidth: Int

    /// The geometry of convolving `input` (`[N, C, H, W]`) with `weight` (`[C', C, KH, KW]`); checks every
    /// size, with the offending shapes in the message.
    public init(input: [Int], weight: [Int], stride: Int = 1, padding: ConvPadding = .valid) {
        precondition(input.count == 4, "conv2d: input must be [N, C, H, W], got \(input)")
        precondition(weight.count == 4, "conv2d: weight must be [C', C, KH, KW], got \(weight)")
        precondition(input[1] == weight[1], "conv2d: input \(input) has \(input[1]) channels, weight \(weight) expects \(weight[1])")
        precondition(stride >= 1, "conv2d: stride is \(stride)")
        precondition(weight.allSatisfy { $0 >= 1 } && input[1...].allSatisfy { $0 >= 1 },
                     "conv2d: empty dimension in input \(input) or weight \(weight)")
        let (ph, pw) = padding.amounts(kernelHeight: weight[2], kernelWidth: weight[3])
        (batch, inChannels, inputHeight, inputWidth) = (input[0], input[1], input[2], input[3])
        (outChannels, kernelHeight, kernelWidth) = (weight[0], weight[2], weight[3])
        (self.stride, paddingHeight, paddingWidth) = (stride, ph, pw)
        precondition(inputHeight + 2 * ph >= kernelHeight && inputWidth + 2 * pw >= kernelWidth,
                     "conv2d: kernel \(kernelHeight)×\(kernelWidth) is larger than the padded input \(inputHeight + 2 * ph)×\(inputWidth + 2 * pw) (input \(input), padding \(ph), \(pw))")
        outputHeight = (inputHeight + 2 * ph - kernelHeight) / stride + 1
        outputWidth = (inputWidth + 2 * pw - kernelWidth) / stride + 1
    }

    /// `[N, C, H, W]`.
    public var inputShape: [Int] { [batch, inChannels, inputHeight, inputWidth] }
    /// `[C', C, KH, KW]`.
    public var weightShape: [Int] { [outChannels, inChannels, kernelHeight, kernelWidth] }
    /// `[N, C', H', W']`.
    public var outputShape: [Int] { [batch, outChannels, outputHeight, outputWidth] }

    /// `C · KH · KW`: the rows of the im2col matrix, the length of one unrolled filter.
    public var patchSize: Int { inChannels * kernelHeight * kernelWidth }
    /// `H · W`.
    public var inputPlane: Int { inputHeight * inputWidth }
    /// `H' · W'`: the columns of one image's im2col matrix.
    public var outputPlane: Int { outputHeight * outputWidth }

    /// Whether ``conv2d(_:weight:bias:stride:padding:maxThreads:workspace:)`` computes this convolution by
    /// Winograd's F(2×2, 3×3) (3 × 3 kernel, stride 1, channel counts in and out that are multiples of 8,
    /// output at least 2 × 2), whose rounding error is bounded by the magnitudes of 4 × 4 tiles (see
    /// `Conv2DWinograd.swift`).
    public var usesWinograd: Bool { WinogradPlan.applies(to: self) }

    /// Whether the input gets any zeros around it.
    public var isPadded: Bool { paddingHeight > 0 || paddingWidth > 0 }

    /// The same convolution with its zeros made part of the input: input `[N, C, H + 2·PH, W + 2·PW]`,
    /// no padding, the same output. (im2col from a padded copy needs no edge tests.)
    var prepadded: Conv2DGeometry {
        Conv2DGeometry(input: [batch, inChannels, inputHeight + 2 * paddingHeight, inputWidth + 2 * paddingWidth],
                       weight: weightShape, stride: stride, padding: .valid)
    }

    /// Multiply-adds of the forward pass: `N · C' · H' · W' · C · KH · KW` (each backward product has as many).
    public var multiplyAdds: Int { batch * outChannels * outputPlane * patchSize }

    /// E.g. `[128, 1, 28, 28] ⊛ [32, 1, 3, 3], stride 1, padding 2×2 → [128, 32, 30, 30]`.
    public var description: String {
        "\(inputShape) ⊛ \(weightShape), stride \(stride), padding \(paddingHeight)×\(paddingWidth) → \(outputShape)"
    }
}
