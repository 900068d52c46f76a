import Testing
@testable import LearnTensor

/// The convention of `FLOPCount`: 2 FLOP per multiply-add; training = forward + weight gradients + input
/// gradients of every layer with weights but the first.
@Suite struct FLOPCountTests {
    @Test func aTwoLayerNetworkCountsItsProducts() {
        let network = Network([Dense(name: "a", inputs: 3, outputs: 2, seed: 1), ReLU(), Dense(name: "b", inputs: 2, outputs: 1, seed: 2)])
        let count = network.flopCount(sampleShape: [3])
        #expect(count.layers.map(\.multiplyAdds) == [6, 2])
        #expect(count.forward == 16)
        #expect(count.training == 16 + 16 + 4)   // forward, both weight gradients, b's input gradient
    }

    @Test func aConvolutionCountsOnePlacementPerOutput() {
        // 2 channels 5×5, 3 filters 3×3, valid: 3 × 3 × 3 outputs, each 2 · 9 multiply-adds.
        let network = Network([Conv2D(name: "c", inChannels: 2, outChannels: 3, kernelSize: 3, seed: 1), MaxPool2D(), Flatten()])
        let count = network.flopCount(sampleShape: [2, 5, 5])
        #expect(count.layers.map(\.multiplyAdds) == [27 * 18])
        #expect(count.forward == 2 * 27 * 18)
        #expect(count.training == 2 * count.forward)   // forward and weight gradient; the input gradient is skipped
    }
}
