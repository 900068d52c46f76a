import Foundation
import LearnCore
import LearnScalar

/// Hinton's counterexample from the Drchal deck: why RPROP fails on mini-batches. A weight gets a
/// gradient of +0.1 on nine mini-batches and −0.9 on the tenth. Plain SGD ends each epoch where it
/// began; mini-batch RPROP, which sees only signs, drifts far (iRprop⁻ makes no step at all on the −0.9
/// batch, Rprop⁻ one step of half the grown Δ, Rprop⁺ undoes its last step); rmsprop divides each gradient
/// by a running RMS that the −0.9 itself raises, so the divisor is not the same across the epoch, and it
/// drifts too, far more slowly.
public enum RpropMinibatch: Derivation {
    public static let name = "rprop-minibatch"
    public static let summary = "Hinton's counterexample under SGD, RPROP and rmsprop."
    public static let sections = ["sequence", "epochs"]
    public static let parameters: [Parameter] = [
        .number("g_small", 0.1, "gradient on the first mini-batches"),
        .number("g_large", -0.9, "gradient on the last mini-batch"),
        .count("batches", 10, "mini-batches per epoch (the last one gets g_large)", in: 2...1000),
        .count("epochs", 5, "epochs", in: 1...1000),
        .choice("variant", "irprop-", ["irprop-", "rprop-", "rprop+"], "RPROP variant (no error is known, so no iRprop⁺, which needs one)"),
        .number("delta0", 0.1, "initial RPROP step Δ0", in: 1e-6...50),
        .number("eta_plus", 1.2, "RPROP increase factor η⁺", in: 1...10),
        .number("eta_minus", 0.5, "RPROP decrease factor η⁻", in: 0.01...1),
        .number("delta_max", 50, "largest RPROP step", in: 1e-6...1e6),
        .number("delta_min", 1e-6, "smallest RPROP step", in: 0...1),
        .number("eta", 0.1, "learning rate of SGD and rmsprop", in: 0...100),
        .number("decay", 0.9, "rmsprop's decay: MeanSquare ← decay·MeanSquare + (1 − decay)·g²", in: 0...0.9999),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let batches = p.count("batches"), epochs = p.count("epochs"), eta = p["eta"], decay = p["decay"]
        let gradients = (0..<batches).map { $0 == batches - 1 ? p["g_large"] : p["g_small"] }
        var sheet = Worksheet()
        guard let variant = Rprop.Variant(rawValue: p.choice("variant")) else { throw .invalid("unknown RPROP variant") }
        var rprop = Rprop(count: 1, variant: variant, initialStep: p["delta0"], increase: p["eta_plus"],
                          decrease: p["eta_minus"], minimumStep: p["delta_min"], maximumStep: p["delta_max"])
        // MeanSquare is kept as scale² · meanSquare, scale the largest |g| so far, so that g² of a tiny
        // gradient (|g| < 1e-154) does not underflow to 0 and g/√MeanSquare stays the finite ratio it is.
        var sgd = 0.0, resilient = 0.0, rms = 0.0, meanSquare = 0.0, scale = 0.0
        var rows: [[TraceTable.Cell]] = [], epochRows: [[TraceTable.Cell]] = []
        // rmsprop's divisor √MeanSquare over the last epoch, and what each method moved in it.
        var divisors: [Double] = [], largeDivisor = 0.0, lastEpochStart = (rprop: 0.0, rms: 0.0)
        var curves: [[(x: Double, y: Double)]] = [[(0, 0)], [(0, 0)], [(0, 0)]]
        sheet.section("sequence")
        sheet.derive("sum_gradients", symbol: .text(plain: "Σg", latex: "\\sum g"),
                     .sum(gradients.map { .number($0) }), value: clean(gradients.reduce(0, +)),
                     note: "What one epoch of mini-batches adds up to; plain SGD moves by −η times this per epoch.")
        /// Sums of 0.1 in binary floating point leave residues near 1e-17 where the exact sum is 0; they are
        /// shown as the 0 they stand for.
        func clean(_ x: Double) -> Double { abs(x) < 1e-12 ? 0 : x }
        for epoch in 1...epochs {
            if epoch == epochs { lastEpochStart = (resilient, rms) }
            for (b, g) in gradients.enumerated() {
                sgd = clean(sgd - eta * g)
                let stepBefore = rprop.steps[0]
                let change = rprop.changes(gradients: [g])[0]
                resilient += change
                if epoch == 1 && b == batches - 1 {
                    // What the variant does on the first batch whose gradient has the other sign.
                    sheet.record("rprop_step_before_large", stepBefore)
                    sheet.record("rprop_step_after_large", rprop.steps[0])
                    sheet.record("rprop_change_large", change)
                    sheet.record("rprop_w_before_large", resilient - change)
                }
                if abs(g) > scale {
                    meanSquare *= (scale / abs(g)) * (scale / abs(g))
                    scale = abs(g)
                }
                let unit = scale == 0 ? 0 : g / scale
                meanSquare = decay * meanSquare + (1 - decay) * unit * unit
                // No gradient yet (every g so far 0): no step, as rmsprop with any ε > 0 gives.
                rms -= meanSquare == 0 ? 0 : eta * unit / meanSquare.squareRoot()
                if epoch == epochs {
                    divisors.append(scale * meanSquare.squareRoot())
                    if b == batches - 1 { largeDivisor = scale * meanSquare.squareRoot() }
                }
                let t = Double((epoch - 1) * batches + b + 1)
                curves[0].append((t, sgd)); curves[1].append((t, resilient)); curves[2].append((t, rms))
                if epoch <= 2 {
                    let at = "\(epoch),\(b + 1)"
                    sheet.record("sgd_w_\(at)", sgd)
                    sheet.record("rprop_step_\(at)", rprop.steps[0])
                    sheet.record("rprop_w_\(at)", resilient)
                    sheet.record("rmsprop_w_\(at)", rms)
                    rows.append([.text(String(epoch)), .text(String(b + 1)), .number(g), .number(sgd),
                                 .number(rprop.steps[0]), .number(resilient), .number(scale * meanSquare.squareRoot()), .number(rms)])
                }
            }
            epochRows.append([.text(String(epoch)), .number(sgd), .number(resilient), .number(rprop.steps[0]), .number(rms)])
            sheet.record("sgd_w_\(epoch)", sgd)
            sheet.record("rprop_w_\(epoch)", resilient)
            sheet.record("rmsprop_w_\(epoch)", rms)
            sheet.record("rprop_step_\(epoch)", rprop.steps[0])
        }
        sheet.add(TraceTable(title: "Batch by batch, epochs 1 and 2 (w starts at 0)",
                             columns: ["epoch", "batch", "g", "SGD w", "RPROP Δ", "RPROP w", "√MeanSquare (divisor)", "rmsprop w"],
                             rows: rows))
        sheet.section("epochs")
        sheet.add(TraceTable(title: "Where each method is after every epoch",
                             columns: ["epoch", "SGD w", "RPROP w", "RPROP Δ", "rmsprop w"], rows: epochRows))
        sheet.add(TracePlot(title: "The weight, mini-batch by mini-batch", xLabel: "mini-batch", yLabel: "w",
                            series: [.init(name: "SGD", points: curves[0]), .init(name: "RPROP", points: curves[1]),
                                     .init(name: "rmsprop", points: curves[2])]))
        sheet.record("rms_divisor_min", divisors.min() ?? 0)
        sheet.record("rms_divisor_max", divisors.max() ?? 0)
        sheet.record("rms_divisor_large", largeDivisor)
        sheet.record("rms_epoch_change", rms - lastEpochStart.rms)
        sheet.record("rprop_epoch_change", resilient - lastEpochStart.rprop)
        sheet.record("sgd_w", sgd)
        sheet.record("rprop_w", resilient)
        sheet.record("rprop_step", rprop.steps[0])
        sheet.record("rmsprop_w", rms)
        return sheet.trace
    }
}
