import Testing
@testable import LearnTensor

@Suite("Mean squared error")
struct MeanSquaredErrorTests {
    @Test("the deck's E_total = ½(0.01 − 0.75136507)² + ½(0.99 − 0.772928465)² = 0.298371109")
    func deck() {
        let result = MeanSquaredError()(Tensor(shape: [1, 2], scalars: [0.75136507, 0.772928465]),
                                        targets: Tensor(shape: [1, 2], scalars: [0.01, 0.99]))
        #expect(abs(result.loss - 0.298371109) <= 1e-8)
        // ∂E/∂out_o1 = out_o1 − target = 0.74136507 (the deck's number).
        #expect(abs(result.gradient.scalars[0] - 0.74136507) <= 1e-7)
    }

    @Test("finite differences; the batch mean; one-hot targets from labels")
    func gradientCheck() {
        let y = GradientCheck.randomTensor([3, 5], seed: 31), d = GradientCheck.randomTensor([3, 5], seed: 32)
        let loss = MeanSquaredError()
        let wrong = GradientCheck().mismatches(input: y, inputGradient: loss(y, targets: d).gradient, parameters: []) {
            loss($0, targets: d).loss
        }
        #expect(wrong.isEmpty, "\(wrong)")

        // Labels [2, 0] on two outputs rows of three: targets (0, 0, 1) and (1, 0, 0).
        let output = Tensor(shape: [2, 3], scalars: [0, 0.5, 1, 0, 0, 0])
        let byLabels = loss.evaluate(output, labels: [2, 0])
        // Row 1: ½(0.5²) = 0.125; row 2: ½(1²) = 0.5; mean 0.3125.
        #expect(byLabels.loss == 0.3125)
        #expect(byLabels.gradient.scalars == [0, 0.25, 0, -0.5, 0, 0])
    }
}
