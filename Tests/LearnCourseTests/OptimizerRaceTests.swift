import Foundation
import Testing
import LearnCore
import LearnScalar
@testable import LearnCourse

/// The `optimizers` derivation against a 2-2-2 network written out here by hand (closed-form forward,
/// gradient and Jacobian in Double, no scalar engine) and each update rule re-implemented from its
/// published formula. Levenberg–Marquardt's step is checked through the push-through identity
/// (JᵀJ + μI)⁻¹Jᵀ = Jᵀ(JJᵀ + μI)⁻¹, a 2 × 2 system instead of the derivation's 8 × 8 Cholesky.
@Suite struct OptimizerRaceTests {
    static let start = [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]
    static let targets = [0.01, 0.99]

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// Outputs, residuals and ∂out_k/∂w_n (w1…w4 into h1, h2; w5, w6 into o1; w7, w8 into o2; biases 0.35, 0.60).
    static func evaluate(_ w: [Double]) -> (error: Double, residuals: [Double], jacobian: [[Double]]) {
        let i = [0.05, 0.10]
        let h = [sigmoid(w[0] * i[0] + w[1] * i[1] + 0.35), sigmoid(w[2] * i[0] + w[3] * i[1] + 0.35)]
        let o = [sigmoid(w[4] * h[0] + w[5] * h[1] + 0.60), sigmoid(w[6] * h[0] + w[7] * h[1] + 0.60)]
        var j = [[Double]](repeating: [Double](repeating: 0, count: 8), count: 2)
        for k in 0..<2 {
            let d = o[k] * (1 - o[k])
            for m in 0..<2 {
                j[k][4 + 2 * k + m] = d * h[m]
                let back = d * w[4 + 2 * k + m] * h[m] * (1 - h[m])
                j[k][2 * m] += back * i[0]
                j[k][2 * m + 1] += back * i[1]
            }
        }
        let r = [o[0] - targets[0], o[1] - targets[1]]
        return (0.5 * (r[0] * r[0] + r[1] * r[1]), r, j)
    }

    static func gradient(_ w: [Double]) -> [Double] {
        let e = evaluate(w)
        return (0..<8).map { n in e.jacobian[0][n] * e.residuals[0] + e.jacobian[1][n] * e.residuals[1] }
    }

    /// Epochs until E ≤ target for a rule mapping (weights, epoch state) to a change.
    static func epochs(to target: Double, limit: Int, _ change: (inout [Double]) -> [Double]) -> Int? {
        var w = start
        for t in 0...limit {
            if evaluate(w).error <= target { return t }
            let d = change(&w)
            w = zip(w, d).map { $0 + $1 }
        }
        return nil
    }

    let trace: Trace
    init() throws { trace = try Optimizers.run(Parameters(Optimizers.parameters)) }

    func value(_ name: String) throws -> Double { try #require(trace.value(name), "\(name) missing") }

    @Test func firstStepsByHand() throws {
        let g1 = Self.gradient(Self.start)
        #expect(abs(try value("E_0") - Self.evaluate(Self.start).error) <= 1e-12)
        #expect(abs(try value("g_5(1)") - g1[4]) <= 1e-12)
        #expect(abs(try value("gd_dw5_1") - (-0.5 * g1[4])) <= 1e-12)
        // Momentum: Δw(2) = −η g(2) + α Δw(1), with Δw(1) = −η g(1).
        let w1 = zip(Self.start, g1).map { $0 - 0.5 * $1 }
        let g2 = Self.gradient(w1)
        #expect(abs(try value("momentum_dw5_2") - (-0.5 * g2[4] + 0.9 * (-0.5 * g1[4]))) <= 1e-12)
        #expect(abs(try value("rprop_dw5_1") - (-0.1)) <= 1e-15)
        #expect(abs(try value("E_1_gd") - Self.evaluate(w1).error) <= 1e-12)
        #expect(abs(try value("E_1_gd") - 0.291027774) <= 0.5e-9)   // REFERENCES.md, frozen biases
        #expect(abs(try value("E_1_rprop") - 0.277291760) <= 0.5e-9) // REFERENCES.md, Δ0 = 0.1
    }

    /// QuickProp from Fahlman's rule, written here with its own case analysis.
    @Test func quickPropSteps() throws {
        var w = Self.start, previousSlope = [Double](repeating: 0, count: 8), previousChange = previousSlope
        var factors: [[Double]] = [], changes: [[Double]] = []
        for _ in 0..<4 {
            let s = Self.gradient(w)
            var f = [Double](repeating: .nan, count: 8), d = [Double](repeating: 0, count: 8)
            for n in 0..<8 {
                if previousChange[n] == 0 { d[n] = -0.5 * s[n]; continue }
                let sameSign = s[n] * previousSlope[n] > 0
                if sameSign && abs(s[n]) >= abs(previousSlope[n]) { f[n] = 1.75 } else {
                    f[n] = Swift.min(s[n] / (previousSlope[n] - s[n]), 1.75)
                }
                d[n] = f[n] * previousChange[n] + (sameSign ? -0.5 * s[n] : 0)
            }
            factors.append(f); changes.append(d)
            (previousSlope, previousChange) = (s, d)
            w = zip(w, d).map { $0 + $1 }
        }
        #expect(try value("f_5(2)") == factors[1][4])
        #expect(factors[1][4] == 1.75)   // the slope grew steeper: capped
        #expect(abs(try value("quickprop_dw5_2") - changes[1][4]) <= 1e-12)
        #expect(abs(try value("f_1(4)") - factors[3][0]) <= 1e-9)
        #expect(factors[3][0] < 0)       // the slope changed sign: a step back
        #expect(abs(try value("quickprop_dw1_4") - changes[3][0]) <= 1e-12)
    }

    @Test func levenbergMarquardtFirstStepThroughTheTwoByTwoSystem() throws {
        let e = Self.evaluate(Self.start), mu = 0.01
        // (JJᵀ + μI) y = r, δ = −Jᵀ y.
        let a = (0..<2).map { k in (0..<2).map { m in (0..<8).reduce(0.0) { $0 + e.jacobian[k][$1] * e.jacobian[m][$1] } + (k == m ? mu : 0) } }
        let det = a[0][0] * a[1][1] - a[0][1] * a[1][0]
        let y = [(a[1][1] * e.residuals[0] - a[0][1] * e.residuals[1]) / det, (a[0][0] * e.residuals[1] - a[1][0] * e.residuals[0]) / det]
        let delta = (0..<8).map { n in -(e.jacobian[0][n] * y[0] + e.jacobian[1][n] * y[1]) }
        #expect(abs(try value("lm_dw5_1") - delta[4]) <= 1e-10)
        let after = Self.evaluate(zip(Self.start, delta).map { $0 + $1 }).error
        #expect(after < e.error)   // kept at the first try
        #expect(try value("lm_tries_1") == 1)
        #expect(abs(try value("E_1_lm") - after) <= 1e-12)
    }

    @Test func epochsToTheTarget() throws {
        #expect(try value("epochs_gd") == Double(try #require(Self.epochs(to: 0.001, limit: 2000) { w in Self.gradient(w).map { -0.5 * $0 } })))
        var velocity = [Double](repeating: 0, count: 8)
        #expect(try value("epochs_momentum") == Double(try #require(Self.epochs(to: 0.001, limit: 2000) { w in
            velocity = zip(velocity, Self.gradient(w)).map { 0.9 * $0 - 0.5 * $1 }
            return velocity
        })))
        // iRprop⁻ from Igel & Hüsken's description.
        var step = [Double](repeating: 0.1, count: 8), previous = [Double](repeating: 0, count: 8)
        #expect(try value("epochs_rprop") == Double(try #require(Self.epochs(to: 0.001, limit: 2000) { w in
            let g = Self.gradient(w)
            return (0..<8).map { n in
                let agreement = previous[n] * g[n]
                if agreement > 0 { step[n] = Swift.min(step[n] * 1.2, 50) }
                if agreement < 0 { step[n] = Swift.max(step[n] * 0.5, 1e-6); previous[n] = 0; return 0 }
                previous[n] = g[n]
                return g[n] > 0 ? -step[n] : (g[n] < 0 ? step[n] : 0)
            }
        })))
        var slope = [Double](repeating: 0, count: 8), last = [Double](repeating: 0, count: 8)
        #expect(try value("epochs_quickprop") == Double(try #require(Self.epochs(to: 0.001, limit: 2000) { w in
            let s = Self.gradient(w)
            let d = (0..<8).map { n -> Double in
                if last[n] == 0 { return -0.5 * s[n] }
                let same = s[n] * slope[n] > 0
                let f = same && abs(s[n]) >= abs(slope[n]) ? 1.75 : Swift.min(s[n] / (slope[n] - s[n]), 1.75)
                return f * last[n] + (same ? -0.5 * s[n] : 0)
            }
            (slope, last) = (s, d)
            return d
        })))
        #expect(try value("epochs_gd") > 10 * (try value("epochs_rprop")))   // Drchal: "an order of magnitude"
    }

    @Test func quickPropFactorCases() {
        let q = QuickProp(count: 0, learningRate: 0.5, maximumGrowth: 1.75)
        #expect(q.factor(slope: 1, previous: 4) == 1.0 / 3)     // parabola: 1/(4 − 1)
        #expect(q.factor(slope: -1, previous: 3) == -0.25)      // crossed the minimum: −1/(3 + 1)
        #expect(q.factor(slope: 2, previous: 1) == 1.75)        // steeper: capped
        #expect(q.factor(slope: 0.9, previous: 1) == 1.75)      // 0.9/0.1 = 9 > μ
    }

    @Test func choleskySolvesAKnownSystem() {
        // A = [[4, 2], [2, 3]], x = (1, −2): b = (0, −4).
        let x = LevenbergMarquardt.choleskySolve([[4, 2], [2, 3]], [0, -4])
        #expect(abs(x[0] - 1) <= 1e-14 && abs(x[1] + 2) <= 1e-14)
    }
}
