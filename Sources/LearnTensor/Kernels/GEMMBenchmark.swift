import LearnCore

/// True in an optimized (release) build of the tensor engine. `learn bench` refuses to time a debug build.
public let tensorKernelsAreOptimized: Bool = {
    #if DEBUG
    return false
    #else
    return true
    #endif
}()

/// What ``benchmarkGEMM(opA:opB:m:n:k:maxThreads:minimumRuns:minimumSeconds:seed:)`` measured for one shape.
public struct GEMMBenchmarkResult: Sendable {
    public let opA: Transposition, opB: Transposition
    public let m: Int, n: Int, k: Int
    /// Threads `gemm` actually used (it stays on one thread for small products).
    public let threads: Int
    /// Rows of `C` recomputed with `gemmReference` (all of them for small shapes, a spread sample otherwise).
    public let checkedRows: Int
    /// Largest `|gemm − gemmReference|` over the checked rows.
    public let maxAbsoluteError: Float
    /// Whether every checked entry was within the worst-case bound of Float summation,
    /// `k · 2⁻²⁴ · Σₚ |a_ip · b_pj|` (plus 1e-30 so an all-zero row passes).
    public let verified: Bool
    /// Timed runs (after warm-up), and the fastest and median of them, in seconds.
    public let runs: Int
    public let minSeconds: Double, medianSeconds: Double

    /// `2 · m · n · k` floating-point operations.
    public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    /// Throughput of the fastest run, in 10⁹ flops per second.
    public var bestGFLOPS: Double { flops / minSeconds / 1e9 }
    /// Throughput of the median run, in 10⁹ flops per second.
    public var medianGFLOPS: Double { flops / medianSeconds / 1e9 }
}

/// Verifies `gemm` against `gemmReference` on seeded random operands in [-1, 1), then times
/// `C = op(A) · op(B)` (alpha 1, beta 0, dense storage) and reports min and median seconds and GFLOP/s.
///
/// Runs twice to warm up (page faults, caches, Dispatch's threads), then at least `minimumRuns` times
/// and until `minimumSeconds` have passed, each run timed with `ContinuousClock` (monotonic). The check
/// recomputes at most about 2²⁶ multiply-adds of reference rows so that 2048³ stays quick.
/// Meaningful only in a release build (see ``tensorKernelsAreOptimized``).
public func benchmarkGEMM(opA: Transposition = .identity, opB: Transposition = .identity,
                          m: Int, n: Int, k: Int, maxThreads: Int = availableCoreCount,
                          minimumRuns: Int = 5, minimumSeconds: Double = 0.5, seed: UInt64 = 1) -> GEMMBenchmarkResult {
    precondition(m > 0 && n > 0 && k > 0, "benchmarkGEMM: sizes must be positive, got m = \(m), n = \(n), k = \(k)")
    var generator = SplitMix64(seed: seed)
    let a = (0..<(m * k)).map { _ in Float(generator.uniform(-1, 1)) }
    let b = (0..<(k * n)).map { _ in Float(generator.uniform(-1, 1)) }
    var c = [Float](repeating: .nan, count: m * n)
    let lda = opA == .identity ? k : m, ldb = opB == .identity ? n : k
    gemm(opA: opA, opB: opB, m: m, n: n, k: k, a: a, b: b, c: &c, maxThreads: maxThreads)

    // Check a spread of rows (always the last, which may be an edge tile). Row i of op(A) starts at
    // a[i · lda] (identity) or a[i] (transposed), so a one-row reference product is a pointer offset.
    let checkedRows = max(1, min(m, (1 << 26) / (n * k)))
    let rows = Set((0..<checkedRows).map { $0 * m / checkedRows } + [m - 1]).sorted()
    let absA = a.map(abs), absB = b.map(abs)
    var maxError: Float = 0, verified = true
    var expected = [Float](repeating: 0, count: n), magnitude = [Float](repeating: 0, count: n)
    for row in rows {
        let offset = opA == .identity ? row * lda : row
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in
            gemmReference(opA: opA, opB: opB, m: 1, n: n, k: k, a: a.baseAddress! + offset, lda: lda,
                          b: b.baseAddress!, ldb: ldb, c: &expected, ldc: n)
        } }
        absA.withUnsafeBufferPointer { a in absB.withUnsafeBufferPointer { b in
            gemmReference(opA: opA, opB: opB, m: 1, n: n, k: k, a: a.baseAddress! + offset, lda: lda,
                          b: b.baseAddress!, ldb: ldb, c: &magnitude, ldc: n)
        } }
        for j in 0..<n {
            let error = abs(c[row * n + j] - expected[j])
            maxError = max(maxError, error.isNaN ? .infinity : error)
            if !(error <= Float(k) * 0x1p-24 * magnitude[j] + 1e-30) { verified = false }
        }
    }

    let clock = ContinuousClock()
    func seconds(_ duration: Duration) -> Double {
        duration.inSeconds
    }
    var times: [Double] = []
    var total = 0.0
    for run in 0..<Int.max {
        let time = seconds(clock.measure {
            gemm(opA: opA, opB: opB, m: m, n: n, k: k, a: a, b: b, c: &c, maxThreads: maxThreads)
        })
        guard run >= 2 else { continue }  // warm-up
        times.append(time)
        total += time
        if times.count >= minimumRuns && total >= minimumSeconds { break }
    }
    times.sort()
    return GEMMBenchmarkResult(
        opA: opA, opB: opB, m: m, n: n, k: k,
        threads: gemmThreadPlan(m: m, n: n, k: k, maxThreads: min(maxThreads, availableCoreCount)).threads,
        checkedRows: rows.count, maxAbsoluteError: maxError, verified: verified,
        runs: times.count, minSeconds: times[0], medianSeconds: times[times.count / 2])
}
