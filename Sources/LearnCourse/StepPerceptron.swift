import Foundation
import LearnCore

/// The ULB deck's perceptron y = f(wx) with the unit step f(z) = 1 if z ≥ 0, else 0, on its AND table:
/// why wx alone (no bias) cannot give AND, then the deck's update Δw = (ŷ − y)x, w = w − αΔw with a
/// constant input x0 = 1, until the table is reproduced — the Week 10 rule with 0/1 outputs and η = α/2;
/// and the deck's claim that this Δw is the gradient of the squared loss, against central differences of
/// that loss (zero for the step), of the loss with a sigmoid (which carries σ′(wx)) and of cross-entropy.
public enum StepPerceptron: Derivation {
    public static let name = "step-perceptron"
    public static let summary = "The ULB deck's y = f(wx) with the unit step: why AND needs a bias, the update Δw = (ŷ − y)x, w = w − αΔw, the AND table reproduced, and that Δw against the true gradients of the squared loss (step and sigmoid) and of cross-entropy."
    public static let sections = ["no-bias", "training", "table", "gradient"]
    public static let parameters: [Parameter] = [
        .choice("gate", "AND", ["AND", "OR", "NAND", "NOR", "XOR"], "the truth table to learn"),
        .number("alpha", 1, "learning rate α", in: 0.001...1),
        .number("w1", 1, "weight w1 of the perceptron without a bias", in: -1e3...1e3),
        .number("w2", 1, "weight w2 of the perceptron without a bias", in: -1e3...1e3),
        .count("epochs", 100, "the most epochs to try", in: 1...10_000),
    ]

    static func step(_ z: Double) -> Double { z >= 0 ? 1 : 0 }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let gate = p.choice("gate"), alpha = p["alpha"], maxEpochs = p.count("epochs")
        // The deck's table with outputs 0 and 1.
        let samples = PerceptronTraining.samples(gate).map { (x1: $0.x1, x2: $0.x2, y: $0.y > 0 ? 1.0 : 0) }
        let names = ["a", "b", "c", "d"]
        let f = NumberFormat()
        var sheet = Worksheet(inputs: ["w1": p["w1"], "w2": p["w2"], "alpha": alpha])

        sheet.section("no-bias")
        sheet.derive("wx_a", .sum([.product(["w1", 0]), .product(["w2", 0])]), value: 0,
                     note: "At sample a = (0, 0) the product wx is 0 whatever the weights.")
        sheet.derive("f_a", .function("step", ["wx_a"]), value: step(0),
                     note: "So f(wx) = f(0) = 1 at (0, 0) for every w = (w1, w2), but the \(gate) table wants \(f.string(samples[0].y)) there\(samples[0].y == 1 ? "" : ": without a bias the perceptron cannot be trained to it"). A constant input x0 = 1 with its own weight w0 (the bias) fixes that: x = (1, x1, x2).")

        sheet.section("training")
        var w = [0.0, 0.0, 0.0]
        var rows: [[TraceTable.Cell]] = []
        var seen: Set<[Double]> = []
        var updates = 0, converged = false, epochsRun = 0
        // The first update made where wx ≠ 0 (away from the step's jump): where the deck's Δw is compared
        // with the true gradient of its squared loss.
        var probe: (epoch: Int, sample: Int, w: [Double], x: [Double], y: Double)?
        for epoch in 1...maxEpochs {
            guard seen.insert(w).inserted else { break }
            epochsRun = epoch
            var mistakes = 0
            for (k, s) in samples.enumerated() {
                let z = w[0] + w[1] * s.x1 + w[2] * s.x2
                let yHat = step(z)
                let dw = [(yHat - s.y), (yHat - s.y) * s.x1, (yHat - s.y) * s.x2]
                if yHat != s.y {
                    mistakes += 1; updates += 1
                    if probe == nil && z != 0 { probe = (epoch, k, w, [1, s.x1, s.x2], s.y) }
                }
                w = zip(w, dw).map { $0 - alpha * $1 }
                rows.append([.text(String(epoch)), .text(names[k]), .number(s.x1), .number(s.x2), .number(s.y), .number(z),
                             .number(yHat), .number(yHat - s.y), .number(w[0]), .number(w[1]), .number(w[2])])
            }
            if mistakes == 0 { converged = true; break }
        }
        sheet.add(TraceTable(title: "f(wx) on \(gate), x = (1, x1, x2), w starts at 0, α = \(f.string(alpha))",
                             columns: ["epoch", "sample", "x1", "x2", "y", "wx", "ŷ = f(wx)", "ŷ − y", "w0", "w1", "w2"],
                             rows: rows))
        sheet.record("updates", Double(updates))
        sheet.record("epochs", Double(epochsRun))
        sheet.record("converged", converged ? 1 : 0)
        for i in 0...2 { sheet.record("w\(i)", w[i]) }
        sheet.note(converged
            ? "Epoch \(epochsRun) makes no mistake after \(updates) updates: w = (\(w.map { f.string($0) }.joined(separator: ", ")))."
            : "No convergence: after \(epochsRun) epochs and \(updates) updates the weights \(epochsRun < maxEpochs ? "repeat those at the start of an earlier epoch, so the rule cycles forever" : "still change").")

        sheet.section("table")
        var outputs: [[TraceTable.Cell]] = []
        for (k, s) in samples.enumerated() {
            let z = w[0] + w[1] * s.x1 + w[2] * s.x2
            sheet.record("y_\(names[k])", step(z))
            outputs.append([.text(names[k]), .number(s.x1), .number(s.x2), .number(s.y), .number(z), .number(step(z))])
        }
        sheet.add(TraceTable(title: "The learned perceptron on the \(gate) table", columns: ["", "x1", "x2", "y", "wx", "f(wx)"],
                             rows: outputs))
        sheet.add(PerceptronMap.single("f(wx) = 1 and f(wx) = 0 on the plane, w = (\(w.map { f.string($0) }.joined(separator: ", ")))",
                                       samples: samples.map { ($0.x1, $0.x2, $0.y > 0 ? 1 : -1) },
                                       regionNames: ["f(wx) = 0", "f(wx) = 1"], sampleNames: ["y = 0", "y = 1"],
                                       classify: PerceptronMap.side(w)))
        sheet.section("gradient")
        // The deck: "For perceptron, gradient update (with squared loss) is: Δw = (ŷ − y_i)x_i", with
        // J = ½(f(wx) − y)². The true gradient is (f(wx) − y)·f′(wx)·x, and the step's f′ is 0 wherever wx ≠ 0.
        let at = probe ?? (0, samples.count - 1, [-0.5, 0, 0], [1, samples[samples.count - 1].x1, samples[samples.count - 1].x2], samples[samples.count - 1].y)
        let z = zip(at.w, at.x).reduce(0) { $0 + $1.0 * $1.1 }
        let yHat = step(z)
        func sigmoid(_ t: Double) -> Double { 1 / (1 + exp(-t)) }
        func loss(_ f: (Double) -> Double, _ w: [Double]) -> Double {
            let out = f(zip(w, at.x).reduce(0) { $0 + $1.0 * $1.1 }); return 0.5 * (out - at.y) * (out - at.y)
        }
        /// −[y ln σ(t) + (1 − y) ln(1 − σ(t))] in the stable form ln(1 + eᵗ) − y·t (y is 0 or 1).
        func crossEntropy(_ w: [Double]) -> Double {
            let t = zip(w, at.x).reduce(0) { $0 + $1.0 * $1.1 }
            return max(t, 0) + log1p(exp(-abs(t))) - at.y * t
        }
        // A step small enough not to cross the jump at wx = 0 (|Δ(wx)| ≤ h·Σ|x_i| ≤ 3h).
        let h = min(1e-5, abs(z) / 4)
        func central(_ j: ([Double]) -> Double, _ i: Int) -> Double {
            var plus = at.w, minus = at.w
            plus[i] += h; minus[i] -= h
            return (j(plus) - j(minus)) / (2 * h)
        }
        let sz = sigmoid(z), dsz = sz * (1 - sz)
        sheet.note("At the first update with wx ≠ 0 (epoch \(at.epoch), sample \(names[at.sample])): w = (\(at.w.map { f.string($0) }.joined(separator: ", "))), x = (\(at.x.map { f.string($0) }.joined(separator: ", "))), y = \(f.string(at.y)), wx = \(f.string(z)).")
        sheet.record("probe_wx", z)
        sheet.record("probe_y_hat", yHat)
        var gradientRows: [[TraceTable.Cell]] = []
        var stepMax = 0.0, sigmoidGap = 0.0, crossGap = 0.0
        for i in 0...2 {
            let deck = (yHat - at.y) * at.x[i]
            let stepCD = central({ loss(step, $0) }, i)
            let smooth = (sz - at.y) * dsz * at.x[i]
            let smoothCD = central({ loss(sigmoid, $0) }, i)
            let cross = (sz - at.y) * at.x[i]
            let crossCD = central(crossEntropy, i)
            sheet.record("deck_dw\(i)", deck)
            sheet.record("step_dJ/dw\(i)", stepCD)
            sheet.record("sigmoid_dJ/dw\(i)", smooth)
            sheet.record("cross_entropy_dL/dw\(i)", cross)
            stepMax = max(stepMax, abs(stepCD))
            sigmoidGap = max(sigmoidGap, abs(smooth - smoothCD))
            crossGap = max(crossGap, abs(cross - crossCD))
            gradientRows.append([.text("w\(i)"), .number(at.x[i]), .number(deck), .number(stepCD), .number(smooth), .number(smoothCD), .number(cross)])
        }
        sheet.add(TraceTable(title: "The deck's Δw against true gradients at that w (central differences with h = \(f.string(h)))",
                             columns: ["", "x_i", "deck (ŷ − y)x_i", "step f: ∂J/∂w_i", "f = σ: (σ − y)σ′x_i", "f = σ: central diff.", "cross-entropy: (σ − y)x_i"],
                             rows: gradientRows))
        sheet.record("step_gradient_max", stepMax)
        sheet.record("sigmoid_gradient_gap", sigmoidGap)
        sheet.record("cross_entropy_gradient_gap", crossGap)
        sheet.record("sigmoid_factor", dsz)
        return sheet.trace
    }
}
