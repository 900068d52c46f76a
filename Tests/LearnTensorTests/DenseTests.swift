import LearnCore
import Testing
@testable import LearnTensor

@Suite("Dense layer")
struct DenseTests {
    /// A layer `inputs → outputs` with seeded weights and (optionally) bias in [-1, 1).
    private func layer(_ inputs: Int, _ outputs: Int, bias: Bool, seed: UInt64) -> Dense {
        var generator = SplitMix64(seed: seed)
        let weight = GradientCheck.randomTensor([inputs, outputs], &generator)
        return Dense(name: "dense1", weight: weight, bias: bias ? GradientCheck.randomTensor([outputs], &generator) : nil)
    }

    @Test("finite differences: ∂input, ∂weight, ∂bias on ragged shapes", arguments: [(5, 7, true), (5, 7, false), (1, 3, true), (17, 2, true)])
    func gradientCheck(inputs: Int, outputs: Int, bias: Bool) {
        let dense = layer(inputs, outputs, bias: bias, seed: UInt64(inputs * 100 + outputs))
        let x = GradientCheck.randomTensor([3, inputs], seed: 7)
        let wrong = GradientCheck().mismatches(dense, input: x)
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }

    @Test("forward is x·W + b, checked against the reference GEMM")
    func forward() {
        let dense = layer(5, 7, bias: true, seed: 3)
        let x = GradientCheck.randomTensor([3, 5], seed: 4)
        var expected = [Float](repeating: 0, count: 21)
        gemmReference(m: 3, n: 7, k: 5, a: x.scalars, b: dense.weight.value.scalars, c: &expected)
        for row in 0..<3 { for j in 0..<7 { expected[row * 7 + j] += dense.bias!.value.scalars[j] } }
        let y = dense.forward(x, training: false)
        #expect(y.shape == [3, 7])
        // Float sums of 5 products of magnitude < 1 plus a bias: at most 7 roundings of values < 6.
        for (a, b) in zip(y.scalars, expected) { #expect(abs(a - b) <= 7 * 6 * 0x1p-24) }
    }

    @Test("a hand example: [1 2]·[[1 2 3],[4 5 6]] + [0.5 0 −1] = [9.5 12 14]")
    func hand() {
        let dense = Dense(name: "d", weight: Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]),
                          bias: Tensor(shape: [3], scalars: [0.5, 0, -1]))
        let y = dense.forward(Tensor(shape: [1, 2], scalars: [1, 2]), training: true)
        #expect(y.scalars == [9.5, 12, 14])
        // With G = [1 0 −1]: ∂W = xᵀG = [[1 0 −1],[2 0 −2]], ∂b = G, ∂x = G·Wᵀ = [1 − 3, 4 − 6] = [−2 −2].
        let dx = dense.backward(Tensor(shape: [1, 3], scalars: [1, 0, -1]))
        #expect(dense.weight.gradient.scalars == [1, 0, -1, 2, 0, -2])
        #expect(dense.bias!.gradient.scalars == [1, 0, -1])
        #expect(dx.scalars == [-2, -2])
        // Gradients accumulate until zeroed.
        _ = dense.backward(Tensor(shape: [1, 3], scalars: [1, 0, -1]))
        #expect(dense.weight.gradient.scalars == [2, 0, -2, 4, 0, -4] && dense.bias!.gradient.scalars == [2, 0, -2])
    }

    @Test("an image batch [n, 1, h, w] is read as [n, h·w]; ∂input comes back in its shape")
    func imageInput() {
        let dense = layer(6, 4, bias: false, seed: 9)
        let image = GradientCheck.randomTensor([3, 1, 2, 3], seed: 10)
        #expect(dense.forward(image, training: false) == dense.forward(image.reshaped([3, 6]), training: false))
        #expect(GradientCheck().mismatches(dense, input: image).isEmpty)
    }

    @Test("without the input gradient the parameter gradients are the same and ∂input is zero")
    func noInputGradient() {
        let a = layer(5, 7, bias: true, seed: 11), b = layer(5, 7, bias: true, seed: 11)
        b.computesInputGradient = false
        let x = GradientCheck.randomTensor([3, 5], seed: 12), g = GradientCheck.randomTensor([3, 7], seed: 13)
        _ = a.forward(x, training: true)
        _ = a.backward(g)
        _ = b.forward(x, training: true)
        #expect(b.backward(g) == Tensor(zeros: [3, 5]))
        #expect(a.weight.gradient == b.weight.gradient && a.bias!.gradient == b.bias!.gradient)
    }

    @Test("names, summary, seeded initialization")
    func naming() {
        let a = Dense(name: "dense1", inputs: 784, outputs: 625, hasBias: false, initialization: .normal(standardDeviation: 0.01), seed: 42)
        let b = Dense(name: "dense1", inputs: 784, outputs: 625, hasBias: false, initialization: .normal(standardDeviation: 0.01), seed: 42)
        #expect(a.weight.value == b.weight.value && a.weight.value.shape == [784, 625])
        #expect(a.parameters.map(\.name) == ["dense1.weight"] && a.summary == "Dense 784 → 625, no bias")
        let c = Dense(name: "out", inputs: 3, outputs: 2, seed: 1)
        #expect(c.parameters.map(\.name) == ["out.weight", "out.bias"] && c.summary == "Dense 3 → 2")
        #expect(c.bias!.value == Tensor(zeros: [2]))
    }

    @Test("a batch of the wrong width, or a backward without a training forward, stops the process")
    func misuse() async {
        await #expect(processExitsWith: .failure) {
            _ = Dense(name: "d", inputs: 5, outputs: 7, seed: 1).forward(Tensor(zeros: [3, 4]), training: false)
        }
        await #expect(processExitsWith: .failure) {
            _ = Dense(name: "d", inputs: 5, outputs: 7, seed: 1).backward(Tensor(zeros: [3, 7]))
        }
    }
}
