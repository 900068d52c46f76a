extension Value {
    /// ∂self/∂x, by reverse mode over this value's graph, leaving every `grad` untouched.
    ///
    /// Use it for the factors of a chain rule (∂E_o1/∂out_h1, ∂net_o1/∂w5) beside the gradients that
    /// `backward()` has stored.
    public func derivative(withRespectTo x: Value) -> Double {
        let order = topologicalOrder()
        var adjoint: [ObjectIdentifier: Double] = [ObjectIdentifier(self): 1]
        for node in order.reversed() {
            guard let g = adjoint[ObjectIdentifier(node)], g != 0 else { continue }
            for (i, parent) in node.parents.enumerated() {
                adjoint[ObjectIdentifier(parent), default: 0] += node.localGradient(i) * g
            }
        }
        return adjoint[ObjectIdentifier(x)] ?? 0
    }
}
