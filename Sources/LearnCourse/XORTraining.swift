import Foundation
import LearnCore

/// The Week 10 deck's backpropagation (SGD) algorithm on XOR with a 2-2-1 sigmoid network: weights drawn
/// from a seeded generator in [−0.5, 0.5], then for each sample δ^o = ŷ(1 − ŷ)(y − ŷ),
/// δ_j^h = z_j(1 − z_j)·w_j^o·δ^o, w_j^o ← w_j^o + ηδ^o z_j, w_ij^h ← w_ij^h + ηδ_j^h x_i. Every unit has a
/// bias, the weight of a constant input x0 = 1 (z0 = 1 for the output). Some seeds end in a local minimum.
public enum XORTraining: Derivation {
    public static let name = "xor-training"
    public static let summary = "The Week 10 deck's backprop (SGD) on XOR, 2-2-1 sigmoid network with biases, seeded weights in [−0.5, 0.5]: the first sample by hand, the error curve, the outputs, the learned regions."
    public static let sections = ["initial", "first-step", "training", "result", "regions"]
    public static let parameters: [Parameter] = [
        .count("seed", 1, "seed of the random initial weights", in: 0...1_000_000),
        .number("eta", 0.5, "learning rate η", in: 0.001...10),
        .count("epochs", 5000, "passes over the four samples", in: 1...50_000),
    ]

    /// The weights: `hidden[j] = [w_1j, w_2j, w_0j]` (from x1, x2 and the bias input x0 = 1) and
    /// `output = [w_1, w_2, w_0]` (from z1, z2 and z0 = 1).
    struct Weights {
        var hidden: [[Double]]
        var output: [Double]

        /// Drawn in the order w_11, w_21, w_01, w_12, w_22, w_02, w_1^o, w_2^o, w_0^o, each uniform in [−0.5, 0.5).
        init(seed: UInt64) {
            var rng = SplitMix64(seed: seed)
            hidden = (0..<2).map { _ in (0..<3).map { _ in rng.uniform(-0.5, 0.5) } }
            output = (0..<3).map { _ in rng.uniform(-0.5, 0.5) }
        }

        func forward(_ x1: Double, _ x2: Double) -> (zbar: [Double], z: [Double], ybar: Double, y: Double) {
            let zbar = hidden.map { $0[0] * x1 + $0[1] * x2 + $0[2] }
            let z = zbar.map(sigmoid)
            let ybar = output[0] * z[0] + output[1] * z[1] + output[2]
            return (zbar, z, ybar, sigmoid(ybar))
        }

        /// E(w) = ½ Σ_t (y_t − ŷ_t)² over the four samples.
        func error(_ samples: [(x1: Double, x2: Double, y: Double)]) -> Double {
            samples.reduce(0) { e, s in let d = s.y - forward(s.x1, s.x2).y; return e + 0.5 * d * d }
        }

        /// One step of the deck's algorithm on one sample; returns δ^o and δ^h (computed before any change).
        @discardableResult
        mutating func step(_ x1: Double, _ x2: Double, _ y: Double, eta: Double) -> (out: Double, hidden: [Double]) {
            let f = forward(x1, x2)
            let dOut = f.y * (1 - f.y) * (y - f.y)
            let dHidden = (0..<2).map { j in f.z[j] * (1 - f.z[j]) * output[j] * dOut }
            let zs = [f.z[0], f.z[1], 1.0], xs = [x1, x2, 1.0]
            for j in 0..<3 { output[j] += eta * dOut * zs[j] }
            for j in 0..<2 { for i in 0..<3 { hidden[j][i] += eta * dHidden[j] * xs[i] } }
            return (dOut, dHidden)
        }
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let eta = p["eta"], epochs = p.count("epochs"), seed = p.count("seed")
        let samples = PerceptronTraining.samples("XOR").map { (x1: $0.x1, x2: $0.x2, y: $0.y > 0 ? 1.0 : 0) }
        let names = ["a", "b", "c", "d"]
        var w = Weights(seed: UInt64(seed))
        let f = NumberFormat()
        let keys = ["wh_11", "wh_21", "wh_01", "wh_12", "wh_22", "wh_02", "wo_1", "wo_2", "wo_0"]
        func flat(_ w: Weights) -> [Double] { w.hidden[0] + w.hidden[1] + w.output }
        var sheet = Worksheet(inputs: Dictionary(uniqueKeysWithValues: zip(keys, flat(w)).map { ($0, $1) }).merging(["eta": eta]) { a, _ in a })

        sheet.section("initial")
        sheet.add(TraceTable(title: "Initial weights, seed \(seed) (uniform in [−0.5, 0.5])",
                             columns: ["weight", "from", "to", "value"],
                             rows: zip(keys, flat(w)).enumerated().map { k, kv in
                                 let from = ["x1", "x2", "x0 = 1", "x1", "x2", "x0 = 1", "z1", "z2", "z0 = 1"][k]
                                 let to = k < 3 ? "z1" : (k < 6 ? "z2" : "ŷ")
                                 return [.text(kv.0), .text(from), .text(to), .number(kv.1)]
                             }))
        for (k, v) in zip(keys, flat(w)) { sheet.record(k, v) }

        sheet.section("first-step")
        let a = samples[0], fa = w.forward(a.x1, a.x2)
        sheet.note("Epoch 1 begins with sample a = (0, 0), y = 0.")
        sheet.derive("zbar_1", .sum([.product(["wh_11", 0]), .product(["wh_21", 0]), "wh_01"]), value: fa.zbar[0])
        sheet.derive("z_1", .function("σ", ["zbar_1"]), value: fa.z[0])
        sheet.derive("zbar_2", .sum([.product(["wh_12", 0]), .product(["wh_22", 0]), "wh_02"]), value: fa.zbar[1])
        sheet.derive("z_2", .function("σ", ["zbar_2"]), value: fa.z[1])
        sheet.derive("ybar", .sum([.product(["wo_1", "z_1"]), .product(["wo_2", "z_2"]), "wo_0"]), value: fa.ybar)
        sheet.derive("y_hat", .function("σ", ["ybar"]), value: fa.y)
        var first = w
        let deltas = first.step(a.x1, a.x2, a.y, eta: eta)
        sheet.derive("delta_o", .product(["y_hat", .difference(1, "y_hat"), .difference(0, "y_hat")]), value: deltas.out,
                     note: "δ^o = ŷ(1 − ŷ)(y − ŷ) with y = 0.")
        sheet.derive("delta_h1", .product(["z_1", .difference(1, "z_1"), "wo_1", "delta_o"]), value: deltas.hidden[0],
                     note: "δ_j^h = z_j(1 − z_j) Σ_k w_jk^o δ_k^o, with one output.")
        sheet.derive("delta_h2", .product(["z_2", .difference(1, "z_2"), "wo_2", "delta_o"]), value: deltas.hidden[1])
        sheet.derive("wo_1+", .sum(["wo_1", .product(["eta", "delta_o", "z_1"])]), value: first.output[0])
        sheet.derive("wo_0+", .sum(["wo_0", .product(["eta", "delta_o", 1])]), value: first.output[2])
        sheet.derive("wh_01+", .sum(["wh_01", .product(["eta", "delta_h1", 1])]), value: first.hidden[0][2],
                     note: "x1 = x2 = 0, so of the input → hidden weights only the biases change on sample a.")

        sheet.section("training")
        var curve: [(x: Double, y: Double)] = [(0, w.error(samples))]
        let every = max(1, epochs / 200)
        var rows: [[TraceTable.Cell]] = []
        let checkpoints: Set<Int> = [1, 10, 100, 500, 1000, 2000, 5000, 10_000, 20_000, epochs]
        for epoch in 1...epochs {
            for s in samples { w.step(s.x1, s.x2, s.y, eta: eta) }
            if epoch % every == 0 || epoch == epochs { curve.append((Double(epoch), w.error(samples))) }
            if checkpoints.contains(epoch) {
                rows.append([.text(String(epoch)), .number(w.error(samples))] + samples.map { .number(w.forward($0.x1, $0.x2).y) })
            }
        }
        sheet.add(TracePlot(title: "E(w) = ½ Σ_t (y_t − ŷ_t)² after each epoch (seed \(seed), η = \(f.string(eta)))",
                            xLabel: "epoch", yLabel: "E", series: [.init(name: "E", points: curve)]))
        sheet.add(TraceTable(title: "E and the four outputs during training", columns: ["epoch", "E", "ŷ(a)", "ŷ(b)", "ŷ(c)", "ŷ(d)"],
                             rows: rows))

        sheet.section("result")
        var classified = 0
        var table: [[TraceTable.Cell]] = []
        for (k, s) in samples.enumerated() {
            let out = w.forward(s.x1, s.x2).y
            sheet.record("yhat(\(names[k]))", out)
            let right = (out >= 0.5) == (s.y == 1)
            if right { classified += 1 }
            table.append([.text(names[k]), .number(s.x1), .number(s.x2), .number(s.y), .number(out), .text(right ? "yes" : "no")])
        }
        sheet.add(TraceTable(title: "After \(epochs) epochs", columns: ["", "x1", "x2", "y", "ŷ", "ŷ on the right side of ½"], rows: table))
        sheet.record("E_final", w.error(samples))
        sheet.record("classified", Double(classified))
        for (k, v) in zip(keys, flat(w)) { sheet.record("\(k)_final", v) }
        if classified == 4 {
            sheet.note("All four samples on the right side of ½: E = \(f.string(w.error(samples))).")
        } else {
            sheet.note("Only \(classified) of 4 samples on the right side of ½, and E = \(f.string(w.error(samples))) has all but stopped falling: from seed \(seed) gradient descent has settled in a **local minimum**, where two outputs sit near ½. More epochs do not help; the deck's remedies are momentum and multiple restarts (another seed).")
        }

        sheet.section("regions")
        sheet.add(PerceptronMap.single("Where the trained network says ŷ ≥ ½", samples: samples.map { ($0.x1, $0.x2, $0.y > 0 ? 1 : -1) },
                                       regionNames: ["ŷ < ½", "ŷ ≥ ½"], sampleNames: ["y = 0", "y = 1"]) { x1, x2 in
            w.forward(x1, x2).y >= 0.5 ? 1 : 0
        })
        return sheet.trace
    }
}
