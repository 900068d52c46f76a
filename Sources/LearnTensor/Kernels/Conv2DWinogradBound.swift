/// The rounding-error bound of the Winograd F(2×2, 3×3) convolution on each output of
/// `conv2d(input, weight: weight, bias: bias, padding: padding)` (a geometry that ``Conv2DGeometry/usesWinograd``):
///
///     4 · (C + 16) · 2⁻²⁴ · (Σ_c Σ_{3×3} |w[o, c]| · Σ_{4×4 tile} |input[n, c]| + |bias[o]|)
///
/// where the tile is the 4 × 4 input window of the output's 2 × 2 tile (see `Conv2DWinograd.swift` for
/// the derivation). `learn bench` checks its layers against ``conv2dReference(_:weight:bias:stride:padding:)``
/// within this bound. Complexity: `N · C' · T · C` multiply-adds for T tiles per image.
public func conv2dWinogradErrorBound(_ input: Tensor, weight: Tensor, bias: Tensor?, padding: ConvPadding) -> Tensor {
    let g = Conv2DGeometry(input: input.shape, weight: weight.shape, padding: padding)
    precondition(g.usesWinograd, "conv2dWinogradErrorBound: \(g) is not computed by Winograd")
    let sums = WinogradMagnitudes(g, input: input, weight: weight, outputGradient: nil)
    let (tilesX, tiles, tileSums, filterSums) = (sums.tilesX, sums.tiles, sums.inputTiles, sums.filters)
    let scale = 4 * Double(g.inChannels + 16) * 0x1p-24
    var bound = [Float](repeating: 0, count: Tensor.count(of: g.outputShape))
    for n in 0..<g.batch {
        for o in 0..<g.outChannels {
            for y in 0..<g.outputHeight {
                for x in 0..<g.outputWidth {
                    let t = (y / 2) * tilesX + x / 2
                    var magnitude = Double(abs(bias?.scalars[o] ?? 0))
                    for c in 0..<g.inChannels { magnitude += filterSums[o * g.inChannels + c] * tileSums[(n * g.inChannels + c) * tiles + t] }
                    bound[((n * g.outChannels + o) * g.outputHeight + y) * g.outputWidth + x] = Float(scale * magnitude)
                }
            }
        }
    }
    return Tensor(shape: g.outputShape, scalars: bound)
}

/// The rounding-error bounds of the Winograd F(2×2, 3×3) backward pass, for the gradients of
/// ``conv2dBackward(_:input:weight:stride:padding:computesInputGradient:maxThreads:workspace:)``:
///
///     ∂input[n, c, y, x]: 4 · (C' + 16) · 2⁻²⁴ · Σ over the (up to 4) tiles covering (y, x) of Σ_o Σ|w[o, c]| · Σ_{2×2} |∂out[n, o]|
///     ∂weight[o, c, ·, ·]: 4 · (T + 16) · 2⁻²⁴ · Σ over all T tiles of the batch of Σ_{2×2} |∂out[n, o]| · Σ_{4×4} |input[n, c]|
public func conv2dWinogradGradientErrorBounds(_ outputGradient: Tensor, input: Tensor, weight: Tensor,
                                              padding: ConvPadding) -> (input: Tensor, weight: Tensor) {
    let g = Conv2DGeometry(input: input.shape, weight: weight.shape, padding: padding)
    precondition(g.usesWinograd, "conv2dWinogradGradientErrorBounds: \(g) is not computed by Winograd")
    let sums = WinogradMagnitudes(g, input: input, weight: weight, outputGradient: outputGradient)
    let (c, cOut, tiles) = (g.inChannels, g.outChannels, sums.tiles)
    var inputBound = [Float](repeating: 0, count: input.count)
    let inputScale = 4 * Double(cOut + 16) * 0x1p-24
    for n in 0..<g.batch {
        for channel in 0..<c {
            for y in 0..<g.inputHeight {
                for x in 0..<g.inputWidth {
                    var magnitude = 0.0
                    for ty in 0..<sums.tilesY where (0..<4).contains(y + g.paddingHeight - 2 * ty) {
                        for tx in 0..<sums.tilesX where (0..<4).contains(x + g.paddingWidth - 2 * tx) {
                            for o in 0..<cOut {
                                magnitude += sums.filters[o * c + channel] * sums.gradientTiles[(n * cOut + o) * tiles + ty * sums.tilesX + tx]
                            }
                        }
                    }
                    inputBound[((n * c + channel) * g.inputHeight + y) * g.inputWidth + x] = Float(inputScale * magnitude)
                }
            }
        }
    }
    var weightBound = [Float](repeating: 0, count: weight.count)
    let weightScale = 4 * Double(g.batch * tiles + 16) * 0x1p-24
    for o in 0..<cOut {
        for channel in 0..<c {
            var magnitude = 0.0
            for n in 0..<g.batch {
                for t in 0..<tiles { magnitude += sums.gradientTiles[(n * cOut + o) * tiles + t] * sums.inputTiles[(n * c + channel) * tiles + t] }
            }
            for i in 0..<9 { weightBound[(o * c + channel) * 9 + i] = Float(weightScale * magnitude) }
        }
    }
    return (Tensor(shape: input.shape, scalars: inputBound), Tensor(shape: weight.shape, scalars: weightBound))
}

/// Sums of magnitudes over Winograd tiles: Σ|d| of every 4 × 4 input tile `[n][c][t]`, Σ|∂out| of every
/// 2 × 2 output-gradient tile `[n][o][t]`, Σ|w| of every filter `[o][c]`.
private struct WinogradMagnitudes {
    let tilesY: Int, tilesX: Int
    var tiles: Int { tilesY * tilesX }
    var inputTiles: [Double] = [], gradientTiles: [Double] = [], filters: [Double] = []

    init(_ g: Conv2DGeometry, input: Tensor, weight: Tensor, outputGradient: Tensor?) {
        (tilesY, tilesX) = ((g.outputHeight + 1) / 2, (g.outputWidth + 1) / 2)
        func sum(_ t: Tensor, plane: Int, height: Int, width: Int, rows: Range<Int>, columns: Range<Int>) -> Double {
            var total = 0.0
            for y in rows where y >= 0 && y < height {
                for x in columns where x >= 0 && x < width { total += Double(abs(t.scalars[plane * height * width + y * width + x])) }
            }
            return total
        }
        for n in 0..<g.batch {
            for c in 0..<g.inChannels {
                for ty in 0..<tilesY {
                    for tx in 0..<tilesX {
                        let top = 2 * ty - g.paddingHeight, left = 2 * tx - g.paddingWidth
                        inputTiles.append(sum(input, plane: n * g.inChannels + c, height: g.inputHeight, width: g.inputWidth,
                                              rows: top..<(top + 4), columns: left..<(left + 4)))
                    }
                }
            }
            guard let outputGradient else { continue }
            for o in 0..<g.outChannels {
                for ty in 0..<tilesY {
                    for tx in 0..<tilesX {
                        gradientTiles.append(sum(outputGradient, plane: n * g.outChannels + o, height: g.outputHeight, width: g.outputWidth,
                                                 rows: (2 * ty)..<(2 * ty + 2), columns: (2 * tx)..<(2 * tx + 2)))
                    }
                }
            }
        }
        filters = (0..<(g.outChannels * g.inChannels)).map { filter in (0..<9).reduce(0.0) { $0 + Double(abs(weight.scalars[9 * filter + $1])) } }
    }
}
