extension Value {
    /// Every value this one depends on, itself last, each before the values made from it.
    ///
    /// Built with an explicit stack rather than recursion, so a graph thousands of nodes deep (a long
    /// training run unrolled, a sum over 784 inputs) cannot overflow the call stack.
    public func topologicalOrder() -> [Value] {
        var order: [Value] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(node: Value, nextParent: Int)] = [(self, 0)]
        visited.insert(ObjectIdentifier(self))
        while !stack.isEmpty {
            let (node, next) = stack[stack.count - 1]
            if next < node.parents.count {
                stack[stack.count - 1].nextParent += 1
                let parent = node.parents[next]
                if visited.insert(ObjectIdentifier(parent)).inserted { stack.append((parent, 0)) }
            } else {
                order.append(node)
                stack.removeLast()
            }
        }
        return order
    }

    /// Fills `grad` of this value and everything it depends on with ∂self/∂value.
    ///
    /// Gradients are reset first, so calling `backward()` twice gives the same gradients, not doubled ones.
    public func backward() {
        let order = topologicalOrder()
        for node in order { node.grad = 0 }
        grad = 1
        for node in order.reversed() where node.grad != 0 {
            for (i, parent) in node.parents.enumerated() {
                parent.grad += node.localGradient(i) * node.grad
            }
        }
    }
}
