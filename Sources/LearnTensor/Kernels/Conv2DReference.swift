/// The gradients of a 2-D convolution's loss with respect to its three inputs.
public struct Conv2DGradients: Sendable {
    /// ∂L/∂input, `[N, C, H, W]` (nil when it was not asked for).
    public var input: Tensor?
    /// ∂L/∂weight, `[C', C, KH, KW]`.
    public var weight: Tensor
    /// ∂L/∂bias, `[C']` (computed whether or not the convolution has a bias: it does not depend on one).
    public var bias: Tensor

    public init(input: Tensor?, weight: Tensor, bias: Tensor) {
        (self.input, self.weight, self.bias) = (input, weight, bias)
    }
}

/// The reference 2-D convolution: seven plain loops that sum each output in `Double` and round once.
///
/// Like every deep-learning library this is a cross-correlation, the kernel is not flipped:
///
///     out[n, o, y, x] = bias[o] + Σ_c Σ_ky Σ_kx  in[n, c, y·S + ky − PH, x·S + kx − PW] · w[o, c, ky, kx]
///
/// where `in` is zero outside the image. Shapes: input `[N, C, H, W]`, weight `[C', C, KH, KW]`,
/// bias `[C']` or nil, output `[N, C', H', W']` as in ``Conv2DGeometry``.
///
/// The oracle for ``conv2d(_:weight:bias:stride:padding:maxThreads:workspace:)``: exact up to the one
/// final rounding to `Float`. Complexity: `N · C' · H' · W' · C · KH · KW` multiply-adds, no blocking
/// (use it to check and to time against, not to train).
public func conv2dReference(_ input: Tensor, weight: Tensor, bias: Tensor? = nil,
                            stride: Int = 1, padding: ConvPadding = .valid) -> Tensor {
    let g = Conv2DGeometry(input: input.shape, weight: weight.shape, stride: stride, padding: padding)
    if let bias { precondition(bias.shape == [g.outChannels], "conv2d: bias is \(bias.shape), expected [\(g.outChannels)]") }
    let x = input.scalars, w = weight.scalars
    var out = [Float](repeating: 0, count: Tensor.count(of: g.outputShape))
    for n in 0..<g.batch {
        for o in 0..<g.outChannels {
            for y in 0..<g.outputHeight {
                for xo in 0..<g.outputWidth {
                    var sum = Double(bias?.scalars[o] ?? 0)
                    for c in 0..<g.inChannels {
                        for ky in 0..<g.kernelHeight {
                            let iy = y * g.stride + ky - g.paddingHeight
                            guard iy >= 0 && iy < g.inputHeight else { continue }
                            for kx in 0..<g.kernelWidth {
                                let ix = xo * g.stride + kx - g.paddingWidth
                                guard ix >= 0 && ix < g.inputWidth else { continue }
                                sum += Double(x[((n * g.inChannels + c) * g.inputHeight + iy) * g.inputWidth + ix])
                                    * Double(w[((o * g.inChannels + c) * g.kernelHeight + ky) * g.kernelWidth + kx])
                            }
                        }
                    }
                    out[((n * g.outChannels + o) * g.outputHeight + y) * g.outputWidth + xo] = Float(sum)
                }
            }
        }
    }
    return Tensor(shape: g.outputShape, scalars: out)
}

/// The reference backward pass of ``conv2dReference(_:weight:bias:stride:padding:)``: plain loops that
/// accumulate every gradient in `Double` and round once.
///
/// With `g = ∂L/∂out` (`[N, C', H', W']`) and the forward's index map `iy = y·S + ky − PH`,
/// `ix = x·S + kx − PW`:
///
///     ∂L/∂in[n, c, iy, ix] = Σ_{o, ky, kx} g[n, o, y, x] · w[o, c, ky, kx]   (over the y, x that reach iy, ix)
///     ∂L/∂w[o, c, ky, kx]  = Σ_{n, y, x}   g[n, o, y, x] · in[n, c, iy, ix]  (a shared weight: the sum
///                                                                            over every place it is used)
///     ∂L/∂bias[o]          = Σ_{n, y, x}   g[n, o, y, x]
///
/// Complexity: `2 · N · C' · H' · W' · C · KH · KW` multiply-adds.
public func conv2dReferenceBackward(_ outputGradient: Tensor, input: Tensor, weight: Tensor,
                                    stride: Int = 1, padding: ConvPadding = .valid) -> Conv2DGradients {
    let g = Conv2DGeometry(input: input.shape, weight: weight.shape, stride: stride, padding: padding)
    precondition(outputGradient.shape == g.outputShape,
                 "conv2d backward: output gradient is \(outputGradient.shape), the forward gave \(g.outputShape)")
    let x = input.scalars, w = weight.scalars, dy = outputGradient.scalars
    var dx = [Double](repeating: 0, count: x.count), dw = [Double](repeating: 0, count: w.count)
    var db = [Double](repeating: 0, count: g.outChannels)
    for n in 0..<g.batch {
        for o in 0..<g.outChannels {
            for y in 0..<g.outputHeight {
                for xo in 0..<g.outputWidth {
                    let grad = Double(dy[((n * g.outChannels + o) * g.outputHeight + y) * g.outputWidth + xo])
                    db[o] += grad
                    for c in 0..<g.inChannels {
                        for ky in 0..<g.kernelHeight {
                            let iy = y * g.stride + ky - g.paddingHeight
                            guard iy >= 0 && iy < g.inputHeight else { continue }
                            for kx in 0..<g.kernelWidth {
                                let ix = xo * g.stride + kx - g.paddingWidth
                                guard ix >= 0 && ix < g.inputWidth else { continue }
                                let xi = ((n * g.inChannels + c) * g.inputHeight + iy) * g.inputWidth + ix
                                let wi = ((o * g.inChannels + c) * g.kernelHeight + ky) * g.kernelWidth + kx
                                dx[xi] += grad * Double(w[wi])
                                dw[wi] += grad * Double(x[xi])
                            }
                        }
                    }
                }
            }
        }
    }
    return Conv2DGradients(input: Tensor(shape: input.shape, scalars: dx.map { Float($0) }),
                           weight: Tensor(shape: weight.shape, scalars: dw.map { Float($0) }),
                           bias: Tensor(shape: [g.outChannels], scalars: db.map { Float($0) }))
}
