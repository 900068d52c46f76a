import Foundation
import LearnCore
import Testing
@testable import LearnTensor

@Suite("Activations")
struct ActivationTests {
    @Test("finite differences through ReLU, Sigmoid (γ = 1, 2) and Tanh on [3, 7]")
    func gradientCheck() {
        let layers: [any Layer] = [Sigmoid(), Sigmoid(gain: 2), Tanh()]
        // Inputs in [-3, 3): both tails of the squashing functions; 21 elements also exercise a ragged last chunk.
        let x = GradientCheck.randomTensor([3, 7], seed: 5, low: -3, high: 3)
        for layer in layers {
            let wrong = GradientCheck().mismatches(layer, input: x)
            #expect(wrong.isEmpty, "\(layer.summary): \(wrong.prefix(5))")
        }
        // ReLU has a kink at 0: keep inputs ≥ 5ε away from it, so that x ± ε stays on one side.
        let away = GradientCheck.randomTensor([3, 7], seed: 6, awayFrom: 0, margin: 0.05)
        #expect(GradientCheck().mismatches(ReLU(), input: away).isEmpty)
    }

    @Test("values: the deck's σ(0.3775) = 0.593269992, ReLU, tanh, the gain")
    func values() {
        let x = Tensor(shape: [1, 4], scalars: [0.3775, 0, -2, 5])
        let s = Sigmoid().forward(x, training: false).scalars
        #expect(abs(s[0] - 0.593269992) <= 1e-7 && s[1] == 0.5)
        #expect(abs(Double(s[2]) - 1 / (1 + exp(2.0))) <= 1e-7)
        // γ = 2: S(s) = 1/(1 + e^(−2s)); S(0.5) = 1/(1 + e^(−1)) = 0.731058579.
        #expect(abs(Sigmoid(gain: 2).forward(Tensor(shape: [1], scalars: [0.5]), training: false).scalars[0] - 0.731058579) <= 1e-7)
        #expect(ReLU().forward(x, training: false).scalars == [0.3775, 0, 0, 5])
        let t = Tanh().forward(x, training: false).scalars
        #expect(abs(t[3] - Float(tanh(5.0))) <= 1e-7 && t[1] == 0)
        #expect(Sigmoid(gain: 2).summary == "Sigmoid γ = 2.0" && Sigmoid().summary == "Sigmoid")
    }

    @Test("derivatives: σ′ = γ·y(1 − y), max 0.25 at 0; tanh′ = 1 − y²; ReLU passes where y > 0")
    func derivatives() {
        let sigmoid = Sigmoid(gain: 2)
        _ = sigmoid.forward(Tensor(shape: [1], scalars: [0]), training: true)
        #expect(sigmoid.backward(Tensor(shape: [1], scalars: [1])).scalars == [0.5])  // 2 · 0.5 · 0.5
        let relu = ReLU()
        _ = relu.forward(Tensor(shape: [4], scalars: [-1, 0, 2, 3]), training: true)
        #expect(relu.backward(Tensor(shape: [4], scalars: [5, 6, 7, 8])).scalars == [0, 0, 7, 8])
        let tanhLayer = Tanh()
        _ = tanhLayer.forward(Tensor(shape: [1], scalars: [0]), training: true)
        #expect(tanhLayer.backward(Tensor(shape: [1], scalars: [3])).scalars == [3])
    }

    @Test("extremes stay finite; NaN passes through")
    func extremes() {
        let x = Tensor(shape: [6], scalars: [1000, -1000, 88.8, -88.8, .infinity, -.infinity])
        #expect(Sigmoid().forward(x, training: false).scalars == [1, 0, 1, 0, 1, 0])
        #expect(Tanh().forward(x, training: false).scalars == [1, -1, 1, -1, 1, -1])
        let nan = Tensor(shape: [1], scalars: [.nan])
        #expect(Sigmoid().forward(nan, training: false).scalars[0].isNaN)
        #expect(Tanh().forward(nan, training: false).scalars[0].isNaN)
        #expect(ReLU().forward(nan, training: false).scalars[0].isNaN)
    }
}
