import Foundation
import Testing
@testable import LearnTensor

@Suite("Softmax cross-entropy")
struct SoftmaxCrossEntropyTests {
    @Test("finite differences of the mean loss with respect to the logits, batch 3 × 7 classes")
    func gradientCheck() {
        let logits = GradientCheck.randomTensor([3, 7], seed: 21, low: -3, high: 3)
        let labels = [0, 6, 3]
        let loss = SoftmaxCrossEntropy()
        let gradient = loss(logits, labels: labels).gradient
        let wrong = GradientCheck().mismatches(input: logits, inputGradient: gradient, parameters: []) {
            loss($0, labels: labels).loss
        }
        #expect(wrong.isEmpty, "\(wrong)")
    }

    @Test("a hand example: logits (1, 2, 3), label 2")
    func hand() {
        // p = e^(z − 3) / Σ = (e⁻², e⁻¹, 1) / (1 + e⁻¹ + e⁻²); L = −log p₂ = log(1 + e⁻¹ + e⁻²) = 0.407605964.
        let result = SoftmaxCrossEntropy()(Tensor(shape: [1, 3], scalars: [1, 2, 3]), labels: [2])
        let sum = 1 + exp(-1.0) + exp(-2.0)
        #expect(abs(result.loss - 0.407605964) <= 1e-9)
        let expected = [exp(-2.0) / sum, exp(-1.0) / sum, 1 / sum]
        for j in 0..<3 {
            #expect(abs(Double(result.probabilities.scalars[j]) - expected[j]) <= 1e-7)
            #expect(abs(Double(result.gradient.scalars[j]) - (expected[j] - (j == 2 ? 1 : 0))) <= 1e-7)
        }
    }

    @Test("logits [1000, 0, −1000] stay finite: loss 0 for class 0, 1000 for class 1, 2000 for class 2")
    func stability() {
        let logits = Tensor(shape: [3, 3], scalars: [1000, 0, -1000, 1000, 0, -1000, 1000, 0, -1000])
        let result = SoftmaxCrossEntropy()(logits, labels: [0, 1, 2])
        // Per row: log-sum-exp = 1000 + log(1 + e⁻¹⁰⁰⁰ + e⁻²⁰⁰⁰) = 1000 exactly in Double; losses 0, 1000, 2000.
        #expect(result.loss == 1000)
        #expect(result.probabilities.scalars == [1, 0, 0, 1, 0, 0, 1, 0, 0])
        // (p − y)/B with B = 3.
        let third = Float(1.0 / 3.0)
        #expect(result.gradient.scalars == [0, 0, 0, third, -third, 0, third, 0, -third])
        #expect(result.gradient.scalars.allSatisfy { $0.isFinite })
    }

    @Test("the mean over the batch: two equal rows give one row's loss and half its gradient")
    func mean() {
        let row: [Float] = [0.5, -1, 2]
        let one = SoftmaxCrossEntropy()(Tensor(shape: [1, 3], scalars: row), labels: [1])
        let two = SoftmaxCrossEntropy()(Tensor(shape: [2, 3], scalars: row + row), labels: [1, 1])
        #expect(abs(one.loss - two.loss) <= 1e-15)
        #expect(two.gradient.scalars == (one.gradient.scalars + one.gradient.scalars).map { $0 / 2 })
        #expect(softmax(Tensor(shape: [1, 3], scalars: row)) == one.probabilities)
        let bytes: [UInt8] = [1, 1]
        #expect(SoftmaxCrossEntropy()(Tensor(shape: [2, 3], scalars: row + row), labels: bytes).loss == two.loss)
        #expect(SoftmaxCrossEntropy().evaluate(Tensor(shape: [2, 3], scalars: row + row), labels: bytes).gradient == two.gradient)
    }

    @Test("a label that is not a class index stops the process")
    func badLabel() async {
        await #expect(processExitsWith: .failure) {
            _ = SoftmaxCrossEntropy()(Tensor(zeros: [2, 3]), labels: [0, 3])
        }
    }
}
