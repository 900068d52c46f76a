import LearnCore

extension Value {
    /// The graph behind this value as an indented tree, one node a line with its operation, data and
    /// grad; a node reached twice is shown once and then referred to by name (or `…`).
    ///
    /// ```
    /// E_total sum data=0.298371109 grad=1
    ///   E_o1 multiply data=0.274811083 grad=1
    /// ```
    public func dump(_ format: NumberFormat = NumberFormat()) -> String {
        var lines: [String] = []
        var seen = Set<ObjectIdentifier>()
        var stack: [(Value, Int)] = [(self, 0)]
        while let (node, depth) = stack.popLast() {
            let indent = String(repeating: "  ", count: depth)
            let label = node.name ?? "·"
            guard seen.insert(ObjectIdentifier(node)).inserted else {
                lines.append("\(indent)\(label) (above)")
                continue
            }
            lines.append("\(indent)\(label) \(node.op.label) data=\(format.string(node.data)) grad=\(format.string(node.grad))")
            for parent in node.parents.reversed() { stack.append((parent, depth + 1)) }
        }
        return lines.joined(separator: "\n")
    }
}

extension Op {
    /// A short name of the operation for dumps.
    var label: String {
        switch self {
        case .leaf: return "leaf"
        case .add: return "add"
        case .subtract: return "subtract"
        case .multiply: return "multiply"
        case .divide: return "divide"
        case .negate: return "negate"
        case .power(let p): return "power(\(NumberFormat().string(p)))"
        case .sum: return "sum"
        case .exp: return "exp"
        case .log: return "log"
        case .sigmoid(let gain): return gain == 1 ? "sigmoid" : "sigmoid(γ=\(NumberFormat().string(gain)))"
        case .tanh: return "tanh"
        case .relu: return "relu"
        case .step: return "step"
        case .sign: return "sign"
        }
    }
}
