import Testing
import LearnTensor
@testable import LearnModels

/// `Network.flopCount` on the course networks, against counts worked out here by hand from the
/// networks' published shapes (Radford's conv net: 28 → 30 → 15 → 13 → 7 → 5 → 3; the MLP 784-625-10;
/// LeNet-5: 28 → 28 → 14 → 10 → 5). 2 FLOP per multiply-add.
@Suite struct CourseNetworkFLOPCountTests {
    @Test func theMLPIsAboutOneMegaFLOPForwardAndTwoToTrain() {
        let count = CourseNetwork.mlp.build(seed: 1).flopCount(sampleShape: [784])
        let dense1 = 784 * 625, dense2 = 625 * 10
        #expect(count.layers.map(\.multiplyAdds) == [dense1, dense2])
        #expect(count.forward == 2 * (dense1 + dense2))                  // 992,500
        // Backward: both weight gradients, but only dense2's input gradient (no one needs ∂L/∂image).
        #expect(count.training == 2 * (dense1 + dense2) + 2 * (dense1 + dense2) + 2 * dense2)  // 1,997,500
        #expect(count.training == 1_997_500)
    }

    /// Issue 12 quotes "about 36 MFLOP per training image (forward about 12: conv2 6.2, conv3 3.7,
    /// dense 1.4, conv1 0.5)": that is 3 × the forward pass. The count skips conv1's input gradient,
    /// so it is 0.5 MFLOP lower (35.1).
    @Test func theCourseCNNIsAboutTwelveMegaFLOPForward() {
        let count = CourseNetwork.cnn.build(seed: 1).flopCount(sampleShape: [1, 28, 28])
        let conv1 = (30 * 30 * 32) * (1 * 3 * 3)     // 'full' border: 28 + 3 − 1 = 30
        let conv2 = (13 * 13 * 64) * (32 * 3 * 3)    // pooled to ⌈30/2⌉ = 15, valid: 13
        let conv3 = (5 * 5 * 128) * (64 * 3 * 3)     // pooled to ⌈13/2⌉ = 7, valid: 5
        let dense1 = (128 * 3 * 3) * 625             // pooled to ⌈5/2⌉ = 3
        let dense2 = 625 * 10
        #expect(count.layers.map(\.multiplyAdds) == [conv1, conv2, conv3, dense1, dense2])
        let forward = 2 * (conv1 + conv2 + conv3 + dense1 + dense2)
        #expect(count.forward == forward)
        #expect(count.training == 3 * forward - 2 * conv1)
        // The rounded figures, in MFLOP.
        func mega(_ flop: Int) -> Double { Double(flop) / 1e6 }
        #expect(abs(mega(2 * conv1) - 0.5) < 0.05)
        #expect(abs(mega(2 * conv2) - 6.2) < 0.05)
        #expect(abs(mega(2 * conv3) - 3.7) < 0.05)
        #expect(abs(mega(2 * (dense1 + dense2)) - 1.4) < 0.06)
        #expect(abs(mega(count.forward) - 12) < 0.5)
        #expect(abs(mega(3 * count.forward) - 36) < 0.5)
        #expect(abs(mega(count.training) - 35.1) < 0.05)
    }

    @Test func leNet5IsUnderOneMegaFLOPForward() {
        let count = CourseNetwork.lenet5.build(seed: 1).flopCount(sampleShape: [1, 28, 28])
        let conv1 = (28 * 28 * 6) * 25, conv2 = (10 * 10 * 16) * (6 * 25)
        let dense = 400 * 120 + 120 * 84 + 84 * 10
        #expect(count.forward == 2 * (conv1 + conv2 + dense))             // 833,040
        #expect(count.training == 3 * count.forward - 2 * conv1)
    }
}
