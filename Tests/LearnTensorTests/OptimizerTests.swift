import Testing
@testable import LearnTensor

/// Two weights w = (1, −2) stepped with the gradients `gradients` in turn; the weights after each step.
private func run(_ optimizer: some Optimizer, gradients: [[Float]]) -> [[Float]] {
    var optimizer = optimizer
    let parameter = Parameter(name: "p.weight", value: Tensor(shape: [2], scalars: [1, -2]))
    return gradients.map { g in
        parameter.gradient = Tensor(shape: [2], scalars: g)
        optimizer.step([parameter])
        return parameter.value.scalars
    }
}

/// Each weight within 2e-6 of the hand-derived value: the optimizers compute in Float, about ten
/// roundings of numbers below 2 (ulp(2) = 2.4e-7) per step, two steps.
private func close(_ actual: [[Float]], _ expected: [[Double]]) -> Bool {
    zip(actual, expected).allSatisfy { a, e in zip(a, e).allSatisfy { abs(Double($0) - $1) <= 2e-6 } }
}

/// The gradients used below: g₁ = (0.5, −1), g₂ = (0.25, 2) (the second weight's gradient changes sign).
private let g1: [Float] = [0.5, -1], g2: [Float] = [0.25, 2]

@Suite("Optimizers: two steps worked by hand from w = (1, −2), g₁ = (0.5, −1), g₂ = (0.25, 2)")
struct OptimizerTests {
    @Test("SGD, η = 0.1, λ = 0.01: w ← w − η(g + λw)")
    func sgd() {
        // Step 1: 1 − 0.1·(0.5 + 0.01) = 0.949;  −2 − 0.1·(−1 − 0.02) = −1.898.
        // Step 2: 0.949 − 0.1·(0.25 + 0.00949) = 0.923051;  −1.898 − 0.1·(2 − 0.01898) = −2.096102.
        #expect(close(run(SGD(learningRate: 0.1, weightDecay: 0.01), gradients: [g1, g2]),
                      [[0.949, -1.898], [0.923051, -2.096102]]))
    }

    @Test("Momentum, η = 0.1, α = 0.9: Δw(t) = −ηg + αΔw(t−1)")
    func momentum() {
        // Δ₁ = −0.1·g₁ = (−0.05, 0.1) → (0.95, −1.9).
        // Δ₂ = −0.1·g₂ + 0.9·Δ₁ = (−0.025 − 0.045, −0.2 + 0.09) = (−0.07, −0.11) → (0.88, −2.01).
        #expect(close(run(Momentum(learningRate: 0.1, momentum: 0.9), gradients: [g1, g2]), [[0.95, -1.9], [0.88, -2.01]]))
    }

    @Test("Nesterov, η = 0.1, α = 0.9: v = αv − ηg, w ← w + αv − ηg")
    func nesterov() {
        // v₁ = (−0.05, 0.1); w += 0.9·v₁ − 0.1·g₁ = (−0.045 − 0.05, 0.09 + 0.1) → (0.905, −1.81).
        // v₂ = 0.9·v₁ − 0.1·g₂ = (−0.07, −0.11); w += 0.9·v₂ − 0.1·g₂ = (−0.063 − 0.025, −0.099 − 0.2)
        //    → (0.817, −2.109).
        #expect(close(run(Nesterov(learningRate: 0.1, momentum: 0.9), gradients: [g1, g2]), [[0.905, -1.81], [0.817, -2.109]]))
    }

    @Test("RMSprop, η = 0.01, ρ = 0.9, ε = 1e-6 inside the root: r = ρr + (1 − ρ)g², w ← w − ηg/√(r + ε)")
    func rmsprop() {
        // r₁ = 0.1·g₁² = (0.025, 0.1); steps 0.01·0.5/√0.025001 = 0.0316222, 0.01·1/√0.100001 = 0.0316226
        //    → (0.9683778, −1.9683774).
        // r₂ = 0.9·r₁ + 0.1·g₂² = (0.02875, 0.49); steps 0.01·0.25/√0.028751 = 0.0147439,
        //    0.01·2/√0.490001 = 0.0285714 → (0.9536339, −1.9969488).
        #expect(close(run(RMSprop(learningRate: 0.01), gradients: [g1, g2]),
                      [[0.968_377_856, -1.968_377_382], [0.953_633_917, -1.996_948_781]]))
    }

    @Test("Adam, η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, with bias correction")
    func adam() {
        // t = 1: m̂ = g, v̂ = g², so the step is η·g/(|g| + ε) ≈ 0.1 per weight → (0.9, −1.9).
        // t = 2: m = 0.9·0.05 + 0.1·0.25 = 0.07, m̂ = 0.07/0.19 = 0.368421; v = 0.999·0.00025 + 0.001·0.0625
        //    = 0.00031225, v̂ = 0.00031225/0.001999 = 0.156203, √v̂ = 0.395225; step 0.1·0.368421/0.395225
        //    = 0.093218 → 0.806782. Second weight: m = −0.09 + 0.2 = 0.11, m̂ = 0.578947; v = 0.000999 + 0.004
        //    = 0.004999, v̂ = 2.500750, √v̂ = 1.581376; step 0.036610 → −1.936610.
        #expect(close(run(Adam(learningRate: 0.1), gradients: [g1, g2]), [[0.9, -1.9], [0.806_782_040, -1.936_610_353]]))
    }

    @Test("iRprop⁻, Δ₀ = 0.1: grow by 1.2 on agreement, halve and skip on a sign change")
    func irprop() {
        // Step 1: no previous gradient: w −= sign(g)·0.1 → (0.9, −1.9).
        // Step 2: weight 1 agrees: Δ = 0.12 → 0.78; weight 2 flips: Δ = 0.05, no step, g⁻ ← 0 → −1.9.
        // Step 3 (g₂ again): weight 1: Δ = 0.144 → 0.636; weight 2: g⁻ = 0, step by Δ = 0.05 → −1.95.
        #expect(close(run(IRpropMinus(), gradients: [g1, g2, g2]), [[0.9, -1.9], [0.78, -1.9], [0.636, -1.95]]))
        // Δ stays within its bounds: 50 agreeing steps reach Δmax = 50 from 0.1 (0.1 · 1.2⁵⁰ ≈ 910).
        let p = Parameter(name: "p", value: Tensor(shape: [1], scalars: [0]))
        p.gradient = Tensor(shape: [1], scalars: [-1])
        for _ in 0..<50 { IRpropMinus().step([p]) }
        #expect(p.optimizerState["rprop.step"]!.scalars == [50])
    }

    @Test("state lives in the parameter under the optimizer's keys")
    func stateKeys() {
        let p = Parameter(name: "p", value: Tensor(shape: [2], scalars: [1, 2]))
        p.gradient = Tensor(shape: [2], scalars: [1, 1])
        Momentum(learningRate: 0.1).step([p])
        Adam().step([p])
        #expect(Set(p.optimizerState.keys) == ["momentum.velocity", "adam.m", "adam.v", "adam.t"])
        #expect(p.optimizerState["adam.t"]!.scalars == [1])
    }
}
