import Testing
import LearnCore
@testable import LearnCourse

/// The convolution exercise: sizes and parameter counts of a drawn layer, against the deck's formulas.
@Suite struct FeatureMapsExerciseTests {
    /// (W − F + 2P)/S + 1.
    func outputSize(_ w: Int, _ f: Int, padding p: Int, stride s: Int) -> Double { Double(w - f + 2 * p) / Double(s) + 1 }

    @Test func variantsAreDeterministicOnTheirGridsAndAgreeWithTheFormulas() throws {
        for v in try checkedVariants(FeatureMaps.self) {
            let (l, k) = (Int(v.number("size")), Int(v.number("kernel")))
            let (c, maps) = (Int(v.number("channels")), Int(v.number("maps")))
            #expect((5...12).contains(l) && [3, 5, 7].contains(k) && (1...8).contains(c) && (1...8).contains(maps))
            #expect(l - k + 1 >= 3)
            // (W − F + 2P)/S + 1 at stride 1: valid P = 0, same P = (K − 1)/2, which divides evenly for odd K.
            #expect((k - 1) % 2 == 0)
            let p = (k - 1) / 2
            expectAgrees(v, "out_valid", outputSize(l, k, padding: 0, stride: 1))
            expectAgrees(v, "padding_width", Double(p))
            expectAgrees(v, "out_same", outputSize(l, k, padding: p, stride: 1))
            // K·K·C weights per kernel, C′ kernels, one bias per map.
            expectAgrees(v, "weights", Double(k * k * c * maps))
            expectAgrees(v, "parameters", Double(k * k * c * maps + maps))
        }
    }
}
