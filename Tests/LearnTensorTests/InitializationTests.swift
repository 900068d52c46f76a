import LearnCore
import Testing
@testable import LearnTensor

@Suite("Initialization")
struct InitializationTests {
    /// Mean and standard deviation in Double.
    private func moments(_ t: Tensor) -> (mean: Double, std: Double) {
        let values = t.scalars.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        return (mean, (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot())
    }

    @Test("each scheme's bounds or spread; the same seed, the same weights")
    func schemes() {
        var generator = SplitMix64(seed: 1)
        let n = 100 * 200  // 20,000 draws: sample standard deviations within ≈ 1 % (3 σ ≈ 1.5 %) of the true one
        let uniform = Initialization.uniform(limit: 0.5).tensor(shape: [100, 200], fanIn: 100, fanOut: 200, generator: &generator)
        #expect(uniform.scalars.allSatisfy { abs($0) <= 0.5 })
        #expect(abs(moments(uniform).std / (0.5 / 3.0.squareRoot()) - 1) < 0.02)  // U(−a, a): σ = a/√3

        let radford = Initialization.normal(standardDeviation: 0.01).tensor(shape: [100, 200], fanIn: 100, fanOut: 200, generator: &generator)
        #expect(abs(moments(radford).std / 0.01 - 1) < 0.02 && abs(moments(radford).mean) < 3 * 0.01 / Double(n).squareRoot() * 1.5)

        let glorot = Initialization.glorotUniform.tensor(shape: [100, 200], fanIn: 100, fanOut: 200, generator: &generator)
        let limit = (6.0 / 300).squareRoot()
        #expect(glorot.scalars.allSatisfy { Double(abs($0)) <= limit })
        #expect(abs(moments(glorot).std / (limit / 3.0.squareRoot()) - 1) < 0.02)

        let he = Initialization.heNormal.tensor(shape: [100, 200], fanIn: 100, fanOut: 200, generator: &generator)
        #expect(abs(moments(he).std / (2.0 / 100).squareRoot() - 1) < 0.02)

        var a = SplitMix64(seed: 5), b = SplitMix64(seed: 5)
        #expect(Initialization.heNormal.tensor(shape: [7, 5], fanIn: 7, fanOut: 5, generator: &a)
                == Initialization.heNormal.tensor(shape: [7, 5], fanIn: 7, fanOut: 5, generator: &b))
    }

    @Test("Box–Muller: the standard normal's moments and tails over 100,000 draws")
    func normal() {
        var generator = SplitMix64(seed: 3)
        let draws = (0..<100_000).map { _ in Initialization.standardNormal(&generator) }
        let mean = draws.reduce(0, +) / 1e5
        let variance = draws.map { $0 * $0 }.reduce(0, +) / 1e5 - mean * mean
        // Standard errors: mean 1/√n ≈ 0.0032, variance √(2/n) ≈ 0.0045; allow 4 of them.
        #expect(abs(mean) < 0.013 && abs(variance - 1) < 0.018)
        // P(|z| > 2) = 4.55 %: 4,550 ± 66 expected; allow 4 σ.
        #expect(abs(draws.filter { abs($0) > 2 }.count - 4550) < 270)
    }
}
