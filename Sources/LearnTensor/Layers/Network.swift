/// A layer whose input gradient can be switched off: the first layer with weights in a network needs
/// only its parameters' gradients. ``Dense`` and ``Conv2D`` are such layers.
public protocol InputGradientOptional: Layer {
    /// Whether `backward` computes ∂L/∂input (when false it returns zeros of the input's shape).
    var computesInputGradient: Bool { get set }
}

extension Conv2D: InputGradientOptional {}

/// A feed-forward network: layers applied one after another, `y = f_L(… f_2(f_1(x)))`, and the
/// gradient sent back through them in reverse.
///
/// A network is itself a ``Layer``, so networks nest. Its ``parameters`` are its layers' parameters in
/// layer order (e.g. `dense1.weight, dense2.weight`).
public final class Network: Layer {
    /// The layers, first to last.
    public let layers: [any Layer]

    public init(_ layers: [any Layer]) {
        self.layers = layers
    }

    /// Every layer's forward in order.
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        var x = input
        for layer in layers { x = layer.forward(x, training: training) }
        return x
    }

    /// Every layer's backward in reverse order; returns ∂L/∂input. Parameter gradients accumulate.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        var g = outputGradient
        for layer in layers.reversed() { g = layer.backward(g) }
        return g
    }

    /// The backward pass training needs: the parameters' gradients only. Stops at the first layer with
    /// parameters, which computes no input gradient if it is ``InputGradientOptional`` (for the MLP's
    /// `Dense 784 → 625` that saves the `[batch, 625] · [625, 784]` product); the layers before it
    /// (an input dropout, say) are not visited.
    public func backwardToParameters(_ outputGradient: Tensor) {
        guard let first = layers.firstIndex(where: { !$0.parameters.isEmpty }) else { return }
        var g = outputGradient
        for index in stride(from: layers.count - 1, to: first, by: -1) { g = layers[index].backward(g) }
        if let layer = layers[first] as? any InputGradientOptional {
            let before = layer.computesInputGradient
            layer.computesInputGradient = false
            _ = layer.backward(g)
            layer.computesInputGradient = before
        } else if let network = layers[first] as? Network {
            network.backwardToParameters(g)
        } else {
            _ = layers[first].backward(g)
        }
    }

    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Sets every parameter's gradient to zero.
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
    }

    /// The number of trainable numbers (weights and biases).
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// E.g. `Network: Dense 784 → 625, no bias; Sigmoid; Dense 625 → 10, no bias`.
    public var summary: String { "Network: " + layers.map(\.summary).joined(separator: "; ") }

    /// One line per layer with its parameter count, then the total; the summaries padded to the widest
    /// and the counts right-aligned, e.g.
    /// ```
    /// Dense 784 → 625, no bias  490000 parameters
    /// Sigmoid                        0 parameters
    /// Dense 625 → 10, no bias     6250 parameters
    /// total                     496250 parameters
    /// ```
    public var summaryLines: [String] {
        let rows = layers.map { layer in (layer.summary, layer.parameters.reduce(0) { $0 + $1.value.count }) }
            + [("total", parameterCount)]
        let width = rows.map(\.0.count).max() ?? 0
        let countWidth = rows.map { String($0.1).count }.max() ?? 0
        return rows.map { text, count in
            let number = String(count)
            return text + String(repeating: " ", count: width - text.count + 2 + countWidth - number.count)
                + number + " parameters"
        }
    }
}
