import LearnCore
import LearnScalar

extension Backprop {
    /// The 2-2-2 network as a graph: inputs, hidden and output neurons with their net inputs and outputs,
    /// the biases, and every weight with its gradient and its update (before any update is applied).
    static func drawing(_ sheet: inout Worksheet, _ net: Network, _ pass: Pass, _ p: Parameters) {
        sheet.section("network")
        typealias Label = TraceNetwork.Label
        var nodes = [TraceNetwork.Node(name: "i1", layer: 0, labels: [Label("i1", p["i1"])]),
                     TraceNetwork.Node(name: "i2", layer: 0, labels: [Label("i2", p["i2"])])]
        var edges: [TraceNetwork.Edge] = []
        for (l, layer) in net.layers.enumerated() {
            let values = l == 0 ? pass.hidden : pass.output
            let sources = l == 0 ? ["i1", "i2"] : hiddens
            var biases: [String] = []
            for (k, neuron) in layer.neurons.enumerated() {
                var labels = [Label(values.nets[k].name!, values.nets[k].data), Label(values.outs[k].name!, values.outs[k].data)]
                if l == 1 { labels.append(Label("target_\(neuron.name)", p["target_\(neuron.name)"])) }
                nodes.append(TraceNetwork.Node(name: neuron.name, layer: l + 1, labels: labels))
                for (j, w) in neuron.weights.enumerated() {
                    edges.append(edge(sources[j], neuron.name, w, sheet))
                }
                let bias = neuron.bias.name!
                if !biases.contains(bias) {
                    biases.append(bias)
                    nodes.append(TraceNetwork.Node(name: bias, layer: l, isBias: true))
                }
                edges.append(edge(bias, neuron.name, neuron.bias, sheet))
            }
        }
        sheet.add(TraceNetwork(title: "The 2-2-2 network: every weight with its gradient and its update",
                               nodes: nodes, edges: edges))
    }

    /// An edge whose weight is `w`, with the gradient and update the trace recorded for it (if any).
    private static func edge(_ from: String, _ to: String, _ w: Value, _ sheet: Worksheet) -> TraceNetwork.Edge {
        let name = w.name!
        let gradient = Formula.derivativeKey("E_total", name)
        return TraceNetwork.Edge(from: from, to: to, weight: .init(name, w.data),
                                 gradient: sheet.lookup(gradient).map { .init(gradient, $0) },
                                 updated: sheet.lookup(name + "+").map { .init(name + "+", $0) })
    }
}
