import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// Softmax, cross-entropy and ∂L/∂z = p − y against sums written out here, with their own central differences.
@Suite struct SoftmaxTests {
    func run(_ settings: [String: String] = [:]) throws -> Trace {
        var p = Parameters(Softmax.parameters)
        for (name, value) in settings { try p.set(name, to: value) }
        return try Softmax.run(p)
    }

    func reference(_ z: [Double]) -> [Double] {
        let e = z.map { exp($0) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    @Test func theDecksExample() throws {
        let t = try run()
        let p = reference([1.2, 0.9, 0.4])
        for j in 0..<3 { #expect(abs(t.value("p\(j + 1)")! - p[j]) <= 1e-15) }
        // Rounded one by one: 0.46, 0.34, 0.21 (sum 1.01); the deck's 0.20 is 1 − 0.46 − 0.34.
        #expect(t.value("p3_rounded") == 0.21)
        #expect(abs(t.value("rounded_sum")! - 1.01) <= 1e-12)
        #expect(t.value("p1_as_printed") == 0.46)
        #expect(t.value("p2_as_printed") == 0.34)
        #expect(abs(t.value("p3_as_printed")! - (1 - 0.46 - 0.34)) <= 1e-12)
        #expect(abs(t.value("L")! + log(p[0])) <= 1e-14)
        #expect(abs(t.value("L_stable")! + log(p[0])) <= 1e-14)
    }

    @Test(arguments: [(1, [1.2, 0.9, 0.4]), (3, [0.5, -2.0, 3.0]), (2, [10.0, 10.0, -10.0])])
    func theGradientIsPMinusY(target: Int, z: [Double]) throws {
        let t = try run(["target": String(target), "z1": String(z[0]), "z2": String(z[1]), "z3": String(z[2])])
        let p = reference(z)
        let h = 1e-6
        func loss(_ z: [Double]) -> Double { -log(reference(z)[target - 1]) }
        for j in 0..<3 {
            let y: Double = j == target - 1 ? 1 : 0
            var up = z, down = z
            up[j] += h; down[j] -= h
            let central = (loss(up) - loss(down)) / (2 * h)
            // Central difference error ~h²·L'''/6 plus rounding ~1e-16/h: both well under 1e-8 here.
            #expect(abs(central - (p[j] - y)) <= 1e-8)
            #expect(abs(t.value("dL/dz\(j + 1)")! - (p[j] - y)) <= 1e-12)
            #expect(abs(t.value("delta\(j + 1)")! - (p[j] - y)) <= 1e-15)
            // The diagonal-only mistake: (−y_j/p_j)·p_j(1 − p_j).
            #expect(abs(t.value("diagonal_dz\(j + 1)")! - (-y * (1 - p[j]))) <= 1e-12)
            #expect(abs(t.value("softmax_alone_dz\(j + 1)")!) <= 1e-15)
        }
    }

    @Test func shiftingChangesNothingWhenComputedStably() throws {
        for shift in ["1000", "-1000", "0", "123456"] {
            let t = try run(["shift": shift])
            let p = reference([1.2, 0.9, 0.4])
            for j in 0..<3 { #expect(abs(t.value("p\(j + 1)_stable")! - p[j]) <= 1e-9) }
        }
        // As written, e^(1001.2) overflows and e^(−998.8) underflows: both give NaN.
        #expect(try run(["shift": "1000"]).value("naive_fails") == 1)
        #expect(try run(["shift": "-1000"]).value("naive_fails") == 1)
        #expect(try run(["shift": "0"]).value("naive_fails") == 0)
        #expect(abs(try run().value("exp_overflow_at")! - 709.782712893384) <= 1e-9)
    }

    @Test func extremeScoresStayFinite() throws {
        // p = (1, e^−2000, e^−999.6) to double precision; L = −ln p3 = ln(1 + e^−2000 + e^−999.6) + 999.6 = 999.6.
        let t = try run(["z1": "1000", "z2": "-1000", "z3": "0.4", "target": "3"])
        #expect(abs(t.value("L")! - 999.6) <= 1e-10)
        #expect(t.value("dL/dz1") == 1)
        #expect(abs(t.value("dL/dz2")!) <= 1e-300)
        #expect(t.value("dL/dz3") == -1)
    }

    @Test func roundingToSumOne() {
        #expect(Softmax.roundedToSumOne([0.456590318, 0.338250427, 0.205159255], decimals: 2) == [0.46, 0.34, 0.2])
        #expect(Softmax.roundedToSumOne([1.0 / 3, 1.0 / 3, 1.0 / 3], decimals: 1).reduce(0, +) == 1)
    }
}
