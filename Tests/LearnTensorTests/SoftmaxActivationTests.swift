import Foundation
import LearnCore
import Testing
@testable import LearnTensor

@Suite("SoftmaxActivation")
struct SoftmaxActivationTests {
    @Test("finite differences through softmax on [4, 3] and [2, 2]")
    func gradientCheck() {
        for shape in [[4, 3], [2, 2]] {
            let x = GradientCheck.randomTensor(shape, seed: 9, low: -3, high: 3)
            let wrong = GradientCheck().mismatches(SoftmaxActivation(), input: x)
            #expect(wrong.isEmpty, "\(shape): \(wrong.prefix(5))")
        }
    }

    @Test("values: rows sum to 1; [0, 0] gives ½ each; [ln 3, 0] gives ¾, ¼; huge scores do not overflow")
    func values() {
        let y = SoftmaxActivation().forward(Tensor(shape: [3, 2], scalars: [0, 0, Float(log(3.0)), 0, 1000, -1000]), training: false).scalars
        #expect(y[0] == 0.5 && y[1] == 0.5)
        #expect(abs(y[2] - 0.75) <= 1e-7 && abs(y[3] - 0.25) <= 1e-7)
        #expect(y[4] == 1 && y[5] == 0)
    }

    @Test("backward for two classes: ∂L/∂z₁ = y₁y₂(G₁ − G₂) = −∂L/∂z₂")
    func twoClasses() {
        let layer = SoftmaxActivation()
        // z = (ln 3, 0): y = (¾, ¼), y₁y₂ = 3/16; G = (1, −1): ∂L/∂z₁ = 3/16 · 2 = 0.375.
        _ = layer.forward(Tensor(shape: [1, 2], scalars: [Float(log(3.0)), 0]), training: true)
        let g = layer.backward(Tensor(shape: [1, 2], scalars: [1, -1])).scalars
        #expect(abs(g[0] - 0.375) <= 1e-6 && abs(g[1] + 0.375) <= 1e-6)
    }
}
