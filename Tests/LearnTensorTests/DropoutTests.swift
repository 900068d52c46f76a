import LearnCore
import Testing
@testable import LearnTensor

@Suite("Dropout")
struct DropoutTests {
    @Test("identity when not training; drops about p and scales the rest by 1/(1 − p)")
    func masks() {
        let x = Tensor(repeating: 1, shape: [100, 100])
        let dropout = Dropout(rate: 0.2, seed: 1)
        #expect(dropout.forward(x, training: false) == x)
        let y = dropout.forward(x, training: true)
        #expect(y.scalars.allSatisfy { $0 == 0 || $0 == 1.25 })
        // 10,000 Bernoulli(0.2) draws: mean 2,000, standard deviation 40; allow 5 σ.
        let dropped = y.scalars.filter { $0 == 0 }.count
        #expect(abs(dropped - 2000) <= 200)
        // The next training forward draws a new mask.
        #expect(dropout.forward(x, training: true) != y)
        #expect(dropout.summary == "Dropout 0.2")
    }

    @Test("the same seed gives the same masks; backward multiplies by the mask")
    func deterministic() {
        let x = GradientCheck.randomTensor([3, 7], seed: 2)
        let a = Dropout(rate: 0.5, seed: 9), b = Dropout(rate: 0.5, seed: 9)
        let ya = a.forward(x, training: true)
        #expect(ya == b.forward(x, training: true))
        let g = a.backward(Tensor(repeating: 1, shape: [3, 7]))
        for i in 0..<x.count { #expect(ya.scalars[i] == x.scalars[i] * g.scalars[i]) }
    }

    @Test("finite differences with a fixed mask (a fresh layer with the same seed each time)")
    func gradientCheck() {
        let x = GradientCheck.randomTensor([3, 7], seed: 3)
        let wrong = GradientCheck().mismatches(Dropout(rate: 0.5, seed: 4), input: x) {
            Dropout(rate: 0.5, seed: 4).forward($0, training: true)
        }
        #expect(wrong.isEmpty, "\(wrong)")
    }

    @Test("a large mask, drawn by two threads, is the sequence one generator draws, element by element")
    func largeMasksFollowTheSequence() {
        let count = 3 * elementwiseMinimumCountPerPart + 5  // split between the cores, with a ragged end
        let x = Tensor(repeating: 1, shape: [count])
        let dropout = Dropout(rate: 0.3, seed: 11)
        var generator = SplitMix64(seed: 11)
        for _ in 0..<2 {  // the second forward continues the sequence where the first stopped
            let y = dropout.forward(x, training: true)
            var mismatches = 0
            for i in 0..<count where y.scalars[i] != (generator.nextUnit() < 0.3 ? 0 : 1 / (1 - Float(0.3))) { mismatches += 1 }
            #expect(mismatches == 0)
        }
    }
}
