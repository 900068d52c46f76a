// Elementwise kernels for activations, dropout and optimizers: `exp`, `tanh`, `1/√` and `√` on eight
// lanes at once (libm's `expf` is a call per element, and `Float.squareRoot()` keeps loops scalar on
// Linux), and loops over `SIMD8<Float>` chunks of tensors.
//
// The functions are passed to `mapElements` as types (`ElementwiseFunction`), not closures: a closure
// stayed an out-of-line call per chunk (sigmoid forward on [128, 625] took about twice as long). Assembly
// (release, `-target-cpu haswell`, Swift 6.3.1, `objdump -d --no-show-raw-insn` of `Sigmoid.forward`):
// the main loop clamps with vector integer compares (`LaneComparison.swift`), then `vfmsub…ps`/
// `vfmadd…ps` for the rounding and the polynomial, `vpslld`/`vpaddd` for 2ⁿ, one `vdivps`, on ymm registers, with no calls; only the
// ragged last chunk is scalar. RMSprop and Adam use `reciprocalSquareRoot8`/`squareRoot8` and show no
// `sqrtf` call or `vsqrtss`; SGD, Momentum, Nesterov and iRprop⁻ are plain loops that LLVM vectorizes.

/// `exp(x)` on eight lanes (Cephes `expf`): `x = n·ln 2 + r` with `n = round(x / ln 2)`, `|r| ≤ ln 2 / 2`,
/// `eʳ` by a degree-7 polynomial (Horner with FMA), times `2ⁿ` built in the exponent bits.
///
/// Accuracy: within 2 ulp of the exact value for `x ∈ [−86.5, 88.72]` (checked against `Double` `exp`
/// in the tests). Above 88.72 the result is `+∞` (as `expf`, whose result overflows there); below −86.5
/// (results under 2.7e-38, near the smallest normal `Float`) it is flushed to 0. NaN lanes stay NaN.
@inline(__always)
func exp8(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let low = SIMD8<Float>(repeating: -86.5), high = SIMD8<Float>(repeating: 88.72)
    let clamped = clamp8(x, low, high)
    // n = round(x · log₂e): adding 1.5 · 2²³ leaves the rounded integer in the low mantissa bits.
    let magic = SIMD8<Float>(repeating: 0x1.8p23)
    let shifted = multiplyAdd(clamped, SIMD8(repeating: 1.442_695_04), magic)
    let n = shifted - magic
    // r = x − n·ln 2, with ln 2 split in two (0.693359375 has few bits, so n times it is exact).
    var r = multiplyAdd(n, SIMD8(repeating: -0.693_359_375), clamped)
    r = multiplyAdd(n, SIMD8(repeating: 2.121_944_4e-4), r)
    var p = SIMD8<Float>(repeating: 1.987_569_150_0e-4)
    p = multiplyAdd(p, r, SIMD8(repeating: 1.398_199_950_7e-3))
    p = multiplyAdd(p, r, SIMD8(repeating: 8.333_451_907_3e-3))
    p = multiplyAdd(p, r, SIMD8(repeating: 4.166_579_589_4e-2))
    p = multiplyAdd(p, r, SIMD8(repeating: 1.666_666_545_9e-1))
    p = multiplyAdd(p, r, SIMD8(repeating: 5.000_000_120_1e-1))
    // eʳ ≈ 1 + r + r²·p(r).
    let expR = multiplyAdd(p, r * r, r) + 1
    // 2ⁿ as 2ⁿ⁻¹ · 2, so that n = 128 (x near 88.72) stays inside the exponent's range.
    let result = expR * twoToThe(shifted - 1) * 2
    return result.replacing(with: 0, where: lanesLess(x, low)).replacing(with: .infinity, where: lanesGreater(x, high))
        .replacing(with: x, where: x.nanLanes)
}

/// `x` limited to `[low, high]` per lane, with ``lanesLess(_:_:)`` (SIMD's `clamped` calls out-of-line
/// generic `pointwiseMin`/`pointwiseMax`). NaN lanes stay NaN.
@inline(__always)
func clamp8(_ x: SIMD8<Float>, _ low: SIMD8<Float>, _ high: SIMD8<Float>) -> SIMD8<Float> {
    let raised = x.replacing(with: low, where: lanesLess(x, low))
    return raised.replacing(with: high, where: lanesGreater(raised, high))
}

/// `a · b + c` per lane, one rounding (`vfmadd…ps` with `-target-cpu haswell`; on SIMD8, `a * b + c`
/// is not contracted).
@inline(__always)
func multiplyAdd(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>) -> SIMD8<Float> {
    c.addingProduct(a, b)
}

/// `2ⁿ` for the integer `n` held in the low mantissa bits of `shifted = n + 1.5 · 2²³` (−126 ≤ n ≤ 127).
@inline(__always)
private func twoToThe(_ shifted: SIMD8<Float>) -> SIMD8<Float> {
    let bits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(SIMD8<Float>(repeating: 0x1.8p23), to: SIMD8<Int32>.self)
    return unsafeBitCast((bits &+ 127) &<< 23, to: SIMD8<Float>.self)
}

/// `tanh(x)` on eight lanes (Cephes `tanhf`): for `|x| < 0.625` an odd polynomial
/// `x + x³·P(x²)`; otherwise `sign(x) · (1 − 2 / (e^{2|x|} + 1))` with ``exp8(_:)``.
///
/// Accuracy: within about 3 ulp (checked against `Double` `tanh` in the tests); ±1 for `|x| > 44`.
/// NaN lanes stay NaN.
@inline(__always)
func tanh8(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let z = x * x
    var p = SIMD8<Float>(repeating: -5.704_988_727_45e-3)
    p = multiplyAdd(p, z, SIMD8(repeating: 2.063_908_879_54e-2))
    p = multiplyAdd(p, z, SIMD8(repeating: -5.373_971_555_31e-2))
    p = multiplyAdd(p, z, SIMD8(repeating: 1.333_144_220_36e-1))
    p = multiplyAdd(p, z, SIMD8(repeating: -3.333_328_194_22e-1))
    let small = multiplyAdd(p * z, x, x)
    let magnitude = absolute8(x)
    let clamped = magnitude.replacing(with: 44, where: lanesGreater(magnitude, SIMD8(repeating: 44)))
    let large = 1 - 2 / (exp8(clamped + clamped) + 1)
    let signed = large.replacing(with: -large, where: lanesLess(x, .zero))
    return signed.replacing(with: small, where: lanesLess(magnitude, SIMD8(repeating: 0.625))).replacing(with: x, where: x.nanLanes)
}

/// `1/√x` on eight lanes for positive normal `x` (≥ 1.2e-38): the bit-level first guess
/// `0x5f375a86 − bits(x)/2` (relative error ≤ 3.5 %) and three Newton steps `y ← y·(1.5 − ½x·y²)`
/// (3.5 % → 1.8e-3 → 5e-6 → below Float's rounding), within about 2 ulp.
///
/// Why not `squareRoot()`: on Linux, Swift's `Float.squareRoot()` follows C's `sqrtf` (a call that
/// may set `errno` for negative inputs), which keeps the optimizer loops from being vectorized, and
/// `SIMD8.squareRoot()` is eight such scalar roots. `+∞` gives 0; 0, negative and NaN lanes give garbage.
@inline(__always)
func reciprocalSquareRoot8(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
    var y = unsafeBitCast(SIMD8<UInt32>(repeating: 0x5f37_5a86) &- (bits &>> 1), to: SIMD8<Float>.self)
    let half = x * 0.5
    for _ in 0..<3 { y = y * multiplyAdd(-half, y * y, SIMD8(repeating: 1.5)) }
    return y
}

/// `√x` on eight lanes for `x ≥ 0`: `s = x · y` with `y ≈ 1/√x` from ``reciprocalSquareRoot8(_:)``,
/// then one correction by the exact residual, `s + ½y·(x − s²)` (the residual by FMA), which leaves it
/// within 1 ulp for normal `x` (exact for perfect squares such as 4); exactly 0 for 0, and a value
/// below 1e-19 for subnormal `x`.
@inline(__always)
func squareRoot8(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let smallestNormal = SIMD8<Float>(repeating: .leastNormalMagnitude)
    let y = reciprocalSquareRoot8(x.replacing(with: smallestNormal, where: lanesLess(x, smallestNormal)))
    let s = x * y
    return multiplyAdd(y * 0.5, multiplyAdd(-s, s, x), s)
}

/// `|x|` on eight lanes (the sign bit cleared).
@inline(__always)
func absolute8(_ x: SIMD8<Float>) -> SIMD8<Float> {
    unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
}

/// The logistic function `1 / (1 + e^{−γx})` on eight lanes with ``exp8(_:)``: within about 3 ulp of
/// the exact value where it is above 1e-37; exactly 1 for `γx > 17` (the nearest `Float`), 0 for
/// `γx < −88.72`. NaN lanes stay NaN.
@inline(__always)
func sigmoid8(_ x: SIMD8<Float>, gain: Float) -> SIMD8<Float> {
    1 / (exp8(x * -gain) + 1)
}


/// Loads eight lanes from `base + i`; past `count`, lanes are `padding`.
@inline(__always)
func load8(_ base: UnsafePointer<Float>, _ i: Int, count: Int, padding: Float = 0) -> SIMD8<Float> {
    if i + 8 <= count { return UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self) }
    var v = SIMD8<Float>(repeating: padding)
    for lane in 0..<(count - i) { v[lane] = base[i + lane] }
    return v
}

/// Stores the first `min(8, count − i)` lanes of `v` at `base + i`.
@inline(__always)
func store8(_ v: SIMD8<Float>, _ base: UnsafeMutablePointer<Float>, _ i: Int, count: Int) {
    if i + 8 <= count {
        UnsafeMutableRawPointer(base + i).storeBytes(of: v, as: SIMD8<Float>.self)
    } else {
        for lane in 0..<(count - i) { base[i + lane] = v[lane] }
    }
}

/// An elementwise function on eight lanes, as a type, so that the loops of `mapElements`
/// are specialized for it and inline it (a closure argument stays a call per chunk).
protocol ElementwiseFunction: Sendable {
    func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float>
    /// From how many elements a pass is worth splitting between the cores (lower for costly functions).
    static var minimumCountPerPart: Int { get }
}

extension ElementwiseFunction {
    static var minimumCountPerPart: Int { elementwiseMinimumCountPerPart }
}

/// A new tensor of `x`'s shape with `y = f(x)` computed eight elements at a time (the last chunk is
/// padded with zeros, and only its real lanes are stored); large tensors are split between the cores.
@inline(__always)
func mapElements<F: ElementwiseFunction>(_ x: Tensor, _ f: F) -> Tensor {
    let count = x.count, parts = elementwiseParts(count, minimumPerPart: F.minimumCountPerPart)
    let result = [Float](unsafeUninitializedCapacity: count) { y, initialized in
        x.scalars.withUnsafeBufferPointer { x in
            guard let xs = x.baseAddress, let ys = y.baseAddress else { return }
            let shared = UnsafeSendable((x: xs, y: ys))
            parallelFor(parts) { part in
                let (xs, ys) = shared.value
                let range = elementwiseRange(part, of: parts, count: count)
                var i = range.lowerBound
                while i + 8 <= range.upperBound {
                    UnsafeMutableRawPointer(ys + i).storeBytes(of: f(UnsafeRawPointer(xs + i).loadUnaligned(as: SIMD8<Float>.self)),
                                                               as: SIMD8<Float>.self)
                    i += 8
                }
                if i < range.upperBound {
                    store8(f(load8(xs, i, count: range.upperBound)), ys, i, count: range.upperBound)
                }
            }
        }
        initialized = count
    }
    return Tensor(shape: x.shape, scalars: result)
}

/// A binary elementwise function on eight lanes, as a type (see ``ElementwiseFunction``).
protocol ElementwiseFunction2: Sendable {
    func callAsFunction(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float>
}

/// A new tensor of `a`'s shape with `y = f(a, b)` computed eight elements at a time; `a` and `b` have
/// the same shape. Large tensors are split between the cores.
@inline(__always)
func mapElements<F: ElementwiseFunction2>(_ a: Tensor, _ b: Tensor, _ f: F) -> Tensor {
    precondition(a.shape == b.shape, "elementwise: shapes \(a.shape) and \(b.shape) differ")
    let count = a.count, parts = elementwiseParts(count)
    let result = [Float](unsafeUninitializedCapacity: count) { y, initialized in
        a.scalars.withUnsafeBufferPointer { a in
            b.scalars.withUnsafeBufferPointer { b in
                guard let aa = a.baseAddress, let bb = b.baseAddress, let ys = y.baseAddress else { return }
                let shared = UnsafeSendable((a: aa, b: bb, y: ys))
                parallelFor(parts) { part in
                    let (aa, bb, ys) = shared.value
                    let range = elementwiseRange(part, of: parts, count: count)
                    var i = range.lowerBound
                    while i + 8 <= range.upperBound {
                        let x = UnsafeRawPointer(aa + i).loadUnaligned(as: SIMD8<Float>.self)
                        let z = UnsafeRawPointer(bb + i).loadUnaligned(as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(ys + i).storeBytes(of: f(x, z), as: SIMD8<Float>.self)
                        i += 8
                    }
                    if i < range.upperBound {
                        let end = range.upperBound
                        store8(f(load8(aa, i, count: end), load8(bb, i, count: end)), ys, i, count: end)
                    }
                }
            }
        }
        initialized = count
    }
    return Tensor(shape: a.shape, scalars: result)
}

/// From this many elements an elementwise pass is split between the cores (below it, waking a second
/// thread costs more than the pass: 128 Ki floats take about 30 µs on one core here).
let elementwiseMinimumCountPerPart = 1 << 17

/// How many parts an elementwise pass over `count` elements is split into (one per core at most).
func elementwiseParts(_ count: Int, minimumPerPart: Int = elementwiseMinimumCountPerPart) -> Int {
    max(1, min(availableCoreCount, count / minimumPerPart))
}

/// The elements of part `part` of `parts`: contiguous, in order, each starting on a multiple of 8.
func elementwiseRange(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
    let chunks = (count + 7) / 8
    return min(count, part * chunks / parts * 8)..<min(count, (part + 1) * chunks / parts * 8)
}

/// Runs `body` on the parts of `0..<count` that an elementwise pass would use (on both cores for a large
/// count, see ``elementwiseParts(_:minimumPerPart:)``): contiguous, disjoint, each starting on a multiple
/// of 8, so a pass that writes only the elements of its own range is free of data races.
func forEachElementRange(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
    let parts = elementwiseParts(count)
    parallelFor(parts) { part in body(elementwiseRange(part, of: parts, count: count)) }
}

/// `a · b` per element (dropout's mask, and its backward pass).
struct Product: ElementwiseFunction2 {
    @inline(__always) func callAsFunction(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a * b }
}
