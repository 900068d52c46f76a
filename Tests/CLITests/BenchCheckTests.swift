import LearnCore
import LearnModels
import LearnTensor
import Testing
@testable import learn

/// `learn bench` checks a network's kernels against the reference ones before it times anything: the
/// course CNN passes (its Winograd layers within their tile bounds, forward and backward), and a layer
/// whose output the reference does not reproduce stops the benchmark with a one-line error.
@Suite struct BenchCheckTests {
    /// Two seeded images of uniform [0, 1) pixels.
    private func images(_ count: Int) -> Tensor {
        var generator = SplitMix64(seed: 3)
        return Tensor(shape: [count, 1, 28, 28], scalars: (0..<(count * 784)).map { _ in Float(generator.uniform(0, 1)) })
    }

    @Test func theCourseCNNPassesForwardAndBackward() throws {
        let network = CourseNetwork.cnn.build(seed: 1)
        #expect(Conv2DGeometry(input: [2, 32, 15, 15], weight: [64, 32, 3, 3]).usesWinograd)
        let result = try BenchCheck.layers(of: network, on: images(2))
        #expect(result.compared == 5)  // conv1, conv2, conv3, dense1, dense2
        #expect(result.maxError > 0 && result.maxError < 1e-3)
    }

    @Test func aLayerThatDisagreesIsRefused() {
        // A NaN weight: the fast and the reference outputs are both NaN, and NaN is within no bound.
        var weight = Tensor(repeating: 0.01, shape: [32, 1, 3, 3])
        weight.scalars[4] = .nan
        let network = Network([Conv2D(name: "conv1", weight: weight, bias: nil, padding: .full), Flatten()])
        #expect {
            _ = try BenchCheck.layers(of: network, on: images(2))
        } throws: { error in
            guard let error = error as? CommandError else { return false }
            return error.status == .software && error.message.contains("disagrees with its reference kernel")
                && !error.message.contains("\n")
        }
    }
}
