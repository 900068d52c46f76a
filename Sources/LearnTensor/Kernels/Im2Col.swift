// im2col unrolls every kernel-sized patch of one image into a column, so that a convolution becomes one
// matrix product: weights `[C', C·KH·KW]` × columns `[C·KH·KW, H'·W']` = output `[C', H'·W']`.
// col2im is its adjoint: it adds each column entry back onto the input pixel it was copied from.
//
// Row `r = (c·KH + ky)·KW + kx` of the matrix holds, for every output position `p = y·W' + x`, the
// input pixel `in[c, y·S + ky − PH, x·S + kx − PW]` (zero outside the image). For a fixed row and
// output row `y`, the valid `x` form one contiguous range, so each matrix row is built from runs of
// zeros and (at stride 1) straight copies, which are written with SIMD8 loads and stores. A padded
// convolution goes faster from a zero-bordered copy of the image (`copyIntoPadded`, then im2col of
// `Conv2DGeometry.prepadded`): every run is then a whole output row, with no edge tests.

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
/// Complexity: `C·KH·KW·H'·W'` stores, in runs of `W'` (SIMD8 copies at stride 1).
func im2col(_ g: Conv2DGeometry, image: UnsafePointer<Float>, columns: UnsafeMutablePointer<Float>, ld: Int) {
    let (s, ow, w) = (g.stride, g.outputWidth, g.inputWidth)
    var row = columns
    for c in 0..<g.inChannels {
        let plane = image + c * g.inputPlane
        for ky in 0..<g.kernelHeight {
            let rows = im2colValidRange(kernelOffset: ky, size: g.inputHeight, padding: g.paddingHeight,
                                        stride: s, outputs: g.outputHeight)
            for kx in 0..<g.kernelWidth {
                let cols = im2colValidRange(kernelOffset: kx, size: w, padding: g.paddingWidth, stride: s, outputs: ow)
                // Output rows whose input row is padding, above and below.
                fillZeros(row, count: rows.lo * ow)
                fillZeros(row + rows.hi * ow, count: (g.outputHeight - rows.hi) * ow)
                if rows.lo < rows.hi && cols.lo < cols.hi {
                    // The input pixel of output (rows.lo, cols.lo), then one input row per output row.
                    var source = plane + (rows.lo * s + ky - g.paddingHeight) * w + cols.lo * s + kx - g.paddingWidth
                    var target = row + rows.lo * ow
                    let run = cols.hi - cols.lo
                    if s == 1 && run == ow {
                        // The common case (no padding on this kernel column): straight copies.
                        for _ in rows.lo..<rows.hi {
                            copyRun(from: source, to: target, count: run)
                            source += w
                            target += ow
                        }
                    } else {
                        for _ in rows.lo..<rows.hi {
                            fillZeros(target, count: cols.lo)
                            if s == 1 {
                                copyRun(from: source, to: target + cols.lo, count: run)
                            } else {
                                for i in 0..<run { target[cols.lo + i] = source[i * s] }
                            }
                            fillZeros(target + cols.hi, count: ow - cols.hi)
                            source += s * w
                            target += ow
                        }
                    }
                } else {
                    fillZeros(row + rows.lo * ow, count: (rows.hi - rows.lo) * ow)
                }
                row += ld
            }
        }
    }
}

/// Copies one image `[C, H, W]` into the interior of `padded`, `[C, H + 2·PH, W + 2·PW]`, whose border
/// of zeros the caller has written once (it is never overwritten). Then
/// `im2col(g.prepadded, image: padded, …)` equals `im2col(g, image: image, …)`, with straight copies only.
func copyIntoPadded(_ g: Conv2DGeometry, image: UnsafePointer<Float>, padded: UnsafeMutablePointer<Float>) {
    let (h, w) = (g.inputHeight, g.inputWidth)
    let paddedWidth = w + 2 * g.paddingWidth, paddedPlane = (h + 2 * g.paddingHeight) * paddedWidth
    for c in 0..<g.inChannels {
        var source = image + c * g.inputPlane
        var target = padded + c * paddedPlane + g.paddingHeight * paddedWidth + g.paddingWidth
        for _ in 0..<h {
            copyRun(from: source, to: target, count: w)
            source += w
            target += paddedWidth
        }
    }
}

/// Adds an im2col matrix `[C·KH·KW, H'·W']` (row `r` at `columns + r · ld`) back onto one image
/// gradient `[C, H, W]`: `image[c, iy, ix] += columns[r, p]` for every entry whose pixel is inside the
/// image (entries over the padding are dropped). The adjoint of ``im2col(_:image:columns:ld:)``.
///
/// Adds to `image`, which the caller zeroes first. Complexity: `C·KH·KW·H'·W'` adds, in runs of `W'`.
func col2im(_ g: Conv2DGeometry, columns: UnsafePointer<Float>, ld: Int, image: UnsafeMutablePointer<Float>) {
    let (s, ow, w) = (g.stride, g.outputWidth, g.inputWidth)
    var row = columns
    for c in 0..<g.inChannels {
        let plane = image + c * g.inputPlane
        for ky in 0..<g.kernelHeight {
            let rows = im2colValidRange(kernelOffset: ky, size: g.inputHeight, padding: g.paddingHeight,
                                        stride: s, outputs: g.outputHeight)
            for kx in 0..<g.kernelWidth {
                let cols = im2colValidRange(kernelOffset: kx, size: w, padding: g.paddingWidth, stride: s, outputs: ow)
                if rows.lo < rows.hi && cols.lo < cols.hi {
                    var target = plane + (rows.lo * s + ky - g.paddingHeight) * w + cols.lo * s + kx - g.paddingWidth
                    var source = row + rows.lo * ow + cols.lo
                    let run = cols.hi - cols.lo
                    for _ in rows.lo..<rows.hi {
                        if s == 1 {
                            addRun(from: source, to: target, count: run)
                        } else {
                            for i in 0..<run { target[i * s] += source[i] }
                        }
                        source += ow
                        target += s * w
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

/// `target[0 ..< count] = source[0 ..< count]` (the two do not overlap): SIMD8 copies, the last one
/// overlapping the one before instead of a scalar tail; SIMD4 for 4 to 7 elements.
@inline(__always)
private func copyRun(from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
    if count >= 8 {
        var i = 0
        while i + 8 <= count {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self), toByteOffset: 4 * i, as: SIMD8<Float>.self)
            i += 8
        }
        if i < count {
            let last = 4 * (count - 8)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: last, as: SIMD8<Float>.self), toByteOffset: last, as: SIMD8<Float>.self)
        }
    } else if count >= 4 {
        let last = 4 * (count - 4)
        let head = from.loadUnaligned(as: SIMD4<Float>.self), tail = from.loadUnaligned(fromByteOffset: last, as: SIMD4<Float>.self)
        to.storeBytes(of: head, as: SIMD4<Float>.self)
        to.storeBytes(of: tail, toByteOffset: last, as: SIMD4<Float>.self)
    } else {
        for i in 0..<count { target[i] = source[i] }
    }
}

/// `target[0 ..< count] += source[0 ..< count]`: SIMD8, then SIMD4, then scalar adds (an add may not
/// overlap another, unlike a copy).
@inline(__always)
private func addRun(from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
    var i = 0
    while i + 8 <= count {
        let sum = to.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self) + from.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
        to.storeBytes(of: sum, toByteOffset: 4 * i, as: SIMD8<Float>.self)
        i += 8
    }
    if i + 4 <= count {
        let sum = to.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self) + from.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
        to.storeBytes(of: sum, toByteOffset: 4 * i, as: SIMD4<Float>.self)
        i += 4
    }
    while i < count { target[i] += source[i]; i += 1 }
}
