import LearnCore
import LearnScalar

extension Backprop {
    /// Applies the updates, shows the error after one update, then trains for `steps` updates in all.
    static func training(_ sheet: inout Worksheet, _ net: Network, _ p: Parameters) {
        let eta = p["eta"], steps = p.count("steps")
        sheet.section("after-one")
        guard steps >= 1 else {
            sheet.note("No updates (`steps = 0`).")
            return
        }
        net.descend(learningRate: eta)
        var pass = forward(net, p)
        sheet.derive("E_after_1", symbol: .text(plain: "E_total after 1 update", latex: "E_{\\text{total}}^{(1)}"),
                     .sum([.number(pass.errors[0].data), .number(pass.errors[1].data)]), value: pass.total.data,
                     note: "The forward pass again, with all eight updated weights.", substitute: false)

        sheet.section("training")
        var curve: [(x: Double, y: Double)] = [(0, sheet.lookup("E_total") ?? .nan), (1, pass.total.data)]
        var rows: [[TraceTable.Cell]] = []
        let checkpoints: Set<Int> = [1, 10, 100, 1_000, steps - 1, steps]
        var samples = Set<Int>()
        var x = 1.0
        while x <= Double(steps) { samples.insert(Int(x.rounded())); x *= 1.2 }
        var t = 1
        while true {
            if checkpoints.contains(t) {
                sheet.record("E_after_\(t)", pass.total.data)
                sheet.record("out_o1_after_\(t)", pass.output.outs[0].data)
                sheet.record("out_o2_after_\(t)", pass.output.outs[1].data)
                rows.append([.text(String(t)), .number(pass.total.data), .number(pass.output.outs[0].data),
                             .number(pass.output.outs[1].data)])
            }
            if t == steps { break }
            pass.total.backward()
            net.descend(learningRate: eta)
            pass = forward(net, p)
            t += 1
            if samples.contains(t) || t == steps { curve.append((Double(t), pass.total.data)) }
        }
        sheet.add(TraceTable(title: "Training the 2-2-2 network", columns: ["updates", "E_total", "out_o1", "out_o2"],
                             rows: rows))
        sheet.record("E_after_steps", pass.total.data)
        sheet.record("out_o1_after_steps", pass.output.outs[0].data)
        sheet.record("out_o2_after_steps", pass.output.outs[1].data)
        sheet.add(TracePlot(title: "E_total during training", xLabel: "updates", yLabel: "E_total",
                            series: [.init(name: "E_total", points: curve)], logY: true))
    }
}

