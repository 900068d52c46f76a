import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The delta-rule exercise: one step on a drawn small network, against a sigmoid network and Drchal's
/// formulas written out here in Double, for the drawn architectures and for any `layers` a user sets.
@Suite struct DeltaRuleExerciseTests {
    /// Drchal's delta rule in plain Double: the sizes, the weights by name (w_jk^m, j = 0 the threshold), x, d,
    /// η and γ give every quantity of one step by its name.
    static func deltaRule(sizes: [Int], weight: (Int, Int, Int) -> Double, x: [Double], d: [Double],
                          eta: Double, gamma: Double) -> [String: Double] {
        var out: [String: Double] = [:]
        let L = sizes.count - 1
        var y: [[Double]] = [x]                              // y[m][k − 1]; y[0] = the inputs
        for m in 1...L {
            var layer: [Double] = []
            for k in 1...sizes[m] {
                var s = weight(0, k, m)
                for j in 1...sizes[m - 1] { s += weight(j, k, m) * y[m - 1][j - 1] }
                let yk = 1 / (1 + exp(-gamma * s))
                out["s_\(k)^\(m)"] = s; out["y_\(k)^\(m)"] = yk
                layer.append(yk)
            }
            y.append(layer)
        }
        out["E"] = (1...sizes[L]).reduce(0) { $0 + 0.5 * pow(d[$1 - 1] - y[L][$1 - 1], 2) }
        var delta: [[Double]] = Array(repeating: [], count: L + 1)
        for m in stride(from: L, through: 1, by: -1) {
            delta[m] = (1...sizes[m]).map { k in
                let slope = gamma * y[m][k - 1] * (1 - y[m][k - 1])          // S'(s) = γ·y(1 − y)
                let back = m == L ? d[k - 1] - y[L][k - 1]
                                  : (1...sizes[m + 1]).reduce(0) { $0 + delta[m + 1][$1 - 1] * weight(k, $1, m + 1) }
                return slope * back
            }
            for k in 1...sizes[m] {
                out["delta_\(k)^\(m)"] = delta[m][k - 1]
                for j in 0...sizes[m - 1] {
                    let change = eta * delta[m][k - 1] * (j == 0 ? 1 : y[m - 1][j - 1])   // Δw = η·δ_k·y_j, y_0 = 1
                    out["Dw_\(j)\(k)^\(m)"] = change
                    out["w_\(j)\(k)^\(m)+"] = weight(j, k, m) + change
                }
            }
        }
        return out
    }

    /// Checks every asked name of `v` against `deltaRule` on the variant's own givens.
    static func expectAgreesWithTheDeltaRule(_ v: ExerciseVariant, layers: String) {
        let sizes = layers.split(separator: "-").map { Int($0)! }
        // The sheet's given quantities: weights with two decimals in [−0.5, 0.5], then x_j and d_k.
        let weightNames = v.givenQuantities.filter { $0.hasPrefix("w_") }
        let expectedCount = (1..<sizes.count).reduce(0) { $0 + (sizes[$1 - 1] + 1) * sizes[$1] }
        #expect(weightNames.count == expectedCount)
        for name in weightNames {
            let w = v.trace.value(name)!
            #expect(isOnGrid(w, -0.5...0.5, step: 0.01), "\(name) = \(w)")
        }
        let x = (1...sizes[0]).map { v.trace.value("x_\($0)")! }
        let d = (1...sizes.last!).map { v.trace.value("d_\($0)")! }
        // Drawn "a,b" repeated to fill the layers.
        let drawnX = v.text("x").split(separator: ",").map { Double($0)! }
        let drawnD = v.text("d").split(separator: ",").map { Double($0)! }
        #expect(x == (0..<sizes[0]).map { drawnX[$0 % drawnX.count] })
        #expect(d == (0..<sizes.last!).map { drawnD[$0 % drawnD.count] })
        let reference = deltaRule(sizes: sizes, weight: { j, k, m in v.trace.value("w_\(j)\(k)^\(m)")! }, x: x, d: d,
                                  eta: v.number("eta"), gamma: v.number("gamma"))
        #expect(Set(v.asked) == Set(reference.keys), "asked: \(v.asked.sorted()), computed: \(reference.keys.sorted())")
        for name in v.asked { expectAgrees(v, name, reference[name] ?? .nan) }
    }

    @Test func variantsAreDeterministicOnTheirGridsAndAgreeWithTheDeltaRule() throws {
        var architectures = Set<String>()
        for v in try checkedVariants(DeltaRule.self, seeds: 1...30) {
            let layers = v.text("layers")
            architectures.insert(layers)
            #expect(["1-2-1", "2-1-1", "2-2-1", "2-2-2", "1-1-1-1", "1-2-1-1"].contains(layers))
            #expect((1...999).contains(Int(v.text("seed"))!))
            for pair in [v.text("x"), v.text("d")] {
                let values = pair.split(separator: ",").map { Double($0)! }
                #expect(values.count == 2 && values.allSatisfy { isOnGrid($0, 0.1...0.9, step: 0.1) })
            }
            #expect([0.1, 0.25, 0.5, 1].contains(v.number("eta")) && [0.5, 1, 2].contains(v.number("gamma")))
            #expect(v.number("decimals") == 2)
            #expect(v.givenQuantities.filter { $0.hasPrefix("w_") }.allSatisfy { v.trace.value($0) != 0 })
            Self.expectAgreesWithTheDeltaRule(v, layers: layers)
            // Out of saturation, no output already at its target, no delta too small to practise on.
            let sizes = layers.split(separator: "-").map { Int($0)! }
            for m in 1..<sizes.count {
                for k in 1...sizes[m] {
                    #expect((0.05...0.95).contains(v.trace.value("y_\(k)^\(m)")!))
                    #expect(abs(v.trace.value("delta_\(k)^\(m)")!) >= 0.001)
                }
            }
            for k in 1...sizes.last! {
                #expect(abs(v.trace.value("d_\(k)")! - v.trace.value("y_\(k)^\(sizes.count - 1)")!) >= 0.05)
            }
        }
        #expect(architectures.count >= 4, "drawn architectures: \(architectures.sorted())")
    }

    /// A user's own `layers` (a lesson's `run delta-rule layers=…`, a `--set`): the sheet's names follow it.
    @Test(arguments: ["2-3-2-2", "3-4-4-4-1", "1-1", "9-1-9", "2-2-2-2-2-2"])
    func anyLayersGivesASheetWhoseAnswersAgree(layers: String) throws {
        var exercise = try #require(DeltaRule.exercise)
        exercise.draws.removeAll { $0.parameter == "layers" }
        exercise.fixed.append(Argument(name: "layers", value: layers))
        exercise.accepts = { _, _ in true }              // any network the user chose, saturated or not
        for seed in UInt64(1)...3 {
            let v = try exercise.variant(of: DeltaRule.self, seed: seed)
            for name in v.givenQuantities + v.asked { #expect(v.trace.value(name)?.isFinite == true, "\(layers): \(name)") }
            Self.expectAgreesWithTheDeltaRule(v, layers: layers)
        }
    }

    /// `decimals` rounds the seeded weights and nothing else: 0 leaves them as drawn.
    @Test func decimalsRoundTheSeededWeights() throws {
        let exact = try runDerivation(DeltaRule.self, ["layers": "2-2-1", "seed": "5"])
        let rounded = try runDerivation(DeltaRule.self, ["layers": "2-2-1", "seed": "5", "decimals": "2"])
        for name in DeltaRule.exerciseWeights([2, 2, 1]) {
            let w = exact.value(name)!
            #expect(rounded.value(name) == (w * 100).rounded() / 100 + 0)
        }
        #expect(try runDerivation(DeltaRule.self, ["decimals": "0"]) == runDerivation(DeltaRule.self))
    }
}
