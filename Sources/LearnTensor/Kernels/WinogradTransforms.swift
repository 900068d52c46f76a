// The tile transforms of Winograd's minimal filtering F(2×2, 3×3) (Lavin & Gray, "Fast Algorithms for
// Convolutional Neural Networks", CVPR 2016, section 4.1):
//
//     Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A
//
// for a 4 × 4 input tile d, a 3 × 3 filter g and the 2 × 2 output tile Y, with
//
//     Bᵀ = | 1  0 −1  0 |     G = | 1    0    0  |     Aᵀ = | 1  1  1  0 |
//          | 0  1  1  0 |         | ½    ½    ½  |          | 0  1 −1 −1 |
//          | 0 −1  1  0 |         | ½   −½    ½  |
//          | 0  1  0 −1 |         | 0    0    1  |
//
// 16 multiplications per output tile and channel instead of the direct convolution's 36. The backward
// pass uses the transposes: for ∂L/∂Y given, ∂L/∂M = A (∂L/∂Y) Aᵀ (M = U ⊙ V the product in the
// transformed domain), ∂L/∂U = Σ ∂L/∂M ⊙ V and ∂L/∂g = Gᵀ (∂L/∂U) G, ∂L/∂V = Σ U ⊙ ∂L/∂M and
// ∂L/∂d = B (∂L/∂V) Bᵀ.
//
// Every transform here works on eight channels at once, one per SIMD lane: the images are first laid out
// channels-last (pixel by pixel, the channels of a pixel side by side), so the same element of eight
// channels' tiles is one 8-float load.

/// The 16 values of a 4 × 4 tile in eight channels, one channel per lane: `v[4·i + j]` is element (i, j).
struct TileLanes {
    var v: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>,
            SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)

    /// Loads element ξ from `base + ξ · stride`, ξ = 0…15.
    @inline(__always)
    init(loading base: UnsafePointer<Float>, stride: Int) {
        @inline(__always) func at(_ xi: Int) -> SIMD8<Float> { lanes(base + xi * stride) }
        v = (at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7), at(8), at(9), at(10), at(11), at(12), at(13), at(14), at(15))
    }

    @inline(__always)
    init(_ v: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>,
               SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)) {
        self.v = v
    }

    /// Stores element ξ at `base + ξ · stride`, ξ = 0…15.
    @inline(__always)
    func store(_ base: UnsafeMutablePointer<Float>, stride: Int) {
        @inline(__always) func put(_ xi: Int, _ x: SIMD8<Float>) { UnsafeMutableRawPointer(base + xi * stride).storeBytes(of: x, as: SIMD8<Float>.self) }
        put(0, v.0); put(1, v.1); put(2, v.2); put(3, v.3); put(4, v.4); put(5, v.5); put(6, v.6); put(7, v.7)
        put(8, v.8); put(9, v.9); put(10, v.10); put(11, v.11); put(12, v.12); put(13, v.13); put(14, v.14); put(15, v.15)
    }
}

/// Eight channels at `pointer`.
@inline(__always)
func lanes(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self) }

/// `V = Bᵀ d B` of the 4 × 4 tile whose top-left pixel is `origin`, in a channels-last plane with
/// pixels `pixelStride` floats apart along a row and rows `rowStride` apart.
@inline(__always)
func winogradInputTransform(_ origin: UnsafePointer<Float>, rowStride: Int, pixelStride: Int) -> TileLanes {
    @inline(__always) func d(_ p: Int, _ q: Int) -> SIMD8<Float> { lanes(origin + p * rowStride + q * pixelStride) }
    // Bᵀ d: rows d0 − d2, d1 + d2, d2 − d1, d1 − d3, column by column.
    @inline(__always) func column(_ q: Int) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        let (d0, d1, d2, d3) = (d(0, q), d(1, q), d(2, q), d(3, q))
        return (d0 - d2, d1 + d2, d2 - d1, d1 - d3)
    }
    let s0 = column(0), s1 = column(1), s2 = column(2), s3 = column(3)
    // (Bᵀ d) B: the same on the columns.
    return TileLanes((s0.0 - s2.0, s1.0 + s2.0, s2.0 - s1.0, s1.0 - s3.0,
                      s0.1 - s2.1, s1.1 + s2.1, s2.1 - s1.1, s1.1 - s3.1,
                      s0.2 - s2.2, s1.2 + s2.2, s2.2 - s1.2, s1.2 - s3.2,
                      s0.3 - s2.3, s1.3 + s2.3, s2.3 - s1.3, s1.3 - s3.3))
}

/// `Y = Aᵀ M A`: the 2 × 2 output tile `(y00, y01, y10, y11)` of eight channels.
@inline(__always)
func winogradOutputTransform(_ m: TileLanes) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
    let v = m.v
    // Aᵀ M: rows m0 + m1 + m2 and m1 − m2 − m3.
    let t00 = v.0 + v.4 + v.8, t01 = v.1 + v.5 + v.9, t02 = v.2 + v.6 + v.10, t03 = v.3 + v.7 + v.11
    let t10 = v.4 - v.8 - v.12, t11 = v.5 - v.9 - v.13, t12 = v.6 - v.10 - v.14, t13 = v.7 - v.11 - v.15
    return (t00 + t01 + t02, t01 - t02 - t03, t10 + t11 + t12, t11 - t12 - t13)
}

/// `∂M = A ∂Y Aᵀ` for the 2 × 2 output-gradient tile `(g00, g01, g10, g11)` of eight channels.
@inline(__always)
func winogradOutputGradientTransform(_ g00: SIMD8<Float>, _ g01: SIMD8<Float>, _ g10: SIMD8<Float>, _ g11: SIMD8<Float>) -> TileLanes {
    // A g: rows g0, g0 + g1, g0 − g1, −g1; then the same on the columns (a, b) → (a, a + b, a − b, −b).
    let r0 = (g00, g01), r1 = (g00 + g10, g01 + g11), r2 = (g00 - g10, g01 - g11), r3 = (-g10, -g11)
    return TileLanes((r0.0, r0.0 + r0.1, r0.0 - r0.1, -r0.1,
                      r1.0, r1.0 + r1.1, r1.0 - r1.1, -r1.1,
                      r2.0, r2.0 + r2.1, r2.0 - r2.1, -r2.1,
                      r3.0, r3.0 + r3.1, r3.0 - r3.1, -r3.1))
}

/// `∂d = B ∂V Bᵀ` of eight channels, added into the tile whose top-left pixel is `origin` in a
/// channels-last plane (strides as ``winogradInputTransform(_:rowStride:pixelStride:)``). Neighbouring
/// tiles overlap by two rows and columns; the caller adds them in a fixed order.
@inline(__always)
func winogradInputGradientTransformAdding(_ dv: TileLanes, into origin: UnsafeMutablePointer<Float>, rowStride: Int, pixelStride: Int) {
    let v = dv.v
    // B x for a 4-vector x: (x0, x1 − x2 + x3, −x0 + x1 + x2, −x3), first down the columns, then along the rows.
    @inline(__always) func combine(_ x0: SIMD8<Float>, _ x1: SIMD8<Float>, _ x2: SIMD8<Float>, _ x3: SIMD8<Float>)
        -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        (x0, x1 - x2 + x3, x1 + x2 - x0, -x3)
    }
    let c0 = combine(v.0, v.4, v.8, v.12), c1 = combine(v.1, v.5, v.9, v.13)
    let c2 = combine(v.2, v.6, v.10, v.14), c3 = combine(v.3, v.7, v.11, v.15)
    @inline(__always) func add(_ row: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>), atRow p: Int) {
        let target = origin + p * rowStride
        @inline(__always) func accumulate(_ q: Int, _ x: SIMD8<Float>) {
            let raw = UnsafeMutableRawPointer(target + q * pixelStride)
            raw.storeBytes(of: raw.loadUnaligned(as: SIMD8<Float>.self) + x, as: SIMD8<Float>.self)
        }
        accumulate(0, row.0); accumulate(1, row.1); accumulate(2, row.2); accumulate(3, row.3)
    }
    add(combine(c0.0, c1.0, c2.0, c3.0), atRow: 0)
    add(combine(c0.1, c1.1, c2.1, c3.1), atRow: 1)
    add(combine(c0.2, c1.2, c2.2, c3.2), atRow: 2)
    add(combine(c0.3, c1.3, c2.3, c3.3), atRow: 3)
}

/// `U = G g Gᵀ` for one 3 × 3 filter `g` (row-major), written to `u[0], u[stride], …, u[15·stride]`.
@inline(__always)
func winogradFilterTransform(_ g: UnsafePointer<Float>, into u: UnsafeMutablePointer<Float>, stride: Int) {
    // G x for a 3-vector x: (x0, (x0 + x1 + x2)/2, (x0 − x1 + x2)/2, x2), on the columns of g (as SIMD4:
    // lane i is row i of G g), then on the rows of G g.
    let (c0, c1, c2) = (SIMD4(g[0], g[3], g[6], 0), SIMD4(g[1], g[4], g[7], 0), SIMD4(g[2], g[5], g[8], 0))
    @inline(__always) func expand(_ x0: Float, _ x1: Float, _ x2: Float) -> SIMD4<Float> {
        SIMD4(x0, (x0 + x1 + x2) * 0.5, (x0 - x1 + x2) * 0.5, x2)
    }
    let e0 = expand(c0[0], c0[1], c0[2]), e1 = expand(c1[0], c1[1], c1[2]), e2 = expand(c2[0], c2[1], c2[2])
    for i in 0..<4 {
        let row = expand(e0[i], e1[i], e2[i])
        for j in 0..<4 { u[(4 * i + j) * stride] = row[j] }
    }
}

/// `∂g = Gᵀ ∂U G` for one filter: reads `du[0], du[stride], …, du[15·stride]`, writes the 3 × 3 `dg`.
@inline(__always)
func winogradFilterGradientTransform(_ du: UnsafePointer<Float>, stride: Int, into dg: UnsafeMutablePointer<Float>) {
    // Gᵀ x for a 4-vector x: (x0 + (x1 + x2)/2, (x1 − x2)/2, (x1 + x2)/2 + x3).
    @inline(__always) func reduce(_ x0: Float, _ x1: Float, _ x2: Float, _ x3: Float) -> SIMD4<Float> {
        SIMD4(x0 + (x1 + x2) * 0.5, (x1 - x2) * 0.5, (x1 + x2) * 0.5 + x3, 0)
    }
    @inline(__always) func at(_ i: Int, _ j: Int) -> Float { du[(4 * i + j) * stride] }
    // Rows of ∂U G (lane b), then Gᵀ down the columns.
    let r0 = reduce(at(0, 0), at(0, 1), at(0, 2), at(0, 3)), r1 = reduce(at(1, 0), at(1, 1), at(1, 2), at(1, 3))
    let r2 = reduce(at(2, 0), at(2, 1), at(2, 2), at(2, 3)), r3 = reduce(at(3, 0), at(3, 1), at(3, 2), at(3, 3))
    for b in 0..<3 {
        let column = reduce(r0[b], r1[b], r2[b], r3[b])
        dg[b] = column[0]
        dg[3 + b] = column[1]
        dg[6 + b] = column[2]
    }
}
