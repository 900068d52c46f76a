import Testing
@testable import LearnTensor

/// `LayerProfile` times the passes a training step makes, layer by layer, and counts their arithmetic
/// as `FLOPCount` does: 2 FLOP per multiply-add, a weight gradient as many as the forward pass, an
/// input gradient as many again, none for the first layer with weights or the layers before it.
@Suite struct LayerProfileTests {
    @Test func theStepsPassesAndTheirArithmetic() {
        // Dropout 4 → Dense 4 → 3 → (ReLU → Dense 3 → 2, nested), on a batch of 5.
        let first = Dense(name: "a", inputs: 4, outputs: 3, seed: 1), last = Dense(name: "b", inputs: 3, outputs: 2, seed: 2)
        let network = Network([Dropout(rate: 0.5, seed: 1), first, Network([ReLU(), last])])
        let weights = network.parameters.map(\.value)
        let inputs = Tensor(shape: [5, 4], scalars: (0..<20).map { Float($0) / 20 })
        let profile = LayerProfile.measure(network, inputs: inputs, repeats: 3)

        #expect(profile.batch == 5)
        #expect(profile.entries.map(\.summary) == ["Dropout 0.5", first.summary, "ReLU", last.summary])
        // Forward: 5 · 4 · 3 and 5 · 3 · 2 multiply-adds.
        #expect(profile.entries.map(\.forwardFLOP) == [0, 2 * 60, 0, 2 * 30])
        // Backward: the first layer with weights its weight gradient only; the last both gradients.
        #expect(profile.entries.map(\.backwardFLOP) == [0, 2 * 60, 0, 2 * 2 * 30])
        // The dropout before the first layer with weights has no backward pass in training.
        #expect(profile.entries.map { $0.backwardSeconds == nil } == [true, false, false, false])
        #expect(profile.entries.allSatisfy { $0.forwardSeconds >= 0 && ($0.backwardSeconds ?? 0) >= 0 })
        #expect(profile.totalSeconds == profile.entries.reduce(0) { $0 + $1.forwardSeconds + ($1.backwardSeconds ?? 0) })
        // The weights are as they were, and the first layer computes its input gradient again afterwards.
        #expect(network.parameters.map(\.value) == weights)
        #expect(first.computesInputGradient)
    }

    @Test func aConvolutionCountsOnePlacementPerOutputOfTheBatch() {
        // 2 images, 2 channels 5×5, 3 filters 3×3, valid: 2 · 27 outputs, each 2 · 9 multiply-adds.
        let conv = Conv2D(name: "c", inChannels: 2, outChannels: 3, kernelSize: 3, seed: 1)
        let network = Network([conv, MaxPool2D(), Flatten(), Dense(name: "d", inputs: 3, outputs: 2, seed: 2)])
        let profile = LayerProfile.measure(network, inputs: Tensor(zeros: [2, 2, 5, 5]), repeats: 1)
        #expect(profile.entries.map(\.forwardFLOP) == [2 * 2 * 27 * 18, 0, 0, 2 * 2 * 3 * 2])
        #expect(profile.entries.map(\.backwardFLOP) == [2 * 2 * 27 * 18, 0, 0, 2 * 2 * 2 * 3 * 2])
        #expect(profile.entries.allSatisfy { $0.backwardSeconds != nil })
    }
}
