import Foundation
import Testing
import LearnCore
import LearnScalar
@testable import LearnCourse

/// XOR: the inequalities, the hand-set network, and backprop training against an independent loop and
/// against the scalar engine's gradients.
@Suite struct XORLessonTests {
    func run(_ d: any Derivation.Type, _ settings: [String: String] = [:]) throws -> Trace { try runDerivation(d, settings) }

    @Test(arguments: [(-1.0, 1.0, 1.0), (-1.5, 1, 1), (0.3, -2, 5), (2, 2, 2)])
    func noWeightsSatisfyAllFour(w0: Double, w1: Double, w2: Double) throws {
        let t = try run(XORInequalities.self, ["w0": "\(w0)", "w1": "\(w1)", "w2": "\(w2)"])
        let v = [w0, w0 + w2, w0 + w1, w0 + w1 + w2]
        let holds = [v[0] < 0, v[1] >= 0, v[2] >= 0, v[3] < 0].filter { $0 }.count
        #expect(t.value("satisfied") == Double(holds))
        #expect(holds < 4)
        #expect(abs(t.value("gap")!) <= 1e-12 * (1 + abs(w0) + abs(w1) + abs(w2)))
    }

    @Test func aGridOfWeightsNeverComputesXOR() {
        // Independent of the derivation: every w on a grid fails at least one sample.
        for w0 in stride(from: -3.0, through: 3, by: 0.5) {
            for w1 in stride(from: -3.0, through: 3, by: 0.5) {
                for w2 in stride(from: -3.0, through: 3, by: 0.5) {
                    let out = [(0.0, 0.0), (0, 1), (1, 0), (1, 1)].map { w0 + w1 * $0.0 + w2 * $0.1 >= 0 }
                    #expect(out != [false, true, true, false])
                }
            }
        }
    }

    @Test func theSignNetworkComputesXORThroughTies() throws {
        let t = try run(XORNetwork.self)
        // sign(x1 − x2), sign(x2 − x1), then sign(−z1 − z2), by hand.
        func sgn(_ z: Double) -> Double { z >= 0 ? 1 : -1 }
        for (n, x) in zip(["a", "b", "c", "d"], [(0.0, 0.0), (0, 1), (1, 0), (1, 1)]) {
            let z1 = sgn(x.0 - x.1), z2 = sgn(x.1 - x.0)
            #expect(t.value("ybar(\(n))") == -z1 - z2)
            #expect(t.value("yhat(\(n))") == sgn(-z1 - z2))
        }
        #expect([t.value("yhat(a)"), t.value("yhat(b)"), t.value("yhat(c)"), t.value("yhat(d)")] == [-1, 1, 1, -1])
        #expect(t.value("correct") == 4)
    }

    @Test func noStepNetworkWithoutBiasesComputesXOR() throws {
        // Whole-number weights −2…2 (5⁶ networks): none gets all four right with f(0) = 1 and outputs 0/1.
        let r: [Double] = [-2, -1, 0, 1, 2]
        var found = 0
        for a in r { for b in r { for c in r { for d in r { for e in r { for f in r {
            func step(_ z: Double) -> Double { z >= 0 ? 1 : 0 }
            let out = [(0.0, 0.0), (0, 1), (1, 0), (1, 1)].map { x in
                step(e * step(a * x.0 + b * x.1) + f * step(c * x.0 + d * x.1))
            }
            if out == [0, 1, 1, 0] { found += 1 }
        } } } } } }
        #expect(found == 0)
        let t = try run(XORNetwork.self, ["activation": "step", "wo1": "1", "wo2": "1"])
        #expect(t.value("correct") == 2)
    }

    /// The deck's BP loop written again: σ units with biases, weights from SplitMix64 in the documented order.
    func train(seed: UInt64, eta: Double, epochs: Int) -> (outputs: [Double], error: Double) {
        var rng = SplitMix64(seed: seed)
        var h = (0..<6).map { _ in rng.uniform(-0.5, 0.5) }   // w11 w21 b1 w12 w22 b2
        var o = (0..<3).map { _ in rng.uniform(-0.5, 0.5) }   // v1 v2 c
        func s(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        let xs: [(Double, Double)] = [(0, 0), (0, 1), (1, 0), (1, 1)], ys: [Double] = [0, 1, 1, 0]
        func fwd(_ x: (Double, Double)) -> (Double, Double, Double) {
            let z1 = s(h[0] * x.0 + h[1] * x.1 + h[2]), z2 = s(h[3] * x.0 + h[4] * x.1 + h[5])
            return (z1, z2, s(o[0] * z1 + o[1] * z2 + o[2]))
        }
        for _ in 0..<epochs {
            for (x, y) in zip(xs, ys) {
                let (z1, z2, yh) = fwd(x)
                let d = yh * (1 - yh) * (y - yh)
                let d1 = z1 * (1 - z1) * o[0] * d, d2 = z2 * (1 - z2) * o[1] * d
                o[0] += eta * d * z1; o[1] += eta * d * z2; o[2] += eta * d
                h[0] += eta * d1 * x.0; h[1] += eta * d1 * x.1; h[2] += eta * d1
                h[3] += eta * d2 * x.0; h[4] += eta * d2 * x.1; h[5] += eta * d2
            }
        }
        let outs = xs.map { fwd($0).2 }
        return (outs, zip(outs, ys).reduce(0) { $0 + 0.5 * ($1.0 - $1.1) * ($1.0 - $1.1) })
    }

    @Test(arguments: [(1, 5000), (12, 5000), (13, 300)])
    func trainingMatchesAnIndependentLoop(seed: Int, epochs: Int) throws {
        let t = try run(XORTraining.self, ["seed": "\(seed)", "epochs": "\(epochs)"])
        let ref = train(seed: UInt64(seed), eta: 0.5, epochs: epochs)
        // Same operations in a possibly different order: agree to well within 1e-9 after thousands of steps.
        for (n, y) in zip(["a", "b", "c", "d"], ref.outputs) { #expect(abs(t.value("yhat(\(n))")! - y) <= 1e-9) }
        #expect(abs(t.value("E_final")! - ref.error) <= 1e-9)
    }

    @Test func seedOneLearnsAndSeedTwelveIsStuck() throws {
        let good = try run(XORTraining.self)
        #expect(good.value("classified") == 4)
        #expect(good.value("E_final")! < 0.01)
        let stuck = try run(XORTraining.self, ["seed": "12"])
        #expect(stuck.value("classified") == 3)
        #expect((0.24...0.27).contains(stuck.value("E_final")!))
    }

    @Test func theFirstStepsDeltasAreTheEnginesGradients() throws {
        // −δ^o·z_j = ∂E_t/∂w_j^o and −δ_j^h = ∂E_t/∂z̄_j, with E_t = ½(y − ŷ)², from the engine's backward pass.
        let t = try run(XORTraining.self, ["epochs": "1"])
        let keys = ["wh_11", "wh_21", "wh_01", "wh_12", "wh_22", "wh_02", "wo_1", "wo_2", "wo_0"]
        let w = keys.map { Value(t.value($0)!, name: $0) }
        let x1 = Value(0), x2 = Value(0)
        let zbar1 = w[0] * x1 + w[1] * x2 + w[2], zbar2 = w[3] * x1 + w[4] * x2 + w[5]
        let z1 = zbar1.sigmoid(), z2 = zbar2.sigmoid()
        let yHat = (w[6] * z1 + w[7] * z2 + w[8]).sigmoid()
        let e = 0.5 * (0 - yHat).pow(2)
        e.backward()
        let tol = 1e-15
        #expect(abs(t.value("y_hat")! - yHat.data) <= tol)
        #expect(abs(-t.value("delta_o")! * t.value("z_1")! - w[6].grad) <= tol)
        #expect(abs(-t.value("delta_o")! - w[8].grad) <= tol)
        #expect(abs(-t.value("delta_h1")! - w[2].grad) <= tol)
        #expect(abs(-t.value("delta_h2")! - w[5].grad) <= tol)
        #expect(abs(t.value("wo_1+")! - (w[6].data - 0.5 * w[6].grad)) <= tol)
        #expect(abs(t.value("wh_01+")! - (w[2].data - 0.5 * w[2].grad)) <= tol)
        // Every initial weight lies in [−0.5, 0.5].
        #expect(keys.allSatisfy { abs(t.value($0)!) <= 0.5 })
    }
}
