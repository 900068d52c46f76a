import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The activation table: closed forms written out here, and this file's own central differences.
@Suite struct ActivationFunctionsTests {
    func run(_ settings: [String: String] = [:]) throws -> Trace {
        var p = Parameters(ActivationFunctions.parameters)
        for (name, value) in settings { try p.set(name, to: value) }
        return try ActivationFunctions.run(p)
    }

    /// (name, f, f') in closed form, with α = 0.25 (PReLU), α = 1 (ELU), leak 0.01, test slope (1/8 + 1/3)/2.
    static let reference: [(String, @Sendable (Double) -> Double, @Sendable (Double) -> Double)] = [
        ("identity", { $0 }, { _ in 1 }),
        ("sigma", { 1 / (1 + exp(-$0)) }, { exp(-$0) / ((1 + exp(-$0)) * (1 + exp(-$0))) }),
        ("tanh", { (exp($0) - exp(-$0)) / (exp($0) + exp(-$0)) }, { 4 / ((exp($0) + exp(-$0)) * (exp($0) + exp(-$0))) }),
        ("arctan", { atan($0) }, { 1 / (1 + $0 * $0) }),
        ("ReLU", { $0 > 0 ? $0 : 0 }, { $0 > 0 ? 1 : 0 }),
        ("leaky", { $0 > 0 ? $0 : 0.01 * $0 }, { $0 > 0 ? 1 : 0.01 }),
        ("PReLU", { $0 > 0 ? $0 : 0.25 * $0 }, { $0 > 0 ? 1 : 0.25 }),
        ("RReLU", { $0 > 0 ? $0 : 11.0 / 48 * $0 }, { $0 > 0 ? 1 : 11.0 / 48 }),
        ("ELU", { $0 > 0 ? $0 : exp($0) - 1 }, { $0 > 0 ? 1 : exp($0) }),
        ("softplus", { log(1 + exp($0)) }, { exp($0) / (1 + exp($0)) }),
    ]

    @Test(arguments: [-1.0, -3.7, 0.4, 2.5])
    func valuesAndDerivativesAtAPoint(x: Double) throws {
        let t = try run(["x": String(x)])
        for (name, f, df) in Self.reference {
            #expect(abs(t.value(name)! - f(x)) <= 1e-12 * max(1, abs(f(x))), "\(name)(\(x))")
            #expect(abs(t.value("d\(name)/dx")! - df(x)) <= 1e-12, "\(name)'(\(x))")
            // This file's own central difference, h = 1e-5: error ~h² + 1e-16/h, under 1e-8.
            let central = (f(x + 1e-5) - f(x - 1e-5)) / 2e-5
            #expect(abs(t.value("d\(name)/dx")! - central) <= 1e-8, "\(name)'(\(x)) against a central difference")
        }
        #expect(t.value("step") == (x >= 0 ? 1 : 0))
        #expect(t.value("dstep/dx") == 0)
        #expect(abs(t.value("tanh_via_sigma")! - tanh(x)) <= 1e-15)
    }

    @Test func kinksSaturationAndTheIdentity() throws {
        let t = try run()
        #expect(t.value("max_error")! <= 1e-9)
        #expect(t.value("tanh_identity_error")! <= 1e-15)
        #expect(t.value("a_test") == (0.125 + 1.0 / 3) / 2)
        #expect(t.value("central_ReLU(0)") == 0.5)
        #expect(abs(t.value("central_leaky(0)")! - 0.505) <= 1e-12)
        #expect(abs(t.value("central_step(0)")! - 1 / 2e-5) <= 1e-6)
        #expect(t.value("left_ReLU(0)") == 0)
        #expect(t.value("right_ReLU(0)") == 1)
        // σ'(10) = e^10/(1 + e^10)²; tanh'(10) = 1/cosh²(10). The deck's 1 − tanh² subtracts from 1 a number
        // within 1e-8 of 1, so it is only good to about one unit in the last place of 1 (1.1e-16).
        #expect(abs(t.value("dsigma/dx(10)")! - exp(10) / ((1 + exp(10)) * (1 + exp(10)))) <= 1e-16)
        #expect(abs(t.value("dtanh/dx(10)")! - 1 / (cosh(10) * cosh(10))) <= 2.5e-16)
        #expect(t.value("dtanh/dx(0)") == 1)
    }

    @Test func aDeadReLUGetsNoGradientAndALeakyOneRecovers() throws {
        let t = try run()
        // w = (0.5, 0.5), b = −2 on (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→1: every z < 0.
        #expect(t.value("alive_samples") == 0)
        #expect(t.value("E_relu") == 1.5)
        for n in ["w1", "w2", "b"] { #expect(t.value("dE_relu/d\(n)") == 0) }
        // Leaky: y = 0.01 z, z = −2, −1.5, −1.5, −1; ∂E/∂b = Σ −(t − y)·0.01.
        let z = [-2.0, -1.5, -1.5, -1], target = [0.0, 1, 1, 1]
        let dEdb = zip(z, target).reduce(0.0) { $0 - ($1.1 - 0.01 * $1.0) * 0.01 }
        #expect(abs(t.value("dE_leaky/db")! - dEdb) <= 1e-15)
        let e = zip(z, target).reduce(0.0) { $0 + 0.5 * ($1.1 - 0.01 * $1.0) * ($1.1 - 0.01 * $1.0) }
        #expect(abs(t.value("E_leaky")! - e) <= 1e-15)
        #expect(t.value("revive_steps")! > 0)
    }

    @Test func badRandomizedRange() throws {
        #expect(throws: DerivationError.self) { try run(["lower": "0.5", "upper": "0.2"]) }
    }
}
