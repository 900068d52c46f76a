// Max pooling over NCHW planes: each output is the largest input in its window, and the backward pass
// sends each output's gradient to the one input that was largest (the argmax recorded by the forward).
//
// Threads: the N·C planes are cut into contiguous parts, one per thread. Thread `t` reads only its
// planes and writes only its planes of the output, the argmax list and the input gradient, so the
// writes are disjoint (the argument behind passing the pointers through `UnsafeSendable`; see
// `Parallel.swift`), and `parallelFor` returns only after every thread has finished.

/// What max pooling does with a ragged edge, where the input does not end on a whole window.
public enum PoolRounding: Sendable, Hashable {
    /// Drop the partial window, as modern libraries do: `H' = ⌊(H − K)/S⌋ + 1` (28 → 14, 13 → 6 for 2×2).
    case floor
    /// Keep a partial window clipped at the edge, as old Theano's `ignore_border=False`:
    /// `H' = ⌈(H − K)/S⌉ + 1`, less one if that last window would start past the edge
    /// (30 → 15, 13 → 7, 5 → 3 for 2×2: Radford's conv net).
    case ceil

    /// The number of windows along an axis of `size` inputs (at least one input in every window).
    public func outputSize(input size: Int, window: Int, stride: Int) -> Int {
        precondition(size >= 0 && window >= 1 && stride >= 1, "pooling: size \(size), window \(window), stride \(stride)")
        switch self {
        case .floor:
            return size < window ? 0 : (size - window) / stride + 1
        case .ceil:
            guard size > 0 else { return 0 }
            let count = size <= window ? 1 : (size - window + stride - 1) / stride + 1
            return (count - 1) * stride >= size ? count - 1 : count
        }
    }
}

/// The result of ``maxPool2D(_:window:stride:rounding:maxThreads:)``.
public struct MaxPool2DResult: Sendable {
    /// `[N, C, H', W']`: the maximum of each window.
    public let output: Tensor
    /// For each output element (same order), the position `iy · W + ix` in its input plane of the input
    /// it took: the first maximum of the window in row-major order.
    public let argmax: [Int32]
}

/// Max pooling of an NCHW batch with a `window × window` window moved by `stride` (default: the window,
/// so 2×2 windows that do not overlap):
///
///     out[n, c, y, x] = max over iy ∈ [y·S, y·S + K), ix ∈ [x·S, x·S + K) inside the image of in[n, c, iy, ix]
///
/// Input `[N, C, H, W]`, output `[N, C, H', W']` with `H'` from ``PoolRounding/outputSize(input:window:stride:)``.
/// Ties go to the first maximum in row-major order (comparisons are `>`, so a NaN that is not first in
/// its window is not picked). 2×2 windows with stride 2 run eight outputs at a time in SIMD registers.
/// Complexity: `N · C · H' · W' · K²` comparisons.
public func maxPool2D(_ input: Tensor, window: Int = 2, stride: Int? = nil, rounding: PoolRounding = .floor,
                      maxThreads: Int = availableCoreCount) -> MaxPool2DResult {
    let s = stride ?? window
    precondition(input.rank == 4, "maxPool2D: input must be [N, C, H, W], got \(input.shape)")
    precondition(window >= 1 && s >= 1, "maxPool2D: window \(window), stride \(s)")
    let (h, w) = (input.shape[2], input.shape[3])
    let oh = rounding.outputSize(input: h, window: window, stride: s)
    let ow = rounding.outputSize(input: w, window: window, stride: s)
    precondition(oh >= 1 && ow >= 1, "maxPool2D: a \(window)×\(window) window does not fit in \(h)×\(w) (\(rounding))")
    let planes = input.shape[0] * input.shape[1]
    let outputShape = [input.shape[0], input.shape[1], oh, ow]
    let outputCount = planes * oh * ow
    let threads = poolThreads(work: planes * h * w, planes: planes, maxThreads: maxThreads)

    // Both arrays are written in full below (every output of every plane), so they start uninitialized.
    var argmax: [Int32] = []
    let output = [Float](unsafeUninitializedCapacity: outputCount) { out, initialized in
        argmax = [Int32](unsafeUninitializedCapacity: outputCount) { arg, argInitialized in
            input.scalars.withUnsafeBufferPointer { x in
                guard outputCount > 0 else { return }
                let shared = UnsafeSendable((x: x.baseAddress!, out: out.baseAddress!, arg: arg.baseAddress!))
                parallelFor(threads) { part in
                    for plane in (part * planes / threads)..<((part + 1) * planes / threads) {
                        let source = shared.value.x + plane * h * w
                        let target = shared.value.out + plane * oh * ow, positions = shared.value.arg + plane * oh * ow
                        for y in 0..<oh {
                            var done = 0
                            if window == 2 && s == 2 && 2 * y + 1 < h {
                                done = maxPool2x2Row(source + 2 * y * w, width: w, firstIndex: Int32(2 * y * w),
                                                  outputs: ow, into: target + y * ow, positions: positions + y * ow)
                            }
                            for x in done..<ow {
                                let (value, index) = window == 2 && s == 2
                                    ? windowMaximum2x2(source, height: h, width: w, top: 2 * y, left: 2 * x)
                                    : windowMaximum(source, height: h, width: w, top: y * s, left: x * s, window: window)
                                target[y * ow + x] = value
                                positions[y * ow + x] = Int32(index)
                            }
                        }
                    }
                }
            }
            argInitialized = outputCount
        }
        initialized = outputCount
    }
    return MaxPool2DResult(output: Tensor(shape: outputShape, scalars: output), argmax: argmax)
}

/// The backward pass of ``maxPool2D(_:window:stride:rounding:maxThreads:)``: every output's gradient goes
/// to the input it took, and inputs that no window took get zero:
///
///     ∂L/∂in[n, c, i] = Σ over the outputs o of plane (n, c) with argmax[o] = i of ∂L/∂out[n, c, o]
///
/// (a sum, because overlapping windows, `stride < window`, can take the same input).
/// `outputGradient` is `[N, C, H', W']`, `argmax` the forward's, `inputShape` `[N, C, H, W]`.
/// Complexity: `N · C · (H · W + H' · W')`.
public func maxPool2DBackward(_ outputGradient: Tensor, argmax: [Int32], inputShape: [Int],
                              maxThreads: Int = availableCoreCount) -> Tensor {
    precondition(inputShape.count == 4 && outputGradient.rank == 4 && Array(outputGradient.shape.prefix(2)) == Array(inputShape.prefix(2)),
                 "maxPool2DBackward: output gradient \(outputGradient.shape) does not match input \(inputShape)")
    precondition(argmax.count == outputGradient.count,
                 "maxPool2DBackward: \(argmax.count) argmax positions for an output gradient of \(outputGradient.shape)")
    let planes = inputShape[0] * inputShape[1]
    let inputPlane = inputShape[2] * inputShape[3], outputPlane = outputGradient.shape[2] * outputGradient.shape[3]
    let threads = poolThreads(work: planes * inputPlane, planes: planes, maxThreads: maxThreads)
    // Each thread zeroes its own planes just before adding into them (in parallel, in cache).
    var gradient = [Float](unsafeUninitializedCapacity: planes * inputPlane) { $1 = planes * inputPlane }
    outputGradient.scalars.withUnsafeBufferPointer { dy in
        argmax.withUnsafeBufferPointer { arg in
            gradient.withUnsafeMutableBufferPointer { dx in
                guard planes * outputPlane > 0 else {
                    dx.initialize(repeating: 0)
                    return
                }
                let shared = UnsafeSendable((dy: dy.baseAddress!, arg: arg.baseAddress!, dx: dx.baseAddress!))
                parallelFor(threads) { part in
                    let mine = (part * planes / threads)..<((part + 1) * planes / threads)
                    (shared.value.dx + mine.lowerBound * inputPlane).initialize(repeating: 0, count: mine.count * inputPlane)
                    for plane in mine {
                        let (dy, arg) = (shared.value.dy + plane * outputPlane, shared.value.arg + plane * outputPlane)
                        let dx = shared.value.dx + plane * inputPlane
                        for o in 0..<outputPlane {
                            let i = Int(arg[o])
                            precondition(i >= 0 && i < inputPlane, "maxPool2DBackward: argmax \(i) outside a plane of \(inputPlane)")
                            dx[i] += dy[o]
                        }
                    }
                }
            }
        }
    }
    return Tensor(shape: inputShape, scalars: gradient)
}

/// Threads for pooling `work` inputs over `planes` planes: one per 200,000 inputs (memory-bound work
/// gains little from a second thread below that), at most one per plane.
private func poolThreads(work: Int, planes: Int, maxThreads: Int) -> Int {
    precondition(maxThreads >= 1, "maxPool2D: maxThreads is \(maxThreads)")
    return max(1, min(maxThreads, conv2DCoreCount, planes, work / 200_000))
}

/// ``windowMaximum(_:height:width:top:left:window:)`` for a 2×2 window, without loops: the scan order
/// top-left, top-right, bottom-left, bottom-right, each taken only if inside the plane and `>` the best.
@inline(__always)
private func windowMaximum2x2(_ plane: UnsafePointer<Float>, height: Int, width: Int, top: Int, left: Int) -> (Float, Int) {
    let first = top * width + left
    var best = plane[first], index = first
    let right = left + 1 < width, below = top + 1 < height
    if right && plane[first + 1] > best { best = plane[first + 1]; index = first + 1 }
    if below && plane[first + width] > best { best = plane[first + width]; index = first + width }
    if right && below && plane[first + width + 1] > best { best = plane[first + width + 1]; index = first + width + 1 }
    return (best, index)
}

/// The first maximum, and its position `iy · width + ix`, of the window at (`top`, `left`) clipped to the plane.
@inline(__always)
private func windowMaximum(_ plane: UnsafePointer<Float>, height: Int, width: Int,
                           top: Int, left: Int, window: Int) -> (Float, Int) {
    var best = plane[top * width + left], index = top * width + left
    for iy in top..<min(top + window, height) {
        for ix in left..<min(left + window, width) where plane[iy * width + ix] > best {
            best = plane[iy * width + ix]
            index = iy * width + ix
        }
    }
    return (best, index)
}

/// 2×2, stride 2 windows on the input rows `rows` and `rows + width`, eight outputs at a time: for each
/// eight whole windows, two SIMD16 loads per row split into even and odd columns, then three compares
/// and selects in the scan order (top-left, top-right, bottom-left, bottom-right), so ties keep the first.
/// Returns how many outputs it wrote (every whole window when there are at least 8; the caller finishes the row).
@inline(__always)
private func maxPool2x2Row(_ rows: UnsafePointer<Float>, width: Int, firstIndex: Int32, outputs: Int,
                           into target: UnsafeMutablePointer<Float>, positions: UnsafeMutablePointer<Int32>) -> Int {
    let whole = min(outputs, width / 2)
    let top = UnsafeRawPointer(rows), bottom = UnsafeRawPointer(rows + width)
    let out = UnsafeMutableRawPointer(target), arg = UnsafeMutableRawPointer(positions)
    let lanes = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14), below = Int32(width)
    // Eight windows starting at output `x`.
    func eightWindows(_ x: Int) {
        let upper = top.loadUnaligned(fromByteOffset: 8 * x, as: SIMD16<Float>.self)
        let lower = bottom.loadUnaligned(fromByteOffset: 8 * x, as: SIMD16<Float>.self)
        let base = lanes &+ (firstIndex &+ Int32(2 * x))
        var best = upper.evenHalf, index = base
        var mask = lanesGreater(upper.oddHalf, best)
        best.replace(with: upper.oddHalf, where: mask); index.replace(with: base &+ 1, where: mask)
        mask = lanesGreater(lower.evenHalf, best)
        best.replace(with: lower.evenHalf, where: mask); index.replace(with: base &+ below, where: mask)
        mask = lanesGreater(lower.oddHalf, best)
        best.replace(with: lower.oddHalf, where: mask); index.replace(with: base &+ (below &+ 1), where: mask)
        out.storeBytes(of: best, toByteOffset: 4 * x, as: SIMD8<Float>.self)
        arg.storeBytes(of: index, toByteOffset: 4 * x, as: SIMD8<Int32>.self)
    }
    var x = 0
    while x + 8 <= whole {
        eightWindows(x)
        x += 8
    }
    // A ragged rest of whole windows (15 = 8 + 7) takes one more step ending at `whole`; it recomputes a
    // few outputs already written, with the same values.
    if x < whole && whole >= 8 {
        eightWindows(whole - 8)
        x = whole
    }
    return x
}
