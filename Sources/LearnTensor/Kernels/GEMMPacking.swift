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
        case .transposed where valid == gemmNR:
            // Element (p, j) is b[j · ldb + p]: sixteen rows of B read along the depth, eight steps at a
            // time, turned into eight packed rows by two 8 × 8 transposes in registers; the last
            // `depth % 8` steps one by one.
            let rows = b + firstColumn * ldb + depthStart
            var p = 0
            while p + 8 <= depth {
                for half in 0..<2 {
                    let first = rows + 8 * half * ldb + p
                    func row(_ r: Int) -> SIMD8<Float> { UnsafeRawPointer(first + r * ldb).loadUnaligned(as: SIMD8<Float>.self) }
                    let c = transposed8x8((row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7)))
                    let target = UnsafeMutableRawPointer(destination + p * gemmNR + 8 * half), step = 4 * gemmNR
                    target.storeBytes(of: c.0, as: SIMD8<Float>.self)
                    target.storeBytes(of: c.1, toByteOffset: step, as: SIMD8<Float>.self)
                    target.storeBytes(of: c.2, toByteOffset: 2 * step, as: SIMD8<Float>.self)
                    target.storeBytes(of: c.3, toByteOffset: 3 * step, as: SIMD8<Float>.self)
                    target.storeBytes(of: c.4, toByteOffset: 4 * step, as: SIMD8<Float>.self)
                    target.storeBytes(of: c.5, toByteOffset: 5 * step, as: SIMD8<Float>.self)
                    target.storeBytes(of: c.6, toByteOffset: 6 * step, as: SIMD8<Float>.self)
                    target.storeBytes(of: c.7, toByteOffset: 7 * step, as: SIMD8<Float>.self)
                }
                p += 8
            }
            while p < depth {
                for j in 0..<gemmNR { destination[p * gemmNR + j] = rows[j * ldb + p] }
                p += 1
            }
            destination += gemmNR * depth
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

/// Eight rows of eight floats.
typealias Rows8 = (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)

/// The transpose of the 8 × 8 matrix whose rows are `m`: three rounds of splitting each pair of rows into
/// its even and odd elements. A round moves the six index bits of the 64 elements (`(r, c)` at `8r + c`)
/// one place to the right, so three rounds swap the row bits and the column bits: `(r, c)` ends at
/// `8c + r`. Each split is a `vshufps` and a `vpermpd`: 24 shuffles instead of 64 scalar moves.
@inline(__always)
func transposed8x8(_ m: Rows8) -> Rows8 {
    @inline(__always)
    func split(_ m: Rows8) -> Rows8 {
        let p0 = SIMD16(lowHalf: m.0, highHalf: m.1), p1 = SIMD16(lowHalf: m.2, highHalf: m.3)
        let p2 = SIMD16(lowHalf: m.4, highHalf: m.5), p3 = SIMD16(lowHalf: m.6, highHalf: m.7)
        return (p0.evenHalf, p1.evenHalf, p2.evenHalf, p3.evenHalf, p0.oddHalf, p1.oddHalf, p2.oddHalf, p3.oddHalf)
    }
    return split(split(split(m)))
}
