import LearnCore

/// A network drawing as tables, for outputs that cannot draw a graph (terminal, Markdown): each neuron
/// with what is computed in it, then each connection with its weight, gradient and update.
public enum NetworkTables {
    public static func blocks(_ n: TraceNetwork) -> [Block] {
        var blocks: [Block] = [.paragraph([.strong([.text(n.title)])])]
        let neurons = n.nodes.filter { !$0.isBias && !$0.labels.isEmpty }
        if !neurons.isEmpty {
            blocks.append(.table(Table(
                columns: [.init(header: [.text("neuron")], alignment: .left), .init(header: [.text("layer")], alignment: .right),
                          .init(header: [.text("values")], alignment: .left)],
                rows: neurons.map { node in
                    var values: [Inline] = []
                    for (k, label) in node.labels.enumerated() {
                        if k > 0 { values.append(.text(", ")) }
                        values += [.formula(.symbol(label.name)), .text(" = "), .number(label.value)]
                    }
                    return [[.text(node.name)], [.text(String(node.layer))], values]
                })))
        }
        let hasGradients = n.edges.contains { $0.gradient != nil }, hasUpdates = n.edges.contains { $0.updated != nil }
        var columns: [Table.Column] = [.init(header: [.text("weight")], alignment: .left), .init(header: [.text("from → to")], alignment: .left),
                                       .init(header: [.text("value")], alignment: .right)]
        if hasGradients { columns.append(.init(header: [.formula(.text(plain: "∂E/∂w", latex: "\\partial E / \\partial w"))], alignment: .right)) }
        if hasUpdates { columns.append(.init(header: [.formula(.text(plain: "w⁺", latex: "w^{+}"))], alignment: .right)) }
        let rows: [[[Inline]]] = n.edges.map { e in
            var row: [[Inline]] = [[.formula(.symbol(e.weight.name))], [.text("\(e.from) → \(e.to)")], [.number(e.weight.value)]]
            if hasGradients { row.append(e.gradient.map { [.number($0.value)] } ?? [.text("—")]) }
            if hasUpdates { row.append(e.updated.map { [.number($0.value)] } ?? [.text("—")]) }
            return row
        }
        blocks.append(.table(Table(columns: columns, rows: rows)))
        return blocks
    }
}
