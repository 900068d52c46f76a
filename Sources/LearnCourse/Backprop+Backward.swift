import LearnCore
import LearnScalar

extension Backprop {
    static let outputs = ["o1", "o2"]
    static let hiddens = ["h1", "h2"]

    /// The weight from hidden neuron `j` to output `k` (w5, w6 into o1; w7, w8 into o2) and its name.
    static func outputWeight(_ net: Network, _ k: Int, _ j: Int) -> Value { net.layers[1].neurons[k].weights[j] }
    /// The weight from input `i` to hidden neuron `j` (w1, w2 into h1; w3, w4 into h2).
    static func hiddenWeight(_ net: Network, _ j: Int, _ i: Int) -> Value { net.layers[0].neurons[j].weights[i] }

    /// ∂E_total/∂w5 … ∂E_total/∂w8 as the chain ∂E_total/∂out_o · ∂out_o/∂net_o · ∂net_o/∂w, and the updates.
    static func outputLayer(_ sheet: inout Worksheet, _ net: Network, _ pass: Pass, eta: Double) {
        sheet.section("output-layer")
        for (k, o) in outputs.enumerated() {
            let out = pass.output.outs[k], netInput = pass.output.nets[k]
            sheet.partial("E_total", "out_\(o)", .negation(.difference(.symbol("target_\(o)"), .symbol("out_\(o)"))),
                          value: out.grad)
            sheet.partial("out_\(o)", "net_\(o)", .product([.symbol("out_\(o)"), .difference(1, .symbol("out_\(o)"))]),
                          value: out.localGradient(withRespectTo: netInput),
                          note: "The sigmoid's derivative, written with its output: σ'(x) = σ(x)(1 − σ(x)).")
            sheet.chain("E_total", "net_\(o)", through: [("E_total", "out_\(o)"), ("out_\(o)", "net_\(o)")],
                        value: netInput.grad, note: "Mazur calls this δ_\(o).")
            sheet.record("delta_\(o)", netInput.grad)
            for (j, h) in hiddens.enumerated() {
                let w = outputWeight(net, k, j), wName = w.name!
                sheet.partial("net_\(o)", wName, .symbol("out_\(h)"), value: netInput.derivative(withRespectTo: w))
                sheet.chain("E_total", wName, through: [("E_total", "out_\(o)"), ("out_\(o)", "net_\(o)"), ("net_\(o)", wName)],
                            value: w.grad)
                update(&sheet, w, eta: eta)
            }
        }
    }

    /// ∂E_total/∂w1 … ∂E_total/∂w4: the error reaches a hidden neuron through both outputs.
    static func hiddenLayer(_ sheet: inout Worksheet, _ net: Network, _ pass: Pass, eta: Double) {
        sheet.section("hidden-layer")
        for (k, o) in outputs.enumerated() {
            sheet.partial("E_\(o)", "net_\(o)", .derivative(of: "E_total", withRespectTo: "net_\(o)"),
                          value: pass.errors[k].derivative(withRespectTo: pass.output.nets[k]),
                          note: "Only E_\(o) depends on net_\(o), so this is δ_\(o) from the output layer.")
        }
        for (j, h) in hiddens.enumerated() {
            let out = pass.hidden.outs[j], netInput = pass.hidden.nets[j]
            for (k, o) in outputs.enumerated() {
                let w = outputWeight(net, k, j)
                sheet.partial("net_\(o)", "out_\(h)", .symbol(w.name!),
                              value: pass.output.nets[k].derivative(withRespectTo: out))
                sheet.chain("E_\(o)", "out_\(h)", through: [("E_\(o)", "net_\(o)"), ("net_\(o)", "out_\(h)")],
                            value: pass.errors[k].derivative(withRespectTo: out))
            }
            sheet.partial("E_total", "out_\(h)",
                          .sum(outputs.map { .derivative(of: "E_\($0)", withRespectTo: "out_\(h)") }),
                          value: out.grad, note: "out_\(h) feeds both outputs, so both errors reach it.")
            sheet.partial("out_\(h)", "net_\(h)", .product([.symbol("out_\(h)"), .difference(1, .symbol("out_\(h)"))]),
                          value: out.localGradient(withRespectTo: netInput))
            for i in 0..<2 {
                let w = hiddenWeight(net, j, i), wName = w.name!
                sheet.partial("net_\(h)", wName, .symbol("i\(i + 1)"), value: netInput.derivative(withRespectTo: w))
                sheet.chain("E_total", wName, through: [("E_total", "out_\(h)"), ("out_\(h)", "net_\(h)"), ("net_\(h)", wName)],
                            value: w.grad)
                update(&sheet, w, eta: eta)
            }
        }
    }

    /// w+ = w − η·∂E_total/∂w, shown but not yet applied: every gradient uses the original weights.
    static func update(_ sheet: inout Worksheet, _ w: Value, eta: Double) {
        let name = w.name!
        sheet.derive("\(name)+", .difference(.symbol(name), .product(["eta", .derivative(of: "E_total", withRespectTo: name)])),
                     value: w.data - eta * w.grad)
    }
}
