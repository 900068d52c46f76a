import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// A plain-Double sigmoid network with Drchal's weights `w_jk^m` (threshold j = 0), written here independently:
/// its energy, and every ∂E/∂w by a central difference.
private struct PlainNet {
    let sizes: [Int]
    var w: [String: Double]
    let gamma: Double

    func energy(_ x: [Double], _ d: [Double]) -> Double {
        var y = x
        for m in 1..<sizes.count {
            y = (1...sizes[m]).map { k in
                var s = w["w_0\(k)^\(m)"]!
                for j in 1...sizes[m - 1] { s += w["w_\(j)\(k)^\(m)"]! * y[j - 1] }
                return 1 / (1 + exp(-gamma * s))
            }
        }
        return zip(d, y).reduce(0) { $0 + 0.5 * ($1.0 - $1.1) * ($1.0 - $1.1) }
    }

    func difference(_ name: String, _ x: [Double], _ d: [Double], h: Double = 1e-6) -> Double {
        var plus = self, minus = self
        plus.w[name]! += h; minus.w[name]! -= h
        return (plus.energy(x, d) - minus.energy(x, d)) / (2 * h)
    }
}

@Suite struct DeltaRuleTests {
    /// The backprop lesson's published numbers (Kuzovkin deck, Mazur), in Drchal's names.
    @Test func theGeneralRuleGivesTheKuzovkinNumbers() throws {
        let t = try DeltaRuleKuzovkin.run(Parameters(DeltaRuleKuzovkin.parameters))
        func near(_ name: String, _ published: Double, _ digits: Double) {
            #expect(abs(t.value(name)! - published) <= 0.5 * pow(10, -digits), "\(name) = \(t.value(name)!)")
        }
        near("y_1^1", 0.593269992, 9); near("y_1^2", 0.75136507, 8); near("y_2^2", 0.772928465, 9)
        near("E", 0.298371109, 9); near("dE/dw_11^2", 0.082167041, 9)
        near("w_11^2+", 0.35891648, 8); near("w_22^2+", 0.561370121, 9); near("w_11^1+", 0.149780716, 9)
        near("w_22^1+", 0.29950229, 8)
        // Drchal's δ is minus Mazur's ∂E/∂net_o1 = 0.74136507 · 0.186815602.
        near("delta_1^2", -0.74136507 * 0.186815602, 8)
        near("E_after", 0.280471447, 9)   // REFERENCES.md: thresholds per neuron updated
    }

    /// Every weight of a deeper, seeded network against a central difference of an independently written forward pass.
    @Test(arguments: [("2-3-2-2", 1, 1.0), ("3-4-4-2", 7, 2.0), ("1-1", 3, 0.5), ("2-5-1-3-2-1", 11, 1.0)])
    func everyGradientMatchesACentralDifference(layers: String, seed: Int, gamma: Double) throws {
        var p = Parameters(DeltaRule.parameters)
        try p.set("layers", to: layers); try p.set("seed", to: String(seed)); try p.set("gamma", to: String(gamma))
        try p.set("x", to: "0.3,-0.7,1"); try p.set("d", to: "0.2,0.9")
        let t = try DeltaRule.run(p)
        let sizes = layers.split(separator: "-").map { Int($0)! }
        // The seeded weights, drawn here in the documented order: per layer, per neuron, threshold then inputs.
        var rng = SplitMix64(seed: UInt64(seed))
        var w: [String: Double] = [:]
        for m in 1..<sizes.count { for k in 1...sizes[m] { for j in 0...sizes[m - 1] { w["w_\(j)\(k)^\(m)"] = rng.uniform(-0.5, 0.5) } } }
        let x = (0..<sizes[0]).map { [0.3, -0.7, 1][$0 % 3] }, d = (0..<sizes.last!).map { [0.2, 0.9][$0 % 2] }
        let net = PlainNet(sizes: sizes, w: w, gamma: gamma)
        #expect(abs(t.value("E")! - net.energy(x, d)) <= 1e-14)
        for (name, value) in w {
            #expect(t.value(name) == value)
            let fd = net.difference(name, x, d)
            let grad = t.value("dE/d\(name)")!
            // Central differences with h = 1e-6 on E of order 1: truncation ~h², rounding ~1e-16/h = 1e-10.
            #expect(abs(grad - fd) <= 1e-8, "\(name): \(grad) vs \(fd)")
            let dw = name.replacingOccurrences(of: "w_", with: "Dw_")
            #expect(abs(t.value(dw)! + 0.5 * fd) <= 1e-8)
        }
        #expect(t.value("max_difference")! <= 1e-15)
        var after = net
        for name in w.keys { after.w[name] = w[name]! - 0.5 * net.difference(name, x, d) }
        #expect(abs(t.value("E_after")! - after.energy(x, d)) <= 1e-8)
    }

    @Test func layersAreCheckedAndListsFilled() throws {
        var p = Parameters(DeltaRule.parameters)
        for bad in ["2", "2-0-1", "2-10-1", "1-1-1-1-1-1-1", "a-b", "2--1"] {
            #expect(throws: DerivationError.self) { try p.set("layers", to: bad) }
        }
        #expect(throws: DerivationError.self) { try p.set("x", to: "1,,2") }
        try p.set("layers", to: "3-1"); try p.set("x", to: "2")
        let t = try DeltaRule.run(p)
        #expect(t.value("x_3") == 2)
    }
}

@Suite struct GradientDescentTests {
    let x = [0.0, 1, 2, 3], d = [0.1, 0.3, 0.8, 0.9]
    func error(_ w0: Double, _ w1: Double) -> Double { zip(x, d).reduce(0) { $0 + 0.5 * pow($1.1 - w0 - w1 * $1.0, 2) } }

    @Test func theBowlByItsCharacteristicPolynomial() throws {
        let t = try GradientDescent.run(Parameters(GradientDescent.parameters))
        // H = [[4, 6], [6, 14]]: trace 18, determinant 20, λ = 9 ± √61.
        #expect(abs(t.value("lambda_max")! - (9 + sqrt(61))) <= 1e-12)
        #expect(abs(t.value("lambda_min")! - (9 - sqrt(61))) <= 1e-12)
        #expect(abs(t.value("eta_critical")! - 2 / (9 + sqrt(61))) <= 1e-12)
        // The minimum: both partial derivatives vanish there.
        let (w0, w1) = (t.value("w0_min")!, t.value("w1_min")!)
        let h = 1e-5
        #expect(abs((error(w0 + h, w1) - error(w0 - h, w1)) / (2 * h)) <= 1e-9)
        #expect(abs((error(w0, w1 + h) - error(w0, w1 - h)) / (2 * h)) <= 1e-9)
        #expect(abs(t.value("E_min")! - error(w0, w1)) <= 1e-15)
    }

    @Test func ratesAndMomentumStepByStep() throws {
        let t = try GradientDescent.run(Parameters(GradientDescent.parameters))
        func gradient(_ w: (Double, Double)) -> (Double, Double) {
            let h = 1e-6
            return ((error(w.0 + h, w.1) - error(w.0 - h, w.1)) / (2 * h), (error(w.0, w.1 + h) - error(w.0, w.1 - h)) / (2 * h))
        }
        for (name, eta) in [("small", 0.01), ("good", 0.1), ("large", 0.13)] {
            var w = (-0.5, 0.5)
            for step in 1...30 {
                let g = gradient(w); w = (w.0 - eta * g.0, w.1 - eta * g.1)
                let e = error(w.0, w.1)
                #expect(abs(t.value("E_\(name)_\(step)")! - e) <= 1e-7 * max(1, e), "\(name) step \(step)")
            }
        }
        #expect(t.value("E_large_30")! > 100)
        // Momentum by hand at w = (−0.5, 0.5): residuals 0.6, 0.3, 0.3, −0.1, ∂E/∂w1 = −0.6, Δw1(1) = 0.02·0.6.
        #expect(abs(t.value("Δw1(1)")! - 0.012) <= 1e-15)
        var w = (-0.5, 0.5), step = (0.0, 0.0)
        for s in 1...40 {
            let g = gradient(w)
            step = (-0.02 * g.0 + 0.8 * step.0, -0.02 * g.1 + 0.8 * step.1)
            w = (w.0 + step.0, w.1 + step.1)
            if s == 2 { #expect(abs(t.value("Δw1(2)")! - step.1) <= 1e-9) }
        }
        #expect(abs(t.value("E_momentum_40")! - error(w.0, w.1)) <= 1e-8)
        #expect(t.value("E_momentum_40")! < t.value("E_plain_40")!)
    }

    /// The network's first epoch of online learning, by central differences of an independent forward pass.
    @Test func onlineEpochByFiniteDifferences() throws {
        let t = try GradientDescent.run(Parameters(GradientDescent.parameters))
        var rng = SplitMix64(seed: 1)
        var w: [String: Double] = [:]
        for (m, n, fanIn) in [(1, 3, 1), (2, 1, 3)] { for k in 1...n { for j in 0...fanIn { w["w_\(j)\(k)^\(m)"] = rng.uniform(-0.5, 0.5) } } }
        #expect(w.values.allSatisfy { (-0.5...0.5).contains($0) })
        var net = PlainNet(sizes: [1, 3, 1], w: w, gamma: 1)
        func total(_ n: PlainNet) -> Double { zip(x, d).reduce(0) { $0 + n.energy([$1.0], [$1.1]) } }
        #expect(abs(t.value("E_online_0")! - total(net)) <= 1e-14)
        for (xp, dp) in zip(x, d) {
            let g = Dictionary(uniqueKeysWithValues: net.w.keys.map { ($0, net.difference($0, [xp], [dp])) })
            for (name, v) in g { net.w[name]! -= 0.5 * v }
        }
        #expect(abs(t.value("E_online_1")! - total(net)) <= 1e-9)
    }
}

@Suite struct VanishingGradientTests {
    func sigma(_ s: Double) -> Double { 1 / (1 + exp(-s)) }

    @Test func theChainIsAProductOfDerivatives() throws {
        let t = try VanishingGradients.run(Parameters(VanishingGradients.parameters))
        // a_1 = 1, w = 1: s_1 = 1, s_(l+1) = σ(s_l); ∂J/∂w_1 = y · Π σ'(s_l) · a_1 (d = 0).
        var s = 1.0, product = 1.0
        for _ in 1...10 { product *= sigma(s) * (1 - sigma(s)); s = sigma(s) }
        #expect(abs(t.value("product_sigmoid")! - product) <= 1e-20)
        #expect(abs(t.value("dJ/dw_1_sigmoid")! - s * product) <= 1e-20)
        #expect(t.value("dJ/dw_1_sigmoid")! < pow(0.25, 10))
        #expect(t.value("dJ/dw_1_relu") == 1)
        #expect(t.value("sigmoid_bound") == pow(0.25, 10))
    }

    /// The first layer's gradient norm by central differences of a forward pass written here.
    @Test(arguments: ["sigmoid", "relu"])
    func theFirstLayerByFiniteDifferences(_ activation: String) throws {
        let t = try VanishingGradients.run(Parameters(VanishingGradients.parameters))
        let sizes = Array(repeating: 16, count: 10) + [1]
        var rng = SplitMix64(seed: 1)
        var W: [[[Double]]] = []
        for m in 1..<sizes.count {
            let b = sqrt(6 / Double(sizes[m - 1]))
            W.append((0..<sizes[m]).map { _ in (0..<sizes[m - 1]).map { _ in rng.uniform(-b, b) } })
        }
        let input = (0..<16).map { _ in rng.nextUnit() }
        func f(_ s: Double, last: Bool) -> Double { last ? s : (activation == "relu" ? max(0, s) : sigma(s)) }
        func energy(_ W: [[[Double]]]) -> Double {
            var a = input
            for (m, matrix) in W.enumerated() {
                a = matrix.map { row in f(zip(row, a).reduce(0) { $0 + $1.0 * $1.1 }, last: m == W.count - 1) }
            }
            return 0.5 * a[0] * a[0]
        }
        var sum = 0.0
        let h = 1e-6
        for k in 0..<16 {
            for j in 0..<16 {
                var plus = W, minus = W
                plus[0][k][j] += h; minus[0][k][j] -= h
                let g = (energy(plus) - energy(minus)) / (2 * h)
                sum += g * g
            }
        }
        let norm = t.value("norm_\(activation)_1")!
        // Each component is good to ~1e-10 absolutely; the sigmoid's norm is ~1e-4, so 1e-4 relative is generous.
        #expect(abs(norm - sqrt(sum)) <= 1e-4 * sqrt(sum) + 1e-9, "\(norm) vs \(sqrt(sum))")
    }

    @Test func reluIsHomogeneous() throws {
        var p = Parameters(VanishingGradients.parameters)
        try p.set("large", to: "1.5"); try p.set("layers", to: "6")
        let t = try VanishingGradients.run(p)
        #expect(abs(t.value("signal_growth")! - pow(1.5, 5)) <= 1e-9 * pow(1.5, 5))
        #expect(abs(t.value("gradient_growth")! - pow(1.5, 11)) <= 1e-9 * pow(1.5, 11))
        #expect(t.value("ratio_sigmoid")! < t.value("ratio_relu")!)
    }
}
