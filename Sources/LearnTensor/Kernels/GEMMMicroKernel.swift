/// Rows of `C` one micro-kernel call computes: the height of a packed `A` sliver.
let gemmMR = 6
/// Columns of `C` one micro-kernel call computes (two `SIMD8<Float>`): the width of a packed `B` sliver.
let gemmNR = 16

// The 6 × 16 tile keeps 12 accumulators in ymm registers, plus 2 for the B row and 1 for the broadcast:
// 15 of the 16 ymm registers AVX2 has. Per step of the depth it issues 12 FMAs for 2 loads and 6
// broadcasts, so it is bound by the two FMA pipes, not by loads; and 12 independent accumulators cover
// the FMA latency (4 cycles × 2 pipes = 8 in flight needed).
//
// Assembly (release build, `-target-cpu haswell`, Swift 6.3.1, read with
// `objdump -d --no-show-raw-insn` on `gemmMicroKernel6x16`): the depth loop is 6 `vbroadcastss`
// from the A sliver, 2 `vmovups` of the B sliver and 12 `vfmadd231ps` into ymm accumulators, then
// pointer increments and one compare/branch. No calls, no spills, no `fmaf`. (`a * b + c` on SIMD8 is
// NOT contracted: it compiles to `vmulps` + `vaddps`, so the kernel uses `addingProduct`.)

/// `C[rows × columns] = alpha · Ã · B̃ + beta · C` for one tile, where `Ã` is a packed `6 × depth` A
/// sliver (6 floats per depth step) and `B̃` a packed `depth × 16` B sliver (16 floats per step), both
/// zero-padded past the matrix edge. `rows ≤ 6` and `columns ≤ 16` are the part of the tile inside `C`.
///
/// `beta == 0` writes `C` without reading it. Complexity: `6 · 16 · depth` multiply-adds.
@inline(never)
func gemmMicroKernel6x16(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                         c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int,
                         alpha: Float, beta: Float) {
    gemmMicroKernel6x16(depth: depth, a: a, rowStride: 1, depthStride: gemmMR, b: b, c: c, ldc: ldc,
                        rows: rows, columns: columns, alpha: alpha, beta: beta)
}

/// ``gemmMicroKernel6x16(depth:a:b:c:ldc:rows:columns:alpha:beta:)`` with the six rows of A read where
/// they lie: element (r, p) of the sliver at `a[r · rowStride + p · depthStride]` (a packed sliver is
/// `rowStride` 1, `depthStride` 6; a row-major matrix read in place is `lda`, 1; a transposed one 1, `lda`).
/// All six rows must be readable for `depth` steps.
@inline(__always)
func gemmMicroKernel6x16(depth: Int, a: UnsafePointer<Float>, rowStride: Int, depthStride: Int, b: UnsafePointer<Float>,
                         c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int,
                         alpha: Float, beta: Float) {
    var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
    var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
    var c40 = SIMD8<Float>(), c41 = SIMD8<Float>(), c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
    var pa = a, pb = UnsafeRawPointer(b)
    let (r1, r2, r3, r4, r5) = (rowStride, 2 * rowStride, 3 * rowStride, 4 * rowStride, 5 * rowStride)
    for _ in 0..<depth {
        let b0 = pb.loadUnaligned(as: SIMD8<Float>.self)
        let b1 = pb.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
        var x = SIMD8<Float>(repeating: pa[0])
        c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
        x = SIMD8<Float>(repeating: pa[r1])
        c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
        x = SIMD8<Float>(repeating: pa[r2])
        c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
        x = SIMD8<Float>(repeating: pa[r3])
        c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
        x = SIMD8<Float>(repeating: pa[r4])
        c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
        x = SIMD8<Float>(repeating: pa[r5])
        c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
        pa += depthStride
        pb += gemmNR * MemoryLayout<Float>.stride
    }

    if rows == gemmMR && columns == gemmNR {
        let alphas = SIMD8<Float>(repeating: alpha), betas = SIMD8<Float>(repeating: beta)
        // One row of the tile: C = alpha · acc + beta · C, or alpha · acc when beta == 0.
        func update(_ row: Int, _ left: SIMD8<Float>, _ right: SIMD8<Float>) {
            let target = UnsafeMutableRawPointer(c + row * ldc)
            if beta == 0 {
                target.storeBytes(of: left * alphas, as: SIMD8<Float>.self)
                target.storeBytes(of: right * alphas, toByteOffset: 32, as: SIMD8<Float>.self)
            } else {
                let old0 = target.loadUnaligned(as: SIMD8<Float>.self)
                let old1 = target.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                target.storeBytes(of: (old0 * betas).addingProduct(left, alphas), as: SIMD8<Float>.self)
                target.storeBytes(of: (old1 * betas).addingProduct(right, alphas), toByteOffset: 32, as: SIMD8<Float>.self)
            }
        }
        update(0, c00, c01); update(1, c10, c11); update(2, c20, c21)
        update(3, c30, c31); update(4, c40, c41); update(5, c50, c51)
        return
    }

    // Edge tile: spill the whole tile to the stack, then update only the part inside C.
    withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: 2 * gemmMR) { tile in
        tile[0] = c00; tile[1] = c01; tile[2] = c10; tile[3] = c11; tile[4] = c20; tile[5] = c21
        tile[6] = c30; tile[7] = c31; tile[8] = c40; tile[9] = c41; tile[10] = c50; tile[11] = c51
        tile.withMemoryRebound(to: Float.self) { values in
            for row in 0..<rows {
                for column in 0..<columns {
                    let product = alpha * values[row * gemmNR + column]
                    let target = c + row * ldc + column
                    target.pointee = beta == 0 ? product : product + beta * target.pointee
                }
            }
        }
    }
}
