import LearnCore
@testable import LearnTensor

/// A GEMM problem with seeded random operands in [-1, 1), stored with chosen leading dimensions; the
/// padding past each stored row holds NaN, so a kernel that reads it poisons its result.
struct GEMMProblem {
    let opA: Transposition, opB: Transposition
    let m: Int, n: Int, k: Int
    let lda: Int, ldb: Int, ldc: Int
    let a: [Float], b: [Float], c: [Float]

    /// `extra` is added to every leading dimension (0 = dense storage). `cFill` is what C starts as
    /// (random when nil), its padding is always `padding`.
    init(_ opA: Transposition, _ opB: Transposition, m: Int, n: Int, k: Int, extra: Int = 0,
         cFill: Float? = nil, seed: UInt64 = 7) {
        var generator = SplitMix64(seed: seed &+ UInt64(m * 1_000_003 + n * 1_009 + k))
        func matrix(rows: Int, width: Int, ld: Int, fill: Float? = nil, padding: Float = .nan) -> [Float] {
            (0..<(max(rows, 1) * ld)).map { index in
                index % ld >= width ? padding : fill ?? Float(generator.uniform(-1, 1))
            }
        }
        (self.opA, self.opB, self.m, self.n, self.k) = (opA, opB, m, n, k)
        lda = max(1, opA == .identity ? k : m) + extra
        ldb = max(1, opB == .identity ? n : k) + extra
        ldc = max(1, n) + extra
        a = opA == .identity ? matrix(rows: m, width: k, ld: lda) : matrix(rows: k, width: m, ld: lda)
        b = opB == .identity ? matrix(rows: k, width: n, ld: ldb) : matrix(rows: n, width: k, ld: ldb)
        c = matrix(rows: m, width: n, ld: ldc, fill: cFill, padding: GEMMProblem.padding)
    }

    /// What C's padding holds; it must come back unchanged.
    static let padding: Float = -12345

    /// C after `gemm` (through the driver, so tests can pick the blocking and force threads).
    func fast(alpha: Float, beta: Float, blocking: GEMMBlocking = .default, threads: Int = 2,
              minimumFlopsPerThread: Double = gemmMinimumFlopsPerThread) -> [Float] {
        var result = c
        let shape = GEMMShape(opA, opB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in result.withUnsafeMutableBufferPointer { c in
            gemmParallel(shape, alpha: alpha, a: a.baseAddress!, b: b.baseAddress!, beta: beta, c: c.baseAddress!,
                         blocking: blocking, maxThreads: threads, minimumFlopsPerThread: minimumFlopsPerThread)
        } } }
        return result
    }

    /// C after the single-threaded driver reading A in place (`packsA: false`, as the Winograd
    /// convolution calls it): whole six-row slivers straight from A, only a ragged last one packed.
    func fastInPlaceA(alpha: Float, beta: Float, blocking: GEMMBlocking = .default) -> [Float] {
        var result = c
        let shape = GEMMShape(opA, opB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in result.withUnsafeMutableBufferPointer { c in
            gemmSerial(shape, alpha: alpha, a: a.baseAddress!, b: b.baseAddress!, beta: beta, c: c.baseAddress!,
                       blocking: blocking, packsA: false)
        } } }
        return result
    }

    /// C after `gemmReference`, and the magnitude `|alpha| · Σₚ |a_ip b_pj| + |beta · c_ij|` of each entry.
    func reference(alpha: Float, beta: Float) -> (c: [Float], magnitude: [Float]) {
        var result = c, magnitude = c.map { beta == 0 ? 0 : abs(beta * $0) }
        let absA = a.map(abs), absB = b.map(abs)
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in
            gemmReference(opA: opA, opB: opB, m: m, n: n, k: k, alpha: alpha, a: a.baseAddress!, lda: lda,
                          b: b.baseAddress!, ldb: ldb, beta: beta, c: &result, ldc: ldc)
        } }
        absA.withUnsafeBufferPointer { a in absB.withUnsafeBufferPointer { b in
            gemmReference(opA: opA, opB: opB, m: m, n: n, k: k, alpha: abs(alpha), a: a.baseAddress!, lda: lda,
                          b: b.baseAddress!, ldb: ldb, beta: 1, c: &magnitude, ldc: ldc)
        } }
        return (result, magnitude)
    }

    /// Entries of C (row, column) where `actual` differs from the reference by more than
    /// `atol + rtol · magnitude`, plus padding entries that changed. Empty when `actual` is right.
    ///
    /// Tolerance: `gemm` sums the k products in Float in a blocked order, the reference in Double and
    /// rounds once, so they differ by at most γ ≈ k·ε times the sum of the magnitudes |a_ip b_pj|
    /// (Higham's bound for Float summation, ε = 2⁻²⁴), and scaling by alpha and adding beta·C
    /// round twice more: rtol = (k + 3)·ε on that magnitude (never negative). atol = 1e-30 lets an
    /// entry whose magnitude is 0 (k = 0, alpha = 0) pass only when both are exactly 0.
    func mismatches(_ actual: [Float], alpha: Float, beta: Float) -> [String] {
        let (expected, magnitude) = reference(alpha: alpha, beta: beta)
        let rtol = Float(k + 3) * 0x1p-24, atol: Float = 1e-30
        var found: [String] = []
        for row in 0..<max(m, 1) {
            for column in 0..<ldc {
                let index = row * ldc + column
                if row >= m || column >= n {
                    if !(actual[index] == GEMMProblem.padding) { found.append("padding (\(row), \(column)) = \(actual[index])") }
                } else if !(abs(actual[index] - expected[index]) <= atol + rtol * magnitude[index]) {
                    found.append("(\(row), \(column)): \(actual[index]) vs \(expected[index])")
                }
            }
        }
        return found
    }
}
