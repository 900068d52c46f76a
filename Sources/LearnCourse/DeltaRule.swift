import Foundation
import LearnCore
import LearnScalar

/// The Drchal deck's general delta rule on a sigmoid network of any depth, in the deck's notation.
///
/// Energy E = ½·Σ_k (d_k − y_k^o)²; δ_k = −∂E/∂s_k; output layer δ_k^o = γ·y_k(1 − y_k)·(d_k − y_k);
/// hidden layer m: δ_k^m = γ·y_k^m(1 − y_k^m)·Σ_l δ_l^(m+1)·w_kl^(m+1); every weight (threshold
/// w_0k^m, with y_0 = 1) changes by Δw_jk^m = η·δ_k^m·y_j^(m−1), where y_j^0 = x_j. Each δ and Δw is
/// written from these formulas and checked against the scalar engine's reverse-mode gradient
/// (δ_k = −∂E/∂s_k, Δw = −η·∂E/∂w); one weight is also checked by a central difference. `decimals` rounds
/// the seeded weights (two decimals: a network to work by hand).
public enum DeltaRule: Derivation {
    public static let name = "delta-rule"
    public static let summary = "The Drchal deck's delta rule in its notation (s, y, δ, w_jk, γ) on a seeded sigmoid network of any depth: δ_k^o, hidden δ_k^m, Δw_jk^m = η·δ_k^m·y_j^(m−1), checked against reverse mode and a central difference."
    public static let sections = ["network", "forward", "output-layer", "hidden-layer", "updates", "check", "after"]
    public static let parameters: [Parameter] = [
        .text("layers", "2-3-2-2", "layer sizes, inputs first", expected: "2 to 6 sizes from 1 to 9 joined by '-' (2-3-2-2)",
              isValid: { sizes($0) != nil }),
        .count("seed", 1, "seed of the weights, uniform in [−0.5, 0.5]", in: 0...1_000_000),
        .count("decimals", 0, "decimals the weights are rounded to, for working by hand (0: not rounded)", in: 0...9),
        .text("x", "0.05,0.1", "inputs x_j (repeated to fill the input layer)", expected: "1 to 9 numbers joined by ','",
              isValid: { numbers($0) != nil }),
        .text("d", "0.01,0.99", "desired outputs d_k (repeated to fill the output layer)", expected: "1 to 9 numbers joined by ','",
              isValid: { numbers($0) != nil }),
        .number("eta", 0.5, "learning rate η", in: 0...100),
        .number("gamma", 1, "gain γ of the sigmoid", in: 0.01...100),
        .number("h", 1e-6, "step of the central difference", in: 1e-9...0.1),
    ]

    /// `2-3-2-2` as [2, 3, 2, 2]: 2 to 6 layers of 1 to 9 neurons (one digit each, so that `w_jk^m` reads unambiguously).
    static func sizes(_ text: String) -> [Int]? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: [" "])) }
        guard (2...6).contains(parts.count), parts.allSatisfy({ $0.map { (1...9).contains($0) } ?? false }) else { return nil }
        return parts.map { $0! }
    }

    /// `0.05,0.1` as [0.05, 0.1]: 1 to 9 finite numbers of magnitude at most 1000.
    static func numbers(_ text: String) -> [Double]? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: [" "])) }
        guard (1...9).contains(parts.count), parts.allSatisfy({ $0.map { $0.isFinite && abs($0) <= 1000 } ?? false }) else { return nil }
        return parts.map { $0! }
    }

    /// `values` repeated (or cut) to `count` entries.
    static func filled(_ values: [Double], _ count: Int) -> [Double] { (0..<count).map { values[$0 % values.count] } }

    /// The seeded starting weights: for each layer m = 1, 2, …, each neuron k, first the threshold w_0k^m, then
    /// w_1k^m … w_Nk^m, each uniform in [−0.5, 0.5] (the Week 10 deck's "small random numbers") from SplitMix64(seed).
    public static func seededWeights(sizes: [Int], seed: UInt64) -> [String: Double] {
        var rng = SplitMix64(seed: seed)
        var weights: [String: Double] = [:]
        for m in 1..<sizes.count {
            for k in 1...sizes[m] {
                for j in 0...sizes[m - 1] { weights["w_\(j)\(k)^\(m)"] = rng.uniform(-0.5, 0.5) }
            }
        }
        return weights
    }

    /// `weights` rounded to `decimals` decimals (0: as they are), a rounded −0 written as 0.
    static func rounded(_ weights: [String: Double], decimals: Int) -> [String: Double] {
        guard decimals > 0 else { return weights }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return weights.mapValues { ($0 * scale).rounded() / scale + 0 }
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let sizes = sizes(p.choice("layers"))!
        let decimals = p.count("decimals")
        let weights = rounded(seededWeights(sizes: sizes, seed: UInt64(p.count("seed"))), decimals: decimals)
        var sheet = Worksheet()
        let xGiven = numbers(p.choice("x"))!, dGiven = numbers(p.choice("d"))!
        let x = filled(xGiven, sizes[0]), d = filled(dGiven, sizes.last!)
        sheet.section("network")
        sheet.note("Layers \(sizes.map(String.init).joined(separator: "-")) (inputs first), sigmoid with gain γ = \(NumberFormat().string(p["gamma"])) in every neuron; weights and thresholds drawn uniformly from [−0.5, 0.5] with seed \(p.count("seed"))"
                   + (decimals > 0 ? ", rounded to \(decimals) decimal\(decimals == 1 ? "" : "s")." : "."))
        if xGiven.count != x.count || dGiven.count != d.count {
            sheet.note("The inputs and desired outputs were repeated to fill the layers: x = (\(x.map { NumberFormat().string($0) }.joined(separator: ", "))), d = (\(d.map { NumberFormat().string($0) }.joined(separator: ", "))).")
        }
        work(sizes: sizes, weights: weights, x: x, d: d, eta: p["eta"], gamma: p["gamma"], h: p["h"], sheet: &sheet)
        return sheet.trace
    }

    /// The derivation proper, on the given network: sections `network` (the weights), `forward`, `output-layer`,
    /// `hidden-layer`, `updates`, `check` (against the engine and a central difference) and `after`.
    static func work(sizes: [Int], weights: [String: Double], x: [Double], d: [Double], eta: Double, gamma: Double,
                     h: Double, sheet: inout Worksheet) {
        let L = sizes.count - 1
        let format = NumberFormat()
        func weightName(_ j: Int, _ k: Int, _ m: Int) -> String { "w_\(j)\(k)^\(m)" }
        /// y_j^(m−1) as the deck writes it: x_j for the inputs, 1 for the threshold's input.
        func inputName(_ j: Int, _ m: Int) -> String { m == 1 ? "x_\(j)" : "y_\(j)^\(m - 1)" }

        // The weights, as a table and as quantities.
        var rows: [[TraceTable.Cell]] = []
        for m in 1...L {
            for k in 1...sizes[m] {
                var row: [TraceTable.Cell] = [.text(String(m)), .text(String(k))]
                for j in 0...sizes[m - 1] {
                    let name = weightName(j, k, m)
                    sheet.record(name, weights[name]!)
                    row.append(.number(weights[name]!))
                }
                row += Array(repeating: .text(""), count: sizes.max()! - sizes[m - 1])
                rows.append(row)
            }
        }
        sheet.add(TraceTable(title: "Weights w_jk^m into neuron k of layer m (j = 0: the threshold w_0k^m)",
                             columns: ["m", "k"] + (0...sizes.max()!).map { "w_\($0)k" }, rows: rows))
        for (j, v) in x.enumerated() { sheet.record("x_\(j + 1)", v) }
        for (k, v) in d.enumerated() { sheet.record("d_\(k + 1)", v) }
        sheet.record("eta", eta)
        sheet.record("gamma", gamma)

        let net = Network(sizes: sizes, naming: .drchal, gain: gamma) { m, j, k in weights[weightName(j, k, m)] ?? 0 }
        let inputs = x.enumerated().map { Value($1, name: "x_\($0 + 1)") }
        let targets = d.enumerated().map { Value($1, name: "d_\($0 + 1)") }
        func energy() -> (layers: [(nets: [Value], outs: [Value])], E: Value) {
            let layers = net.forward(inputs)
            return (layers, squaredError(outputs: layers.last!.outs, targets: targets).total.named("E"))
        }

        sheet.section("forward")
        let (layers, E) = energy()
        for m in 1...L {
            for k in 0..<sizes[m] {
                sheet.show(layers[m - 1].nets[k])
                sheet.show(layers[m - 1].outs[k])
            }
        }
        sheet.show(E, note: "The energy of this pattern, E = ½·Σ_k (d_k − y_k^o)²; the ½ cancels the 2 of the derivative.")
        E.backward()

        // δ_k^m from the deck's formulas; the engine's −∂E/∂s_k^m is the value they must reproduce.
        func y(_ k: Int, _ m: Int) -> Formula { .symbol("y_\(k)^\(m)") }
        for m in stride(from: L, through: 1, by: -1) {
            sheet.section(m == L ? "output-layer" : "hidden-layer")
            for k in 1...sizes[m] {
                let slope: [Formula] = ["gamma", y(k, m), .difference(1, y(k, m))]
                let back: Formula
                if m == L {
                    back = .difference(.symbol("d_\(k)"), y(k, m))
                } else {
                    back = .parentheses(.sum((1...sizes[m + 1]).map { l in
                        .product([.symbol("delta_\(l)^\(m + 1)"), .symbol(weightName(k, l, m + 1))]) }))
                }
                let note = k == 1 ? (m == L
                    ? "δ_k^o = −∂E/∂s_k^o = (d_k − y_k^o)·S'(s_k^o), with S'(s) = γ·y(1 − y); the value is the engine's −∂E/∂s."
                    : "δ_k^\(m) = S'(s_k^\(m))·Σ_l δ_l^\(m + 1)·w_kl^\(m + 1): the deltas of layer \(m + 1) sent back along the weights out of neuron k.")
                    : nil
                sheet.derive("delta_\(k)^\(m)", .product(slope + [back]), value: -layers[m - 1].nets[k - 1].grad, note: note)
            }
        }

        sheet.section("updates")
        var updated: [String: Double] = [:]
        for m in stride(from: L, through: 1, by: -1) {
            for k in 1...sizes[m] {
                for j in 0...sizes[m - 1] {
                    let name = weightName(j, k, m)
                    let w = j == 0 ? net.layers[m - 1].neurons[k - 1].bias : net.layers[m - 1].neurons[k - 1].weights[j - 1]
                    let factors: [Formula] = ["eta", .symbol("delta_\(k)^\(m)")] + (j == 0 ? [] : [.symbol(inputName(j, m))])
                    sheet.derive("Dw_\(j)\(k)^\(m)", symbol: .text(plain: "Δw_\(j)\(k)^\(m)", latex: "\\Delta w_{\(j)\(k)}^{\(m)}"),
                                 .product(factors), value: -eta * w.grad,
                                 note: j == 0 && k == 1 && m == L ? "A threshold's input is y_0 = 1, so Δw_0k = η·δ_k." : nil)
                    updated[name] = w.data - eta * w.grad
                }
            }
        }

        sheet.section("check")
        var checkRows: [[TraceTable.Cell]] = []
        var largest = 0.0
        for m in 1...L {
            for k in 1...sizes[m] {
                for j in 0...sizes[m - 1] {
                    let name = weightName(j, k, m)
                    let w = j == 0 ? net.layers[m - 1].neurons[k - 1].bias : net.layers[m - 1].neurons[k - 1].weights[j - 1]
                    let yj = j == 0 ? 1 : sheet.lookup(inputName(j, m))!
                    let byRule = -sheet.lookup("delta_\(k)^\(m)")! * yj
                    largest = max(largest, abs(byRule - w.grad))
                    sheet.record(Formula.derivativeKey("E", name), w.grad)
                    checkRows.append([.text(name), .number(byRule), .number(w.grad), .number(byRule - w.grad)])
                }
            }
        }
        sheet.add(TraceTable(title: "∂E/∂w by the delta rule (−δ_k·y_j) and by the engine's reverse mode",
                             columns: ["weight", "−δ_k·y_j", "engine ∂E/∂w", "difference"], rows: checkRows))
        sheet.record("max_difference", largest)
        sheet.note("The largest difference is \(format.string(largest)): rounding only, the two ways of computing the gradient are the same sums in a different order.")
        // One weight of the first layer, as far from the energy as the network allows, by a central difference.
        let probe = net.layers[0].neurons[0].weights[0], probeName = weightName(1, 1, 1)
        sheet.partial("E", probeName, .negation(.product([.symbol("delta_1^1"), .symbol("x_1")])), value: probe.grad,
                      note: "The delta rule's ∂E/∂w_11^1 = −δ_1^1·x_1 (the engine's value).")
        let original = probe.data
        probe.data = original + h
        let plus = energy().E.data
        probe.data = original - h
        let minus = energy().E.data
        probe.data = original
        sheet.record("E(w+h)", plus)
        sheet.record("E(w-h)", minus)
        sheet.record("h", h)
        sheet.derive("central_difference", symbol: .text(plain: "(∂E/∂w_11^1)_h", latex: "(\\partial E / \\partial w_{11}^{1})_{h}"),
                     .quotient(.difference("E(w+h)", "E(w-h)"), .product([2, "h"])), value: (plus - minus) / (2 * h),
                     note: "E recomputed with w_11^1 moved by ±h = \(format.string(h)); the difference is accurate to about h².")

        sheet.section("after")
        var afterRows: [[TraceTable.Cell]] = []
        for m in 1...L {
            for k in 1...sizes[m] {
                for j in 0...sizes[m - 1] {
                    let name = weightName(j, k, m)
                    sheet.record("\(name)+", updated[name]!)
                    afterRows.append([.text(name), .number(weights[name]!), .number(sheet.lookup("Dw_\(j)\(k)^\(m)")!), .number(updated[name]!)])
                }
            }
        }
        sheet.add(TraceTable(title: "w_jk(t + 1) = w_jk(t) + Δw_jk(t)", columns: ["weight", "w(t)", "Δw(t)", "w(t + 1)"], rows: afterRows))
        sheet.record("E_before", E.data)
        for m in 1...L {
            for (k, neuron) in net.layers[m - 1].neurons.enumerated() {
                neuron.bias.data = updated[weightName(0, k + 1, m)]!
                for (j, w) in neuron.weights.enumerated() { w.data = updated[weightName(j + 1, k + 1, m)]! }
            }
        }
        let after = energy().E.data
        sheet.record("E_after", after)
        sheet.note("The same pattern through the updated network gives E(t + 1) = \(format.string(after)), down from E(t) = \(format.string(E.data)): one small step downhill.")
        sheet.derive("E_change", symbol: .text(plain: "E(t + 1) − E(t)", latex: "E(t + 1) - E(t)"),
                     .difference("E_after", "E_before"), value: sheet.lookup("E_after")! - E.data)
    }
}
