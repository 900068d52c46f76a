// im2col unrolls every kernel-sized patch of one image into a column, so that a convolution becomes one
// matrix product: weights `[C', C·KH·KW]` × columns `[C·KH·KW, H'·W']` = output `[C', H'·W']`.
// col2im is its adjoint: it adds each column entry back onto the input pixel it was copied from.
//
// Row `r = (c·KH + ky)·KW + kx` of the matrix holds, for every output position `p = y·W' + x`, the
// input pixel `in[c, y·S + ky − PH, x·S + kx − PW]` (zero outside the image). For a fixed row and
// output row `y`, the valid `x` form one contiguous range, so each matrix row is built from runs of
// zeros and (at stride 1) straight copies, which are written with SIMD8 loads and stores.

/// For one kernel offset `k` along an axis: the output indices `lo ..< hi` whose input index
/// `o·S + k − P` lies inside `0 ..< size`.
@inline(__always)
func im2colValidRange(kernelOffset k: Int, size: Int, padding p: Int, stride s: Int, outputs: Int) -> (lo: Int, hi: Int) {
    // o·S + k − P ≥ 0  ⇔  o ≥ ⌈(P − k)/S⌉;   o·S + k − P ≤ size − 1  ⇔  o ≤ ⌊(size − 1 + P − k)/S⌋.
    let lo = p - k <= 0 ? 0 : (p - k + s - 1) / s
    let top = size - 1 + p - k
    let hi = top < 0 ? 0 : min(outputs, top / s + 1)
    return (min(lo, hi), hi)
}

/// Unrolls one image `[C, H, W]` into its im2col matrix `[C·KH·KW, H'·W']`, row `r` starting at
/// `columns + r · ld` (so that several images can sit side by side in one wider matrix: `ld ≥ H'·W'`).
///
/// Writes every entry of the `C·KH·KW × H'·W'` block (zeros where the kernel hangs over the padding).
/// Complexity: `C·KH·KW·H'·W'` stores.
func im2col(_ g: Conv2DGeometry, image: UnsafePointer<Float>, columns: UnsafeMutablePointer<Float>, ld: Int) {
    let (s, ow) = (g.stride, g.outputWidth)
    var row = columns
    for c in 0..<g.inChannels {
        let plane = image + c * g.inputPlane
        for ky in 0..<g.kernelHeight {
            let rows = im2colValidRange(kernelOffset: ky, size: g.inputHeight, padding: g.paddingHeight,
                                        stride: s, outputs: g.outputHeight)
            for kx in 0..<g.kernelWidth {
                let cols = im2colValidRange(kernelOffset: kx, size: g.inputWidth, padding: g.paddingWidth,
                                            stride: s, outputs: ow)
                for y in 0..<g.outputHeight {
                    let target = row + y * ow
                    guard y >= rows.lo && y < rows.hi, cols.lo < cols.hi else {
                        fillZeros(target, count: ow)
                        continue
                    }
                    fillZeros(target, count: cols.lo)
                    // The input pixel of output column cols.lo, on input row y·S + ky − PH.
                    let source = plane + (y * s + ky - g.paddingHeight) * g.inputWidth + cols.lo * s + kx - g.paddingWidth
                    copyStrided(from: source, stride: s, to: target + cols.lo, count: cols.hi - cols.lo)
                    fillZeros(target + cols.hi, count: ow - cols.hi)
                }
                row += ld
            }
        }
    }
}

/// Adds an im2col matrix `[C·KH·KW, H'·W']` (row `r` at `columns + r · ld`) back onto one image
/// gradient `[C, H, W]`: `image[c, iy, ix] += columns[r, p]` for every entry whose pixel is inside the
/// image (entries over the padding are dropped). The adjoint of ``im2col(_:image:columns:ld:)``.
///
/// Adds to `image`, which the caller zeroes first. Complexity: `C·KH·KW·H'·W'` adds.
func col2im(_ g: Conv2DGeometry, columns: UnsafePointer<Float>, ld: Int, image: UnsafeMutablePointer<Float>) {
    let (s, ow) = (g.stride, g.outputWidth)
    var row = columns
    for c in 0..<g.inChannels {
        let plane = image + c * g.inputPlane
        for ky in 0..<g.kernelHeight {
            let rows = im2colValidRange(kernelOffset: ky, size: g.inputHeight, padding: g.paddingHeight,
                                        stride: s, outputs: g.outputHeight)
            for kx in 0..<g.kernelWidth {
                let cols = im2colValidRange(kernelOffset: kx, size: g.inputWidth, padding: g.paddingWidth,
                                            stride: s, outputs: ow)
                if cols.lo < cols.hi {
                    for y in rows.lo..<rows.hi {
                        let target = plane + (y * s + ky - g.paddingHeight) * g.inputWidth + cols.lo * s + kx - g.paddingWidth
                        addStrided(from: row + y * ow + cols.lo, to: target, stride: s, count: cols.hi - cols.lo)
                    }
                }
                row += ld
            }
        }
    }
}

/// `target[0 ..< count] = 0`.
@inline(__always)
private func fillZeros(_ target: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    let raw = UnsafeMutableRawPointer(target)
    while i + 8 <= count {
        raw.storeBytes(of: SIMD8<Float>(), toByteOffset: i * 4, as: SIMD8<Float>.self)
        i += 8
    }
    while i < count { target[i] = 0; i += 1 }
}

/// `target[i] = source[i · stride]` for `i < count`; SIMD8 copies when `stride == 1`.
@inline(__always)
private func copyStrided(from source: UnsafePointer<Float>, stride: Int, to target: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    if stride == 1 {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        while i + 8 <= count {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self), toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
    }
    while i < count { target[i] = source[i * stride]; i += 1 }
}

/// `target[i · stride] += source[i]` for `i < count`; SIMD8 adds when `stride == 1`.
@inline(__always)
private func addStrided(from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, stride: Int, count: Int) {
    var i = 0
    if stride == 1 {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        while i + 8 <= count {
            let sum = to.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                + from.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            to.storeBytes(of: sum, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
    }
    while i < count { target[i * stride] += source[i]; i += 1 }
}
