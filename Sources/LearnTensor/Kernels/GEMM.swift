/// Whether a GEMM operand is used as stored or transposed: the `op` in `C = alpha · op(A) · op(B) + beta · C`.
public enum Transposition: Sendable, Hashable, CaseIterable {
    /// `op(X) = X`.
    case identity
    /// `op(X) = Xᵀ`.
    case transposed
}

/// The checked shape of one GEMM call: `op(A)` is `m × k`, `op(B)` is `k × n`, `C` is `m × n`, all
/// row-major with leading dimensions (the distance in elements between the starts of two stored rows).
///
/// `A` is stored as `m × k` (identity) or `k × m` (transposed); `B` as `k × n` or `n × k`.
struct GEMMShape: Sendable {
    let opA: Transposition, opB: Transposition
    let m: Int, n: Int, k: Int
    let lda: Int, ldb: Int, ldc: Int

    /// Checks every size, with the offending values in the message.
    init(_ opA: Transposition, _ opB: Transposition, m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int) {
        precondition(m >= 0 && n >= 0 && k >= 0, "gemm: negative size m = \(m), n = \(n), k = \(k)")
        let aWidth = opA == .identity ? k : m, bWidth = opB == .identity ? n : k
        precondition(lda >= max(1, aWidth),
                     "gemm: A stored as \(Self.stored(opA, rows: m, columns: k, "m", "k")) needs lda ≥ \(max(1, aWidth)), got lda = \(lda)")
        precondition(ldb >= max(1, bWidth),
                     "gemm: B stored as \(Self.stored(opB, rows: k, columns: n, "k", "n")) needs ldb ≥ \(max(1, bWidth)), got ldb = \(ldb)")
        precondition(ldc >= max(1, n), "gemm: C is [m = \(m) × n = \(n)] and needs ldc ≥ \(max(1, n)), got ldc = \(ldc)")
        (self.opA, self.opB, self.m, self.n, self.k, self.lda, self.ldb, self.ldc) = (opA, opB, m, n, k, lda, ldb, ldc)
    }

    /// `[r × c]` of the stored operand whose `op` is `rows × columns`, e.g. `[k = 4 × m = 3]`.
    static func stored(_ op: Transposition, rows: Int, columns: Int, _ r: String, _ c: String) -> String {
        op == .identity ? "[\(r) = \(rows) × \(c) = \(columns)]" : "[\(c) = \(columns) × \(r) = \(rows)]"
    }

    /// Elements a stored operand with `rows` stored rows of `width` needs: `(rows - 1) · ld + width`.
    static func extent(rows: Int, width: Int, ld: Int) -> Int { rows == 0 || width == 0 ? 0 : (rows - 1) * ld + width }

    var aExtent: Int { opA == .identity ? Self.extent(rows: m, width: k, ld: lda) : Self.extent(rows: k, width: m, ld: lda) }
    var bExtent: Int { opB == .identity ? Self.extent(rows: k, width: n, ld: ldb) : Self.extent(rows: n, width: k, ld: ldb) }
    var cExtent: Int { Self.extent(rows: m, width: n, ld: ldc) }
}

/// The reference GEMM: `C[m × n] = alpha · op(A)[m × k] · op(B)[k × n] + beta · C`, row-major, as a plain
/// triple loop that sums each dot product in `Double` and rounds once to `Float`.
///
/// The oracle for ``gemm(opA:opB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:maxThreads:)``: as exact as a
/// `Float` result can be up to the one final rounding. When `beta == 0`, `C` is not read (NaNs in it
/// are overwritten). Storage and leading dimensions as in ``gemm(opA:opB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:maxThreads:)``.
///
/// Complexity: `m · n · k` multiply-adds, with no blocking (slow for large matrices: use it to check).
public func gemmReference(opA: Transposition = .identity, opB: Transposition = .identity,
                          m: Int, n: Int, k: Int, alpha: Float = 1,
                          a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                          beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
    _ = GEMMShape(opA, opB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
    // Element (row, column) of op(X) for X stored with leading dimension ld.
    func element(_ x: UnsafePointer<Float>, _ op: Transposition, _ ld: Int, _ row: Int, _ column: Int) -> Double {
        Double(op == .identity ? x[row * ld + column] : x[column * ld + row])
    }
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0
            for p in 0..<k { sum += element(a, opA, lda, i, p) * element(b, opB, ldb, p, j) }
            let scaled = Double(alpha) * sum
            c[i * ldc + j] = Float(beta == 0 ? scaled : scaled + Double(beta) * Double(c[i * ldc + j]))
        }
    }
}

/// The fast GEMM: `C[m × n] = alpha · op(A)[m × k] · op(B)[k × n] + beta · C`, row-major.
///
/// - `A` is stored `m × k` (`opA == .identity`, `lda ≥ k`) or `k × m` (`.transposed`, `lda ≥ m`).
/// - `B` is stored `k × n` (`opB == .identity`, `ldb ≥ n`) or `n × k` (`.transposed`, `ldb ≥ k`).
/// - `C` is `m × n` with `ldc ≥ n`; it must not overlap `A` or `B`. When `beta == 0`, `C` is only
///   written (NaNs already in it do not propagate), as in BLAS.
///
/// Packs blocks of `op(A)` and `op(B)` into contiguous, zero-padded panels (which is where the
/// transposes are handled), and multiplies them with a 6 × 16 register-tiled AVX2/FMA micro-kernel
/// (see `GEMMMicroKernel.swift` and `GEMMDriver.swift`). Uses up to `min(maxThreads, cores)` threads
/// when the product is large enough to pay for them (about 2 MFLOP per thread).
///
/// Accuracy: each entry is a `Float` sum of `k` products in a blocked order, so it differs from
/// ``gemmReference(opA:opB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)`` by about `k · ε · Σ|aᵢ bᵢ|` at worst
/// (ε = 2⁻²⁴), typically `√k · ε · Σ|aᵢ bᵢ|`. Complexity: `2 · m · n · k` flops, plus `O(m·k + k·n)`
/// packing per pass.
public func gemm(opA: Transposition = .identity, opB: Transposition = .identity,
                 m: Int, n: Int, k: Int, alpha: Float = 1,
                 a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                 beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int,
                 maxThreads: Int = availableCoreCount) {
    let shape = GEMMShape(opA, opB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
    precondition(maxThreads >= 1, "gemm: maxThreads is \(maxThreads)")
    gemmParallel(shape, alpha: alpha, a: a, b: b, beta: beta, c: c, blocking: .default,
                 maxThreads: min(maxThreads, availableCoreCount))
}

/// ``gemm(opA:opB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:maxThreads:)`` on dense row-major arrays
/// (leading dimension = stored width): `a` holds `m · k` elements, `b` holds `k · n`, `c` holds `m · n`.
public func gemm(opA: Transposition = .identity, opB: Transposition = .identity,
                 m: Int, n: Int, k: Int, alpha: Float = 1, a: [Float], b: [Float],
                 beta: Float = 0, c: inout [Float], maxThreads: Int = availableCoreCount) {
    checkDenseCounts(m: m, n: n, k: k, a: a.count, b: b.count, c: c.count)
    guard m > 0, n > 0 else { return }
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                // An empty `a` or `b` (k == 0) may have no address; it is never read, so C stands in.
                let cBase = c.baseAddress!
                gemm(opA: opA, opB: opB, m: m, n: n, k: k, alpha: alpha,
                     a: a.baseAddress ?? UnsafePointer(cBase), lda: max(1, opA == .identity ? k : m),
                     b: b.baseAddress ?? UnsafePointer(cBase), ldb: max(1, opB == .identity ? n : k),
                     beta: beta, c: cBase, ldc: max(1, n), maxThreads: maxThreads)
            }
        }
    }
}

/// ``gemmReference(opA:opB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)`` on dense row-major arrays.
public func gemmReference(opA: Transposition = .identity, opB: Transposition = .identity,
                          m: Int, n: Int, k: Int, alpha: Float = 1, a: [Float], b: [Float],
                          beta: Float = 0, c: inout [Float]) {
    checkDenseCounts(m: m, n: n, k: k, a: a.count, b: b.count, c: c.count)
    guard m > 0, n > 0 else { return }
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                let cBase = c.baseAddress!  // stands in for an empty `a` or `b`, which is never read
                gemmReference(opA: opA, opB: opB, m: m, n: n, k: k, alpha: alpha,
                              a: a.baseAddress ?? UnsafePointer(cBase), lda: max(1, opA == .identity ? k : m),
                              b: b.baseAddress ?? UnsafePointer(cBase), ldb: max(1, opB == .identity ? n : k),
                              beta: beta, c: cBase, ldc: max(1, n))
            }
        }
    }
}

/// Preconditions for the array wrappers: each array holds exactly its dense matrix.
private func checkDenseCounts(m: Int, n: Int, k: Int, a: Int, b: Int, c: Int) {
    precondition(m >= 0 && n >= 0 && k >= 0, "gemm: negative size m = \(m), n = \(n), k = \(k)")
    precondition(a == m * k, "gemm: a has \(a) elements, op(A) is [m = \(m) × k = \(k)] = \(m * k)")
    precondition(b == k * n, "gemm: b has \(b) elements, op(B) is [k = \(k) × n = \(n)] = \(k * n)")
    precondition(c == m * n, "gemm: c has \(c) elements, C is [m = \(m) × n = \(n)] = \(m * n)")
}
