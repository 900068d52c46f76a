// `C += A · Bᵀ` where A and B are both stored with the summed index contiguous: every entry of C is a
// dot product of a row of A with a row of B. This is the convolution's weight gradient,
// ∂W [C', C·KH·KW] += G [C', n] · columnsᵀ, with G and the im2col matrix both laid out along the n
// output positions. The packed GEMM would have to transpose one of them into its panel format (a
// strided, scalar copy that cost more than the products for small layers); here both are read as
// they lie, eight positions at a time.

/// `C[i, j] += Σ_p A[i, p] · B[j, p]` for `i < m`, `j < n`, `p < k`, where row `i` of A starts at
/// `a + i · lda`, row `j` of B at `b + j · ldb`, and `C[i, j]` is at `c + i · rowStride + j · columnStride`.
///
/// Blocks of 3 rows of A by 3 rows of B keep 9 SIMD8 accumulators in registers (9 FMAs for 6 loads;
/// 4 × 3 spilled, as the compiler unrolls the loop twice); a ragged edge block repeats its last row and
/// discards the copies. Three rows of A stay in L1 while every row of B streams past. Each dot product
/// is summed in eight lanes, the lanes added in a fixed order, then the `k mod 8` tail: the same inputs
/// always give the same bits. Accuracy: a `Float` sum of `k` products, within about `√k · 2⁻²⁴ · Σ|aᵢ bᵢ|`.
/// Complexity: `m · n · k` multiply-adds, no packing.
func addRowDotProducts(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                       c: UnsafeMutablePointer<Float>, rowStride: Int, columnStride: Int) {
    guard m > 0, n > 0, k > 0 else { return }
    let whole = k / 8 * 8
    for i0 in stride(from: 0, to: m, by: 3) {
        let a0 = UnsafeRawPointer(a + i0 * lda), a1 = UnsafeRawPointer(a + min(i0 + 1, m - 1) * lda)
        let a2 = UnsafeRawPointer(a + min(i0 + 2, m - 1) * lda)
        for j0 in stride(from: 0, to: n, by: 3) {
            let b0 = UnsafeRawPointer(b + j0 * ldb), b1 = UnsafeRawPointer(b + min(j0 + 1, n - 1) * ldb)
            let b2 = UnsafeRawPointer(b + min(j0 + 2, n - 1) * ldb)
            var s00 = SIMD8<Float>(), s01 = SIMD8<Float>(), s02 = SIMD8<Float>()
            var s10 = SIMD8<Float>(), s11 = SIMD8<Float>(), s12 = SIMD8<Float>()
            var s20 = SIMD8<Float>(), s21 = SIMD8<Float>(), s22 = SIMD8<Float>()
            var offset = 0
            while offset < whole * 4 {
                let y0 = b0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                let y1 = b1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                let y2 = b2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                var x = a0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                s00 = s00.addingProduct(x, y0); s01 = s01.addingProduct(x, y1); s02 = s02.addingProduct(x, y2)
                x = a1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                s10 = s10.addingProduct(x, y0); s11 = s11.addingProduct(x, y1); s12 = s12.addingProduct(x, y2)
                x = a2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                s20 = s20.addingProduct(x, y0); s21 = s21.addingProduct(x, y1); s22 = s22.addingProduct(x, y2)
                offset += 32
            }
            // C[i0 + r, j0 + col] += lanes + tail, for the entries inside C.
            func add(_ r: Int, _ col: Int, _ lanes: SIMD8<Float>) {
                guard i0 + r < m && j0 + col < n else { return }
                let rowA = a + (i0 + r) * lda, rowB = b + (j0 + col) * ldb
                var total = lanes.sum()
                for p in whole..<k { total += rowA[p] * rowB[p] }
                c[(i0 + r) * rowStride + (j0 + col) * columnStride] += total
            }
            add(0, 0, s00); add(0, 1, s01); add(0, 2, s02)
            add(1, 0, s10); add(1, 1, s11); add(1, 2, s12)
            add(2, 0, s20); add(2, 1, s21); add(2, 2, s22)
        }
    }
}
