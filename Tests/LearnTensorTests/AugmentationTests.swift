import LearnCore
import Testing
@testable import LearnTensor

@Suite struct AugmentationTests {
    /// A 3 × 3 image with one bright pixel in the middle, as a batch of many copies.
    func centres(_ n: Int) -> Tensor {
        Tensor(shape: [n, 1, 3, 3], scalars: (0..<n).flatMap { _ in [Float]([0, 0, 0, 0, 1, 0, 0, 0, 0]) })
    }

    @Test func eachImageMovesByAtMostTheShiftAndKeepsItsPixel() {
        var g = SplitMix64(seed: 7)
        let moved = Augmentation.randomShifts(centres(200), maxShift: 1, generator: &g)
        var seen = Set<Int>()
        for i in 0..<200 {
            let image = Array(moved.scalars[i * 9..<(i + 1) * 9])
            #expect(image.reduce(0, +) == 1)          // a shift of 1 keeps the centre pixel inside
            seen.insert(image.firstIndex(of: 1)!)
        }
        #expect(seen == Set(0..<9))                    // all nine offsets occur in 200 draws
    }

    @Test func pixelsMovedInAreZeroAndOutAreLost() {
        var g = SplitMix64(seed: 1)
        let full = Tensor(repeating: 1, shape: [50, 2, 4, 5])
        let moved = Augmentation.randomShifts(full, maxShift: 2, generator: &g)
        for i in 0..<50 {
            let a = Array(moved.scalars[i * 40..<i * 40 + 20]), b = Array(moved.scalars[i * 40 + 20..<(i + 1) * 40])
            #expect(a == b)                            // both channels move together
            // An all-ones 4 × 5 image moved by (dy, dx) keeps (4 − |dy|) · (5 − |dx|) ones, in one block.
            let ones = Int(a.reduce(0, +))
            let possible = Set((0...2).flatMap { dy in (0...2).map { dx in (4 - dy) * (5 - dx) } })
            #expect(possible.contains(ones))
        }
    }

    @Test func zeroShiftIsTheIdentityAndSeedsRepeat() {
        var g = SplitMix64(seed: 3)
        let images = centres(4)
        #expect(Augmentation.randomShifts(images, maxShift: 0, generator: &g) == images)
        var g1 = SplitMix64(seed: 9), g2 = SplitMix64(seed: 9)
        #expect(Augmentation.randomShifts(images, maxShift: 2, generator: &g1) == Augmentation.randomShifts(images, maxShift: 2, generator: &g2))
    }
}
