/// Cache-blocking sizes of the GEMM driver (the Goto/BLIS loop nest around the 6 × 16 micro-kernel).
///
/// - `kc`: depth of one pass. A `6 × kc` A sliver and a `kc × 16` B sliver (4 · 22 · kc bytes) should
///   stay in L1 while the micro-kernel runs.
/// - `mc`: rows of op(A) packed at once (a multiple of 6). The `mc × kc` A block should stay in L2 while
///   every B sliver of the panel streams past it.
/// - `nc`: columns of op(B) packed at once (a multiple of 16). The `kc × nc` B panel should stay in L2/L3
///   while every A block streams past it.
struct GEMMBlocking: Sendable {
    var mc: Int
    var kc: Int
    var nc: Int

    /// Chosen by measurement on the development machine (see the README of the kernels in `GEMM.swift`).
    static let `default` = GEMMBlocking(mc: 144, kc: 256, nc: 2048)

    init(mc: Int, kc: Int, nc: Int) {
        precondition(mc > 0 && mc % gemmMR == 0 && kc > 0 && nc > 0 && nc % gemmNR == 0,
                     "GEMMBlocking: mc = \(mc) must be a positive multiple of \(gemmMR), kc = \(kc) positive, nc = \(nc) a positive multiple of \(gemmNR)")
        (self.mc, self.kc, self.nc) = (mc, kc, nc)
    }
}

/// Below this many flops per thread, another thread costs more than it gives (waking a Dispatch worker
/// and joining it take tens of microseconds; 2 MFLOP take about 50 µs on one core here).
let gemmMinimumFlopsPerThread = 2_000_000.0

/// How ``gemmParallel`` splits an `m × n × k` product: into `threads` parts of whole micro-tiles out of
/// `tiles` along the columns (`splitColumns`) or the rows of `C`.
func gemmThreadPlan(m: Int, n: Int, k: Int, maxThreads: Int,
                    minimumFlopsPerThread: Double = gemmMinimumFlopsPerThread) -> (threads: Int, splitColumns: Bool, tiles: Int) {
    let flops = 2.0 * Double(m) * Double(n) * Double(k)
    let splitColumns = m <= n
    let tiles = splitColumns ? (n + gemmNR - 1) / gemmNR : (m + gemmMR - 1) / gemmMR
    let threads = max(1, min(maxThreads, tiles, Int(flops / max(1, minimumFlopsPerThread))))
    return (threads, splitColumns, tiles)
}

/// Splits `C` into `threads` disjoint blocks of whole columns (or whole rows), in multiples of the
/// micro-tile, and runs ``gemmSerial`` on each block in parallel.
///
/// Columns are split when `m ≤ n`: then each thread re-packs all of op(A) (`m · k`), the smaller
/// operand; otherwise rows are split and each thread re-packs op(B). Complexity as ``gemmSerial``.
func gemmParallel(_ shape: GEMMShape, alpha: Float, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                  beta: Float, c: UnsafeMutablePointer<Float>, blocking: GEMMBlocking, maxThreads: Int,
                  minimumFlopsPerThread: Double = gemmMinimumFlopsPerThread) {
    let (m, n, k) = (shape.m, shape.n, shape.k)
    guard m > 0, n > 0 else { return }
    let (threads, splitColumns, tiles) = gemmThreadPlan(m: m, n: n, k: k, maxThreads: maxThreads,
                                                      minimumFlopsPerThread: minimumFlopsPerThread)
    if threads == 1 {
        gemmSerial(shape, alpha: alpha, a: a, b: b, beta: beta, c: c, blocking: blocking)
        return
    }
    let (aShared, bShared, cShared) = (UnsafeSendable(a), UnsafeSendable(b), UnsafeSendable(c))
    parallelFor(threads) { part in
        let firstTile = part * tiles / threads, endTile = (part + 1) * tiles / threads
        if splitColumns {
            let start = firstTile * gemmNR, end = min(n, endTile * gemmNR)
            let sub = GEMMShape(shape.opA, shape.opB, m: m, n: end - start, k: k,
                                lda: shape.lda, ldb: shape.ldb, ldc: shape.ldc)
            // Column `start` of op(B) is column `start` of B, or row `start` of B when transposed.
            let bStart = bShared.value + (shape.opB == .identity ? start : start * shape.ldb)
            gemmSerial(sub, alpha: alpha, a: aShared.value, b: bStart, beta: beta,
                       c: cShared.value + start, blocking: blocking)
        } else {
            let start = firstTile * gemmMR, end = min(m, endTile * gemmMR)
            let sub = GEMMShape(shape.opA, shape.opB, m: end - start, n: n, k: k,
                                lda: shape.lda, ldb: shape.ldb, ldc: shape.ldc)
            // Row `start` of op(A) is row `start` of A, or column `start` of A when transposed.
            let aStart = aShared.value + (shape.opA == .identity ? start * shape.lda : start)
            gemmSerial(sub, alpha: alpha, a: aStart, b: bShared.value, beta: beta,
                       c: cShared.value + start * shape.ldc, blocking: blocking)
        }
    }
}

/// `C = alpha · op(A) · op(B) + beta · C` on the calling thread: the BLIS loop nest
/// (columns by `nc` → depth by `kc` → pack B → rows by `mc` → pack A → 16-column slivers → 6-row slivers
/// → micro-kernel). The first depth pass applies `beta`; later passes accumulate into `C`.
///
/// Allocates two packing buffers of at most `mc · kc` and `kc · nc` floats (plus tile padding).
/// Complexity: `2 · m · n · k` flops, `O(m · k · ⌈n / nc⌉ + k · n)` packing.
///
/// With `packsA: false`, whole six-row slivers of A are read in place by the micro-kernel instead of
/// being copied into panels first (only a ragged last sliver is packed): worth it for the small A blocks
/// of the Winograd convolution, which are read by few B slivers and stay in L2 anyway.
func gemmSerial(_ shape: GEMMShape, alpha: Float, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                beta: Float, c: UnsafeMutablePointer<Float>, blocking: GEMMBlocking, packsA: Bool = true) {
    let (m, n, k) = (shape.m, shape.n, shape.k)
    guard m > 0, n > 0 else { return }
    guard k > 0, alpha != 0 else {
        scale(c, rows: m, columns: n, ldc: shape.ldc, by: beta)
        return
    }
    // Depth passes of equal size (784 = 4 × 196, not 3 × 256 + 16): a short last pass would read and
    // write the whole of C for a few multiply-adds per element.
    let passes = (k + blocking.kc - 1) / blocking.kc
    let kc = (k + passes - 1) / passes
    let mc = min(blocking.mc, roundUp(m, to: gemmMR)), nc = min(blocking.nc, roundUp(n, to: gemmNR))
    let packedA = UnsafeMutablePointer<Float>.allocateAligned(mc * kc)
    let packedB = UnsafeMutablePointer<Float>.allocateAligned(nc * kc)
    defer { packedA.deallocate(); packedB.deallocate() }

    for columnBlock in stride(from: 0, to: n, by: nc) {
        let columns = min(nc, n - columnBlock)
        for depthBlock in stride(from: 0, to: k, by: kc) {
            let depth = min(kc, k - depthBlock)
            let passBeta = depthBlock == 0 ? beta : 1
            packB(shape.opB, b, ldb: shape.ldb, depthStart: depthBlock, depth: depth,
                  columnStart: columnBlock, columns: columns, into: packedB)
            for rowBlock in stride(from: 0, to: m, by: mc) {
                let rows = min(mc, m - rowBlock)
                if !packsA {
                    inPlaceA(shape, alpha: alpha, a: a, rowBlock: rowBlock, rows: rows, depthBlock: depthBlock, depth: depth,
                             packedB: packedB, columnBlock: columnBlock, columns: columns, beta: passBeta, c: c, packedA: packedA)
                    continue
                }
                packA(shape.opA, a, lda: shape.lda, rowStart: rowBlock, rows: rows,
                      depthStart: depthBlock, depth: depth, into: packedA)
                for sliverColumn in stride(from: 0, to: columns, by: gemmNR) {
                    let bSliver = packedB + sliverColumn * depth
                    for sliverRow in stride(from: 0, to: rows, by: gemmMR) {
                        gemmMicroKernel6x16(
                            depth: depth, a: packedA + sliverRow * depth, b: bSliver,
                            c: c + (rowBlock + sliverRow) * shape.ldc + columnBlock + sliverColumn, ldc: shape.ldc,
                            rows: min(gemmMR, rows - sliverRow), columns: min(gemmNR, columns - sliverColumn),
                            alpha: alpha, beta: passBeta)
                    }
                }
            }
        }
    }
}

/// One `rows × depth` block of A against the packed B panel, A read in place (see ``gemmSerial``).
@inline(__always)
private func inPlaceA(_ shape: GEMMShape, alpha: Float, a: UnsafePointer<Float>, rowBlock: Int, rows: Int, depthBlock: Int, depth: Int,
                      packedB: UnsafePointer<Float>, columnBlock: Int, columns: Int, beta: Float,
                      c: UnsafeMutablePointer<Float>, packedA: UnsafeMutablePointer<Float>) {
    let (rowStride, depthStride) = shape.opA == .identity ? (shape.lda, 1) : (1, shape.lda)
    for sliverRow in stride(from: 0, to: rows, by: gemmMR) {
        let first = rowBlock + sliverRow, valid = min(gemmMR, rows - sliverRow)
        var sliver = a + first * rowStride + depthBlock * depthStride
        var (rs, ds) = (rowStride, depthStride)
        if valid < gemmMR {
            // The ragged last sliver: packed (zero rows past the edge), so nothing past A is read.
            packA(shape.opA, a, lda: shape.lda, rowStart: first, rows: valid, depthStart: depthBlock, depth: depth, into: packedA)
            (sliver, rs, ds) = (UnsafePointer(packedA), 1, gemmMR)
        }
        for sliverColumn in stride(from: 0, to: columns, by: gemmNR) {
            gemmMicroKernel6x16(depth: depth, a: sliver, rowStride: rs, depthStride: ds, b: packedB + sliverColumn * depth,
                                c: c + first * shape.ldc + columnBlock + sliverColumn, ldc: shape.ldc,
                                rows: valid, columns: min(gemmNR, columns - sliverColumn), alpha: alpha, beta: beta)
        }
    }
}

/// `C = beta · C` (and `C = 0` when `beta == 0`, even where C held NaN): the whole product when
/// `k == 0` or `alpha == 0`.
private func scale(_ c: UnsafeMutablePointer<Float>, rows: Int, columns: Int, ldc: Int, by beta: Float) {
    guard beta != 1 else { return }
    for row in 0..<rows {
        for column in 0..<columns {
            let target = c + row * ldc + column
            target.pointee = beta == 0 ? 0 : beta * target.pointee
        }
    }
}

private func roundUp(_ value: Int, to multiple: Int) -> Int { (value + multiple - 1) / multiple * multiple }

extension UnsafeMutablePointer where Pointee == Float {
    /// Uninitialized room for `count` floats aligned to a 64-byte cache line (free with `deallocate()`).
    static func allocateAligned(_ count: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: count)
    }
}
