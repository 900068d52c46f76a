import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The hyperplane distance, the convergence bound and the ULB step perceptron, against computations
/// written here from the decks' formulas and the theorem.
@Suite struct PerceptronGeometryTests {
    func run(_ d: any Derivation.Type, _ settings: [String: String] = [:]) throws -> Trace { try runDerivation(d, settings) }

    @Test(arguments: [(-1.0, 2.0, 1.0, 0.5, 1.0), (-3, 1, -1, 0.5, 1), (4, -3, 0.5, -2, 7), (0, 0, 2, 3, 3)])
    func distanceIsThePerpendicular(w0: Double, w1: Double, w2: Double, x1: Double, x2: Double) throws {
        let t = try run(HyperplaneDistance.self, ["w0": "\(w0)", "w1": "\(w1)", "w2": "\(w2)", "x1": "\(x1)", "x2": "\(x2)"])
        // Independently: minimise ‖x − q‖ over q on the line by parametrising it. A point on the line and its
        // direction: q(s) = q0 + s·(−w2, w1); the closest s makes (x − q(s)) orthogonal to the direction.
        let q0: (Double, Double) = w2 != 0 ? (0, -w0 / w2) : (-w0 / w1, 0)
        let d = (-w2, w1)
        let s = ((x1 - q0.0) * d.0 + (x2 - q0.1) * d.1) / (d.0 * d.0 + d.1 * d.1)
        let q = (q0.0 + s * d.0, q0.1 + s * d.1)
        let expected = ((x1 - q.0) * (x1 - q.0) + (x2 - q.1) * (x2 - q.1)).squareRoot()
        let tolerance = 1e-12 + 1e-12 * expected  // a handful of roundings in Double
        #expect(abs(t.value("dist")! - expected) <= tolerance)
        #expect(abs(t.value("dist_xp")! - expected) <= tolerance)
        #expect(abs(t.value("p1")! - q.0) <= 1e-12 + 1e-12 * abs(q.0))
        #expect(abs(t.value("p2")! - q.1) <= 1e-12 + 1e-12 * abs(q.1))
        let v = w0 + w1 * x1 + w2 * x2
        #expect(t.value("y_hat") == (v >= 0 ? 1 : -1))
        #expect(abs(t.value("dist_w0")! - abs(v) / (w0 * w0 + w1 * w1 + w2 * w2).squareRoot()) <= 1e-12)
    }

    @Test func theDecksExample() throws {
        let t = try run(HyperplaneDistance.self)
        #expect(t.value("v") == 1)
        #expect(abs(t.value("dist")! - 1 / 5.0.squareRoot()) <= 1e-15)
        #expect(abs(t.value("dist_w0")! - 1 / 6.0.squareRoot()) <= 1e-15)
    }

    @Test func noHyperplaneWithoutDirection() {
        #expect(throws: DerivationError.self) { try run(HyperplaneDistance.self, ["w1": "0", "w2": "0"]) }
    }

    /// The Week 10 rule from w = 0 (sign(0) = +1), counting updates.
    func perceptron(_ targets: [Double], eta: Double = 1) -> (updates: Int, w: [Double]) {
        let xs: [(Double, Double)] = [(0, 0), (0, 1), (1, 0), (1, 1)]
        var w = [0.0, 0, 0], updates = 0
        for _ in 0..<1000 {
            var clean = true
            for (k, x) in xs.enumerated() {
                let yHat: Double = w[0] + w[1] * x.0 + w[2] * x.1 >= 0 ? 1 : -1
                if yHat != targets[k] {
                    clean = false; updates += 1
                    let e = targets[k] - yHat
                    w = [w[0] + eta * e, w[1] + eta * e * x.0, w[2] + eta * e * x.1]
                }
            }
            if clean { break }
        }
        return (updates, w)
    }

    /// The widest margin by brute force: unit vectors u on a fine sphere grid, refined around the best.
    func bestMargin(_ targets: [Double]) -> Double {
        let xs: [[Double]] = [[1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]]
        func margin(_ th: Double, _ ph: Double) -> Double {
            let u = [cos(th), sin(th) * cos(ph), sin(th) * sin(ph)]
            return zip(xs, targets).map { x, y in y * (u[0] * x[0] + u[1] * x[1] + u[2] * x[2]) }.min()!
        }
        var best = (-Double.infinity, 0.0, 0.0), step = Double.pi / 200
        var (thRange, phRange) = ((0.0, Double.pi), (-Double.pi, Double.pi))
        for _ in 0..<6 {
            var th = thRange.0
            while th <= thRange.1 {
                var ph = phRange.0
                while ph <= phRange.1 {
                    let m = margin(th, ph)
                    if m > best.0 { best = (m, th, ph) }
                    ph += step
                }
                th += step
            }
            thRange = (best.1 - 2 * step, best.1 + 2 * step); phRange = (best.2 - 2 * step, best.2 + 2 * step)
            step /= 20
        }
        return best.0
    }

    @Test(arguments: [("AND", [-1.0, -1, -1, 1]), ("OR", [-1.0, 1, 1, 1]), ("NAND", [1.0, 1, 1, -1]), ("NOR", [1.0, -1, -1, -1])])
    func updatesStayWithinTheBound(gate: String, targets: [Double]) throws {
        let t = try run(PerceptronConvergence.self, ["gate": gate])
        let ref = perceptron(targets)
        #expect(t.value("updates") == Double(ref.updates))
        #expect([t.value("w0"), t.value("w1"), t.value("w2")] == ref.w.map { Optional($0) })
        let gamma = bestMargin(targets)
        // The grid search finds the maximum to about 1e-9; the solver's γ must match and not exceed it by more.
        #expect(abs(t.value("gamma")! - gamma) <= 1e-8)
        #expect(abs(t.value("R")! - 3.0.squareRoot()) <= 1e-15)
        let bound = 3 / (gamma * gamma)
        #expect(abs(t.value("bound")! - bound) <= 1e-6 * bound)
        #expect(Double(ref.updates) <= bound)
    }

    @Test func andAndOrBoundsAreTheClosedForms() throws {
        // AND: w* = (−3, 2, 2), ‖w*‖² = 17, γ = 1/√17, bound 3·17 = 51. OR: w* = (−1, 2, 2), ‖w*‖² = 9, bound 27.
        let and = try run(PerceptronConvergence.self)
        #expect(abs(and.value("bound")! - 51) <= 1e-9)
        #expect(and.value("updates") == 11)
        let or = try run(PerceptronConvergence.self, ["gate": "OR"])
        #expect(abs(or.value("bound")! - 27) <= 1e-9)
        #expect(or.value("updates") == 5)
    }

    @Test func aBinaryExactRateDoesNotChangeTheCountFromZero() throws {
        // From w = 0 the weights are η times whole numbers; with η a power of two every v is exact.
        let t = try run(PerceptronConvergence.self, ["eta": "0.25"])
        #expect(t.value("updates") == 11)
        #expect(t.value("w0") == -1.5)
    }

    @Test func aRateOfOneTenthBreaksTiesByRounding() throws {
        // 0.1 is not exact in binary: a tie v = 0 becomes ±1e-17 and the run takes another path (8 updates,
        // w = (−0.4, 0.4, 0.2)); the count still stays within the bound.
        let t = try run(PerceptronConvergence.self, ["eta": "0.1"])
        #expect(perceptron([-1, -1, -1, 1], eta: 0.1).updates == 8)
        #expect(t.value("updates") == 8)
        #expect(t.value("updates")! <= t.value("bound")!)
    }

    @Test func xorHasNoMarginAndNoBound() throws {
        let t = try run(PerceptronConvergence.self, ["gate": "XOR"])
        #expect(t.value("separable") == 0)
        #expect(t.value("converged") == 0)
        #expect(t.value("bound") == nil)
    }

    @Test func theStepPerceptronIsTheWeek10RuleAtHalfTheRate() throws {
        // Independent: the ULB rule with 0/1 outputs, f(0) = 1, x0 = 1, w = 0, α = 1.
        let ys: [Double] = [0, 0, 0, 1]
        let xs: [(Double, Double)] = [(0, 0), (0, 1), (1, 0), (1, 1)]
        var w = [0.0, 0, 0], updates = 0
        for _ in 0..<100 {
            var clean = true
            for (k, x) in xs.enumerated() {
                let yHat: Double = w[0] + w[1] * x.0 + w[2] * x.1 >= 0 ? 1 : 0
                let g = yHat - ys[k]
                if g != 0 { clean = false; updates += 1 }
                w = [w[0] - g, w[1] - g * x.0, w[2] - g * x.1]
            }
            if clean { break }
        }
        let t = try run(StepPerceptron.self)
        #expect(t.value("updates") == Double(updates))
        #expect([t.value("w0"), t.value("w1"), t.value("w2")] == w.map { Optional($0) })
        #expect([t.value("y_a"), t.value("y_b"), t.value("y_c"), t.value("y_d")] == [0, 0, 0, 1])
        #expect(t.value("f_a") == 1)
        let week10 = perceptron([-1, -1, -1, 1], eta: 0.5)
        #expect(week10.updates == updates)
        #expect(week10.w == w)
    }

    /// The ULB deck's "gradient update (with squared loss) Δw = (ŷ − y)x" against the chain rule, worked
    /// here at the AND run's first update with wx ≠ 0: epoch 1, sample d = (1, 1), w = (−1, 0, 0), wx = −1,
    /// ŷ = 0, y = 1. The step's derivative is 0 there, so ∂J/∂w = 0; with f = σ the gradient is
    /// (σ − y)σ′x; cross-entropy's is (σ − y)x, the deck's form with ŷ = σ.
    @Test func theDecksUpdateIsNotTheSquaredLossGradient() throws {
        let t = try run(StepPerceptron.self)
        #expect(t.value("probe_wx") == -1 && t.value("probe_y_hat") == 0)
        let s = 1 / (1 + exp(1.0))   // σ(−1)
        for i in 0...2 {
            #expect(t.value("deck_dw\(i)") == -1)
            #expect(t.value("step_dJ/dw\(i)") == 0)
            #expect(abs(t.value("sigmoid_dJ/dw\(i)")! - (s - 1) * s * (1 - s)) <= 1e-15)
            #expect(abs(t.value("cross_entropy_dL/dw\(i)")! - (s - 1)) <= 1e-15)
        }
        #expect(t.value("step_gradient_max") == 0)
        #expect(t.value("sigmoid_gradient_gap")! <= 1e-9)
        #expect(t.value("cross_entropy_gradient_gap")! <= 1e-9)
        #expect(abs(t.value("sigmoid_factor")! - 0.196611933) <= 0.5e-9)
    }
}
