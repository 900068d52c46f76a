// Packing copies a block of op(A) or op(B) into the order the micro-kernel reads it, so that the kernel
// streams through contiguous memory whatever the transposes and leading dimensions were. Slivers at
// the matrix edge are padded with zeros, so the kernel always computes a full 6 × 16 tile.

/// Packs the block `op(A)[rowStart ..< rowStart + rows, depthStart ..< depthStart + depth]` into
/// ⌈rows / 6⌉ slivers of 6 rows: element `(6s + r, p)` of the block goes to `packed[(s · depth + p) · 6 + r]`;
/// rows past `rows` are zeros.
///
/// `packed` must hold `⌈rows / 6⌉ · 6 · depth` floats. Complexity: `O(rows · depth)`.
func packA(_ op: Transposition, _ a: UnsafePointer<Float>, lda: Int,
           rowStart: Int, rows: Int, depthStart: Int, depth: Int, into packed: UnsafeMutablePointer<Float>) {
    var destination = packed
    for sliverStart in stride(from: 0, to: rows, by: gemmMR) {
        let valid = min(gemmMR, rows - sliverStart)
        let firstRow = rowStart + sliverStart
        switch op {
        case .identity where valid == gemmMR:
            // Element (i, p) is a[i · lda + p]: six rows read side by side, written 6 at a time.
            let r0 = a + firstRow * lda + depthStart
            let r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda
            for p in 0..<depth {
                destination[0] = r0[p]; destination[1] = r1[p]; destination[2] = r2[p]
                destination[3] = r3[p]; destination[4] = r4[p]; destination[5] = r5[p]
                destination += gemmMR
            }
        case .identity:
            for p in 0..<depth {
                for r in 0..<gemmMR {
                    destination[r] = r < valid ? a[(firstRow + r) * lda + depthStart + p] : 0
                }
                destination += gemmMR
            }
        case .transposed:
            // Element (i, p) is a[p · lda + i]: each depth step is `valid` contiguous floats.
            var source = a + depthStart * lda + firstRow
            for _ in 0..<depth {
                for r in 0..<gemmMR { destination[r] = r < valid ? source[r] : 0 }
                destination += gemmMR
                source += lda
            }
        }
    }
}

/// Packs the block `op(B)[depthStart ..< depthStart + depth, columnStart ..< columnStart + columns]` into
/// ⌈columns / 16⌉ slivers of 16 columns: element `(p, 16t + j)` of the block goes to
/// `packed[(t · depth + p) · 16 + j]`; columns past `columns` are zeros.
///
/// `packed` must hold `⌈columns / 16⌉ · 16 · depth` floats. Complexity: `O(depth · columns)`.
func packB(_ op: Transposition, _ b: UnsafePointer<Float>, ldb: Int,
           depthStart: Int, depth: Int, columnStart: Int, columns: Int, into packed: UnsafeMutablePointer<Float>) {
    var destination = packed
    for sliverStart in stride(from: 0, to: columns, by: gemmNR) {
        let valid = min(gemmNR, columns - sliverStart)
        let firstColumn = columnStart + sliverStart
        switch op {
        case .identity:
            // Element (p, j) is b[p · ldb + j]: each depth step is `valid` contiguous floats.
            var source = b + depthStart * ldb + firstColumn
            for _ in 0..<depth {
                if valid == gemmNR {
                    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
                    to.storeBytes(of: from.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                    to.storeBytes(of: from.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self),
                                  toByteOffset: 32, as: SIMD8<Float>.self)
                } else {
                    for j in 0..<gemmNR { destination[j] = j < valid ? source[j] : 0 }
                }
                destination += gemmNR
                source += ldb
            }
        case .transposed:
            // Element (p, j) is b[j · ldb + p]: read `valid` rows of B along the depth, write strided.
            for j in 0..<gemmNR {
                var target = destination + j
                if j < valid {
                    let source = b + (firstColumn + j) * ldb + depthStart
                    for p in 0..<depth { target.pointee = source[p]; target += gemmNR }
                } else {
                    for _ in 0..<depth { target.pointee = 0; target += gemmNR }
                }
            }
            destination += gemmNR * depth
        }
    }
}
