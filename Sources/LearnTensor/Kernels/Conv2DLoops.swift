// Small loops of the fast convolution (`Conv2D.swift`): the GEMM call without the public wrapper's
// checks, and SIMD8 passes that add a bias, copy a gathered block, and sum a row.

/// The cores, read once: `availableCoreCount` asks the system (on Linux it reads files) every time.
let conv2DCoreCount = availableCoreCount

/// `C = op(A) · op(B) + beta · C` through the GEMM driver on `threads` threads, skipping the public
/// `gemm`'s per-call query of the core count (shapes are still checked).
@inline(__always)
func convGEMM(opA: Transposition = .identity, opB: Transposition = .identity, m: Int, n: Int, k: Int,
              a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
              c: UnsafeMutablePointer<Float>, ldc: Int, threads: Int, packsA: Bool = true) {
    let shape = GEMMShape(opA, opB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
    if threads == 1 {
        gemmSerial(shape, alpha: 1, a: a, b: b, beta: beta, c: c, blocking: .default, packsA: packsA)
    } else {
        gemmParallel(shape, alpha: 1, a: a, b: b, beta: beta, c: c, blocking: .default, maxThreads: threads)
    }
}

/// `target[i] += value` for `i < count`.
@inline(__always)
func addScalar(_ value: Float, to target: UnsafeMutablePointer<Float>, count: Int) {
    let raw = UnsafeMutableRawPointer(target), splat = SIMD8<Float>(repeating: value)
    var i = 0
    while i + 8 <= count {
        raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) + splat,
                       toByteOffset: i * 4, as: SIMD8<Float>.self)
        i += 8
    }
    while i < count { target[i] += value; i += 1 }
}

/// `target[i] += source[i] + value` for `i < count`.
@inline(__always)
func addScalar(_ value: Float, from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target), splat = SIMD8<Float>(repeating: value)
    var i = 0
    while i + 8 <= count {
        let sum = to.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            + from.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) + splat
        to.storeBytes(of: sum, toByteOffset: i * 4, as: SIMD8<Float>.self)
        i += 8
    }
    while i < count { target[i] += source[i] + value; i += 1 }
}

/// `target[i] = source[i] + value` for `i < count`.
@inline(__always)
func copyAddingScalar(_ value: Float, from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target), splat = SIMD8<Float>(repeating: value)
    var i = 0
    while i + 8 <= count {
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) + splat,
                      toByteOffset: i * 4, as: SIMD8<Float>.self)
        i += 8
    }
    while i < count { target[i] = source[i] + value; i += 1 }
}

/// `Σ source[i]` for `i < count`, in a fixed order (eight running lanes, then the lanes, then the tail).
@inline(__always)
func orderedSum(_ source: UnsafePointer<Float>, count: Int) -> Float {
    let from = UnsafeRawPointer(source)
    var lanes = SIMD8<Float>(), i = 0
    while i + 8 <= count {
        lanes += from.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
        i += 8
    }
    var total = lanes.sum()
    while i < count { total += source[i]; i += 1 }
    return total
}
