import Testing
import LearnCore
@testable import LearnCourse

/// The strided convolution-size exercise: (W − F + 2P)/S + 1 for valid, same and full padding, on draws whose
/// divisions come out exact.
@Suite struct ConvSizesExerciseTests {
    @Test func variantsAreDeterministicOnTheirGridsAndDivideEvenly() throws {
        var strides = Set<Int>()
        // Twelve seeds: every run builds the course CNN and LeNet-5 (slow in a debug build), and about half the draws are refused.
        for v in try checkedVariants(ConvSizes.self, seeds: 1...12) {
            let (w, f, s) = (Int(v.number("size")), Int(v.number("kernel")), Int(v.number("stride")))
            strides.insert(s)
            #expect((6...32).contains(w) && [3, 5, 7].contains(f) && (1...3).contains(s))
            for (name, padding) in [("valid", 0), ("same", (f - 1) / 2), ("full", f - 1)] {
                #expect((w - f + 2 * padding) % s == 0, "\(name): \(w) − \(f) + 2·\(padding) is not a multiple of \(s)")
                expectAgrees(v, "out_\(name)", Double(w - f + 2 * padding) / Double(s) + 1)
                if name != "valid" { expectAgrees(v, "P_\(name)", Double(padding)) }
            }
        }
        #expect(strides.count >= 2, "strides drawn: \(strides.sorted())")
    }
}
