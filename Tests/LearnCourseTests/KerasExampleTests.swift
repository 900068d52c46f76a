import Foundation
import Testing
import LearnCore
import LearnTensor
@testable import LearnCourse

/// The `keras-example` derivation (the Kuzovkin deck's Keras code in the tensor engine): its counts
/// against arithmetic done here, its first updates against an independent Double implementation of the
/// same network, SGD with Nesterov momentum and mean squared error, and the known outcomes — chance on
/// random labels, learning on labels from a rule.
@Suite struct KerasExampleTests {
    @Test func countsOfTheDecksNetwork() throws {
        let t = try runDerivation(KerasExample.self)
        // Dense(64, input_dim=20) + Dense(64) + Dense(2): weights and biases.
        #expect(t.value("parameter_count") == Double((20 * 64 + 64) + (64 * 64 + 64) + (64 * 2 + 2)))
        #expect(t.value("parameter_count") == 5634)
        // 1000 samples in batches of 16: 62 full batches and one of 8.
        #expect(t.value("updates_per_epoch") == 63)
        #expect(t.value("updates") == 1260)
        #expect(abs(try #require(t.value("last_rate")) - 0.1 / (1 + 1e-6 * 1259)) <= 1e-15)
        // Outputs near (½, ½) before training: ½((½ − 1)² + ½²) = 0.25 for either label.
        #expect(abs(try #require(t.value("initial_loss")) - 0.25) <= 0.001)
        #expect(t.value("chance_spread") == 5)
    }

    @Test func randomLabelsGiveChanceAndARuleIsLearned() throws {
        let random = try runDerivation(KerasExample.self)
        // 100 test samples: chance is 50 % with a standard deviation of 5 points; three of them either side.
        #expect((35...65).contains(try #require(random.value("test_accuracy"))))
        #expect((35...65).contains(try #require(random.value("late_test_accuracy"))))
        #expect((0.2...0.3).contains(try #require(random.value("final_loss"))))
        for seed in ["2", "3"] {
            let other = try runDerivation(KerasExample.self, ["seed": seed])
            #expect((35...65).contains(try #require(other.value("late_test_accuracy"))), "seed \(seed)")
        }
        let rule = try runDerivation(KerasExample.self, ["labels": "rule"])
        // A hyperplane separates the classes: the average of the last five epochs is far above chance.
        #expect(try #require(rule.value("late_test_accuracy")) >= 80)
        #expect(try #require(rule.value("best_test_accuracy")) >= 90)
    }

    /// The network in Double, written out: h₁ = ReLU(xW₁ + b₁), h₂ = tanh(h₁W₂ + b₂), z = h₂W₃ + b₃,
    /// y = softmax(z), E = (1/B) Σ ½Σⱼ(yⱼ − dⱼ)²; gradients by hand; Nesterov: v ← αv − ηg, w ← w + αv − ηg.
    struct Reference {
        var w: [[Double]]   // W₁ (20·h), b₁, W₂ (h·h), b₂, W₃ (h·2), b₃, row-major [in, out]
        let h: Int

        func forward(_ x: [Double]) -> (h1: [Double], h2: [Double], y: [Double]) {
            func dense(_ input: [Double], _ weight: [Double], _ bias: [Double], _ n: Int) -> [Double] {
                (0..<n).map { j in bias[j] + input.indices.reduce(0) { $0 + input[$1] * weight[$1 * n + j] } }
            }
            let h1 = dense(x, w[0], w[1], h).map { max(0, $0) }
            let h2 = dense(h1, w[2], w[3], h).map { tanh($0) }
            let z = dense(h2, w[4], w[5], 2)
            let m = z.max()!, e = z.map { exp($0 - m) }, s = e.reduce(0, +)
            return (h1, h2, e.map { $0 / s })
        }

        func gradient(_ xs: [[Double]], _ ds: [[Double]]) -> [[Double]] {
            var g = w.map { [Double](repeating: 0, count: $0.count) }
            let scale = 1 / Double(xs.count)
            for (x, d) in zip(xs, ds) {
                let (h1, h2, y) = forward(x)
                let dy = (0..<2).map { (y[$0] - d[$0]) * scale }
                let dot = dy[0] * y[0] + dy[1] * y[1]
                let dz = (0..<2).map { y[$0] * (dy[$0] - dot) }
                for i in 0..<h { for j in 0..<2 { g[4][i * 2 + j] += h2[i] * dz[j] } }
                for j in 0..<2 { g[5][j] += dz[j] }
                let dh2 = (0..<h).map { i in (0..<2).reduce(0) { $0 + w[4][i * 2 + $1] * dz[$1] } }
                let da2 = (0..<h).map { dh2[$0] * (1 - h2[$0] * h2[$0]) }
                for i in 0..<h { for j in 0..<h { g[2][i * h + j] += h1[i] * da2[j] } }
                for j in 0..<h { g[3][j] += da2[j] }
                let dh1 = (0..<h).map { i in (0..<h).reduce(0) { $0 + w[2][i * h + $1] * da2[$1] } }
                let da1 = (0..<h).map { h1[$0] > 0 ? dh1[$0] : 0 }
                for i in 0..<20 { for j in 0..<h { g[0][i * h + j] += x[i] * da1[j] } }
                for j in 0..<h { g[1][j] += da1[j] }
            }
            return g
        }
    }

    @Test func firstUpdatesMatchAnIndependentDoubleImplementation() throws {
        let hidden = 5, batch = 4, samples = 12, (eta, alpha, decay) = (0.1, 0.9, 0.01)
        var g = SplitMix64(seed: 7)
        let network = KerasExample.model(hidden: hidden, dropout: 0, generator: &g)
        let data = KerasExample.data(count: samples, rule: false, generator: &g)
        var reference = Reference(w: network.parameters.map { $0.value.scalars.map(Double.init) }, h: hidden)
        var shuffle = g
        let history = KerasExample.fit(network, x: data.x, labels: data.labels, test: (data.x, data.labels), epochs: 2,
                                       batchSize: batch, rate: eta, momentum: alpha, decay: decay, generator: &g)
        #expect(history.count == 2)
        // The same two epochs in Double: the same shuffles, three batches each, the rate η/(1 + decay·t).
        var velocity = reference.w.map { [Double](repeating: 0, count: $0.count) }
        var t = 0
        for _ in 0..<2 {
            let order = KerasExample.shuffled(samples, generator: &shuffle)
            for start in stride(from: 0, to: samples, by: batch) {
                let rows = order[start..<start + batch]
                let xs = rows.map { i in (0..<20).map { Double(data.x[i * 20 + $0]) } }
                let ds = rows.map { data.labels[$0] == 1 ? [0.0, 1] : [1.0, 0] }
                let grad = reference.gradient(xs, ds)
                let rate = Double(Float(eta / (1 + decay * Double(t))))
                for k in reference.w.indices {
                    for i in reference.w[k].indices {
                        velocity[k][i] = alpha * velocity[k][i] - rate * grad[k][i]
                        reference.w[k][i] += alpha * velocity[k][i] - rate * grad[k][i]
                    }
                }
                t += 1
            }
        }
        // Float32 against Double over six small steps: agreement to 1e-5 absolute is far tighter than any
        // mistake in a gradient or in the update rule would give (each changes weights by ~1e-3).
        for (parameter, expected) in zip(network.parameters, reference.w) {
            for (a, b) in zip(parameter.value.scalars, expected) {
                #expect(abs(Double(a) - b) <= 1e-5, "\(parameter.name)")
            }
        }
    }

    @Test func dropoutIsOnlyActiveWhileTraining() throws {
        var g = SplitMix64(seed: 3)
        let network = KerasExample.model(hidden: 8, dropout: 0.5, generator: &g)
        let x = Tensor(shape: [2, 20], scalars: (0..<40).map { Float($0) / 40 })
        let a = network.forward(x, training: false).scalars, b = network.forward(x, training: false).scalars
        #expect(a == b)
        for row in 0..<2 { #expect(abs(a[2 * row] + a[2 * row + 1] - 1) <= 1e-6) }
    }
}
