import Testing
@testable import LearnTensor

/// The bit-level comparisons agree with IEEE `<` and `>` lane by lane, on every pair of awkward values.
@Suite("Lane comparisons")
struct LaneComparisonTests {
    /// Both zeros, both infinities, NaNs with either sign, subnormals, the extremes and ordinary values.
    static let values: [Float] = [
        0, -0, .infinity, -.infinity, .nan, -.nan, Float(bitPattern: 0x7FC0_0001), Float(bitPattern: 0xFFA0_0000),
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, -.leastNormalMagnitude,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1, 0.5, -0.5, 1.000_000_1, 44, 0.625, -3.25e7,
    ]

    @Test("lanesLess and lanesGreater equal < and > for every pair, NaN never ordered")
    func everyPair() {
        let v = Self.values
        for i in v.indices {
            for start in stride(from: 0, to: v.count, by: 8) {
                var a = SIMD8<Float>(repeating: v[i]), b = SIMD8<Float>()
                for lane in 0..<8 { b[lane] = v[(start + lane) % v.count] }
                let less = lanesLess(a, b), greater = lanesGreater(a, b)
                for lane in 0..<8 {
                    #expect(less[lane] == (a[lane] < b[lane]), "\(a[lane]) < \(b[lane])")
                    #expect(greater[lane] == (a[lane] > b[lane]), "\(a[lane]) > \(b[lane])")
                }
                a = b  // and the lanes against themselves: never less, never greater
                #expect(!any(lanesLess(a, b)) && !any(lanesGreater(a, b)))
            }
        }
    }

    @Test("nanLanes marks exactly the NaNs")
    func nanLanes() {
        let x = SIMD8<Float>(.nan, -.nan, .infinity, -.infinity, 0, -0, Float(bitPattern: 0x7F80_0001), 1)
        let mask = x.nanLanes
        for lane in 0..<8 { #expect(mask[lane] == x[lane].isNaN, "lane \(lane): \(x[lane])") }
    }
}
