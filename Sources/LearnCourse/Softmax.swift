import Foundation
import LearnCore
import LearnScalar

/// The intuitive deck's softmax σ(z)_j = e^{z_j} / Σ_k e^{z_k} on z = (1.2, 0.9, 0.4) → (0.46, 0.34, 0.20):
/// the full-precision values and how the printed ones were rounded; the shift invariance that keeps it
/// finite (z + 1000 overflows e^z, z − max z does not); the cross-entropy L = −Σ y_j ln p_j; and its
/// gradient ∂L/∂z_j = p_j − y_j, by the chain rule through the softmax Jacobian, by the engine's backward
/// pass and by central differences, beside the gradients one gets by taking the softmax derivative alone.
public enum Softmax: Derivation {
    public static let name = "softmax"
    public static let summary = "The intuitive deck's softmax (1.2, 0.9, 0.4) → (0.46, 0.34, 0.20): full precision and how the printed values were rounded; shift invariance and overflow; cross-entropy; ∂L/∂z = p − y by the chain rule through the Jacobian, the engine and central differences; two common mistakes."
    public static let sections = ["forward", "rounding", "stability", "cross-entropy", "gradient", "mistakes"]
    public static let parameters: [Parameter] = [
        .number("z1", 1.2, "score z1", in: -1000...1000),
        .number("z2", 0.9, "score z2", in: -1000...1000),
        .number("z3", 0.4, "score z3", in: -1000...1000),
        .count("target", 1, "the correct class k (y is one-hot at k)", in: 1...3),
        .number("shift", 1000, "the constant c added to every score in the stability section", in: -1e6...1e6),
        .number("h", 1e-5, "step of the central differences", in: 1e-9...0.1),
    ]

    /// Softmax computed stably (the largest score subtracted first).
    static func softmax(_ z: [Double]) -> [Double] {
        let m = z.max()!
        let e = z.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// Cross-entropy −ln p_k, computed stably as log Σ e^{z_j − m} − (z_k − m).
    static func crossEntropy(_ z: [Double], _ k: Int) -> Double {
        let m = z.max()!
        return log(z.map { exp($0 - m) }.reduce(0, +)) - (z[k] - m)
    }

    /// Rounds `p` to `decimals` places so that the rounded values still sum to 1 (largest remainder:
    /// round all down, then give the missing units to the largest remainders).
    static func roundedToSumOne(_ p: [Double], decimals: Int) -> [Double] {
        let scale = pow(10, Double(decimals))
        let floors = p.map { ($0 * scale).rounded(.down) }
        var missing = Int((scale - floors.reduce(0, +)).rounded())
        var units = floors
        for j in p.indices.sorted(by: { p[$0] * scale - floors[$0] > p[$1] * scale - floors[$1] }) where missing > 0 {
            units[j] += 1
            missing -= 1
        }
        return units.map { $0 / scale }
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let zs = [p["z1"], p["z2"], p["z3"]], k = p.count("target") - 1, h = p["h"], c = p["shift"]
        let ys = (0..<3).map { $0 == k ? 1.0 : 0 }
        var inputs = ["h": h, "c": c]
        for j in 0..<3 { inputs["z\(j + 1)"] = zs[j]; inputs["y\(j + 1)"] = ys[j] }
        var sheet = Worksheet(inputs: inputs)
        let fmt = NumberFormat()

        sheet.section("forward")
        let z = (0..<3).map { Value(zs[$0], name: "z\($0 + 1)") }
        // The engine computes with the largest score subtracted (a constant, so the gradients are the same
        // and nothing overflows); the steps show the deck's formula, whose numbers agree when e^z is finite.
        let top = Value(zs.max()!)
        let shiftedExp = (0..<3).map { (z[$0] - top).exp() }
        let shiftedSum = Value.sum(shiftedExp)
        for j in 0..<3 {
            sheet.derive("exp_z\(j + 1)", symbol: .power("e", .symbol("z\(j + 1)")), .power("e", .number(zs[j])), value: exp(zs[j]), substitute: false)
        }
        sheet.derive("S", .sum((1...3).map { .power("e", .symbol("z\($0)")) }), value: zs.reduce(0) { $0 + exp($1) },
                     note: "The normaliser $S = \\sum_k e^{z_k}$.")
        let probabilities = (0..<3).map { (shiftedExp[$0] / shiftedSum).named("p\($0 + 1)") }
        for j in 0..<3 {
            sheet.derive("p\(j + 1)", symbol: .text(plain: "p\(j + 1) = σ(z)_\(j + 1)", latex: "p_{\(j + 1)} = \\sigma(\\mathbf{z})_{\(j + 1)}"),
                         .quotient(.power("e", .symbol("z\(j + 1)")), "S"), value: probabilities[j].data)
        }
        sheet.derive("p_sum", symbol: .text(plain: "Σ p_j", latex: "\\sum_{j} p_{j}"), .sum(["p1", "p2", "p3"]),
                     value: probabilities.reduce(0) { $0 + $1.data }, note: "Probabilities of the three classes: they sum to 1.")

        sheet.section("rounding")
        let pv = probabilities.map(\.data)
        let rounded = pv.map { ($0 * 100).rounded() / 100 }
        let printed = roundedToSumOne(pv, decimals: 2)
        for j in 0..<3 {
            sheet.record("p\(j + 1)_rounded", rounded[j])
            sheet.record("p\(j + 1)_as_printed", printed[j])
        }
        var roundingRows: [[TraceTable.Cell]] = []
        for j in 0..<3 {
            roundingRows.append([.text(String(j + 1)), .number(zs[j]), .number(pv[j]), .number(rounded[j]), .number(printed[j])])
        }
        roundingRows.append([.text("sum"), .text(""), .number(pv.reduce(0, +)), .number(rounded.reduce(0, +)), .number(printed.reduce(0, +))])
        sheet.add(TraceTable(title: "p to two decimals: each rounded on its own, and rounded so that the three sum to 1",
                             columns: ["j", "z_j", "p_j", "rounded", "rounded to sum 1"], rows: roundingRows))
        sheet.record("rounded_sum", rounded.reduce(0, +))
        sheet.record("printed_sum", printed.reduce(0, +))

        sheet.section("stability")
        let shifted = zs.map { $0 + c }
        let naiveExp = shifted.map { exp($0) }
        let naive = naiveExp.map { $0 / naiveExp.reduce(0, +) }
        sheet.derive("exp_z1+c", symbol: .power("e", .sum(["z1", "c"])), .power("e", .number(shifted[0])), value: naiveExp[0], substitute: false)
        sheet.record("naive_p1", naive[0])
        let overflow = naive.contains { !$0.isFinite }
        sheet.record("naive_fails", overflow ? 1 : 0)
        sheet.derive("exp_overflow_at", symbol: .text(plain: "largest z with e^z finite", latex: "\\text{largest } z \\text{ with } e^{z} < \\infty"),
                     .function("ln", [.number(Double.greatestFiniteMagnitude)]), value: log(Double.greatestFiniteMagnitude),
                     note: "e^z overflows to ∞ for z above this, and e^z underflows to 0 for z below about −745.", substitute: false)
        let m = shifted.max()!
        sheet.derive("m", .function("max", (1...3).map { .sum([.symbol("z\($0)"), "c"]) }), value: m)
        let stable = softmax(shifted)
        // The normaliser after subtracting the largest score: Σₖ e^{zₖ + c − m}, at least 1.
        let den = shifted.map { exp($0 - m) }.reduce(0, +)
        sheet.record("S_stable", den)
        for j in 0..<3 {
            let num = exp(shifted[j] - m)
            sheet.record("exp_shifted_\(j + 1)", num)
            sheet.derive("p\(j + 1)_stable", symbol: .text(plain: "p\(j + 1) from z + c", latex: "p_{\(j + 1)}(\\mathbf{z} + c)"),
                         .quotient(.power("e", .number(shifted[j] - m)), .number(den)), value: num / den)
        }
        let gap = (0..<3).map { abs(stable[$0] - pv[$0]) }.max()!
        sheet.record("shift_gap", gap)
        sheet.add(TraceTable(title: "Softmax of z + c with c = \(fmt.string(c)): computed as written, and with the largest score subtracted first",
                             columns: ["j", "z_j + c", "e^(z_j + c)", "as written", "minus max first", "p_j of z"],
                             rows: (0..<3).map { [.text(String($0 + 1)), .number(shifted[$0]), .number(naiveExp[$0]), .number(naive[$0]),
                                                  .number(stable[$0]), .number(pv[$0])] }))

        sheet.section("cross-entropy")
        // L = −ln p_k = ln Σ e^{z_j − m} − (z_k − m): the same number, finite even when p_k underflows to 0.
        let loss = (shiftedSum.log() - (z[k] - top)).named("L")
        sheet.derive("L", symbol: .text(plain: "L = −Σ y_j ln p_j", latex: "L = -\\sum_{j} y_{j} \\ln p_{j}"),
                     .negation(.function("ln", [.symbol("p\(k + 1)")])), value: loss.data,
                     note: "y is one-hot at the correct class k = \(k + 1), so only −ln p_k is left.")
        sheet.derive("L_stable", symbol: .text(plain: "L = ln S − z_k", latex: "L = \\ln S - z_{k}"),
                     .difference(.function("ln", ["S"]), .symbol("z\(k + 1)")), value: crossEntropy(zs, k),
                     note: "The same number without forming p_k first (what libraries compute, after subtracting max z).")

        sheet.section("gradient")
        loss.backward()
        for j in 0..<3 {
            sheet.partial("L", "p\(j + 1)", .negation(.quotient(.symbol("y\(j + 1)"), .symbol("p\(j + 1)"))), value: ys[j] == 0 ? 0 : -ys[j] / pv[j])
        }
        if pv[k] == 0 {
            sheet.note("p_k underflows to 0 in double precision, so ∂L/∂p_k = −1/p_k is −∞ and the chain rule through p cannot be evaluated; the fused form p − y (what the engine's stable L and every library use) is still exact.")
        }
        var jacobian: [[TraceTable.Cell]] = []
        for i in 0..<3 {
            var row: [TraceTable.Cell] = [.text("p\(i + 1)")]
            for j in 0..<3 {
                let d = pv[i] * ((i == j ? 1 : 0) - pv[j])
                sheet.record(Formula.derivativeKey("p\(i + 1)", "z\(j + 1)"), d)
                row.append(.number(d))
            }
            jacobian.append(row)
        }
        sheet.add(TraceTable(title: "The softmax Jacobian ∂p_i/∂z_j = p_i(δ_ij − p_j): every p depends on every z",
                             columns: ["", "∂/∂z1", "∂/∂z2", "∂/∂z3"], rows: jacobian))
        var rows: [[TraceTable.Cell]] = []
        var worst = 0.0
        for j in 0..<3 {
            let factors = (1...3).map { i in Formula.product([.derivative(of: "L", withRespectTo: "p\(i)"), .derivative(of: "p\(i)", withRespectTo: "z\(j + 1)")]) }
            sheet.partial("L", "z\(j + 1)", .sum(factors), value: z[j].grad,
                          note: j == 0 ? "The chain rule through all three p_i; the value is the engine's backward pass." : nil)
            sheet.derive("delta\(j + 1)", .difference(.symbol("p\(j + 1)"), .symbol("y\(j + 1)")), value: pv[j] - ys[j])
            var up = zs, down = zs
            up[j] += h; down[j] -= h
            let central = (crossEntropy(up, k) - crossEntropy(down, k)) / (2 * h)
            sheet.record("central_z\(j + 1)", central)
            worst = max(worst, abs(central - (pv[j] - ys[j])))
            rows.append([.text("z\(j + 1)"), .number(z[j].grad), .number(pv[j] - ys[j]), .number(central)])
        }
        sheet.record("central_gap", worst)
        sheet.record("gradient_sum", z.reduce(0) { $0 + $1.grad })
        sheet.add(TraceTable(title: "∂L/∂z three ways: the engine, p − y, and (L(z + h) − L(z − h))/2h",
                             columns: ["", "engine", "p − y", "central difference"], rows: rows))

        sheet.section("mistakes")
        var wrong: [[TraceTable.Cell]] = []
        for j in 0..<3 {
            let diagonal = -ys[j] * (1 - pv[j])  // (−y_j/p_j)·p_j(1 − p_j), with the p_j cancelled
            let alone = (0..<3).reduce(0.0) { $0 + pv[$1] * (($1 == j ? 1 : 0) - pv[j]) }
            sheet.record("diagonal_dz\(j + 1)", diagonal)
            sheet.record("softmax_alone_dz\(j + 1)", alone)
            wrong.append([.text("z\(j + 1)"), .number(pv[j] - ys[j]), .number(diagonal), .number(alone)])
        }
        sheet.add(TraceTable(title: "The correct gradient against two mistakes: p_j(1 − p_j) used as if softmax were a sigmoid (the diagonal only), and the softmax derivative alone (Σ_i ∂p_i/∂z_j, without ∂L/∂p)",
                             columns: ["", "p − y (correct)", "diagonal only", "softmax alone"], rows: wrong))
        // The deck's formula, computed as written, overflows for scores above about 709.78 (and p_k can
        // underflow to 0, making ln p_k and −1/p_k infinite): the lesson shows that on purpose, beside the
        // stable forms, so every such quantity is labelled rather than printed as inf or nan.
        for name in sheet.trace.names where !(sheet.trace.value(name)?.isFinite ?? true) {
            sheet.mark(name, .overflow("computed as the deck writes it, e^z exceeds the largest Double for z above about 709.78 (or p underflows to 0); the stable form (largest score subtracted first) stays finite"))
        }
        return sheet.trace
    }
}
