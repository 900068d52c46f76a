/// The arithmetic of one image through a network: the multiply-adds of its ``Dense`` and ``Conv2D``
/// layers, counted from their shapes, as floating-point operations (FLOP).
///
/// Convention (the usual one, e.g. for GEMM's `2·m·n·k`): 2 FLOP per multiply-add; the zeros a padded
/// convolution multiplies count too; biases, activations, pooling, dropout, the loss and the optimizer
/// are not counted (they are a few operations per value, under 1 % of the course networks' work).
/// A training step is the forward pass plus, per layer with weights, the weight gradient (as many
/// multiply-adds as its forward) and the input gradient (as many again), except for the first layer with
/// weights, whose input gradient nobody needs (``Network/backwardToParameters(_:)`` skips it, as do
/// PyTorch and Keras for an input that needs no gradient): about 3 × the forward pass.
public struct FLOPCount: Sendable, Equatable {
    /// One layer with weights: its summary and its forward multiply-adds per image.
    public struct Entry: Sendable, Equatable {
        public let summary: String
        public let multiplyAdds: Int
    }

    /// The layers with weights, first to last.
    public let layers: [Entry]

    /// FLOP of the forward pass per image: 2 × the multiply-adds of every layer.
    public var forward: Int { 2 * layers.reduce(0) { $0 + $1.multiplyAdds } }

    /// FLOP of one training step per image: forward, weight gradients, and input gradients of every layer
    /// with weights but the first.
    public var training: Int { 3 * forward - 2 * (layers.first?.multiplyAdds ?? 0) }

    public init(layers: [Entry]) { self.layers = layers }

    /// The forward multiply-adds of `layer` for the output `output` it gave (any batch size), for a
    /// ``Dense`` or ``Conv2D``; nil for a layer without weights (whose arithmetic is not counted).
    public static func multiplyAdds(of layer: any Layer, output: Tensor) -> Int? {
        if let dense = layer as? Dense {
            return output.count * dense.inputCount
        } else if let conv = layer as? Conv2D {
            // Every output value is a dot product over C·KH·KW inputs.
            let w = conv.weight.value.shape
            return output.count * w[1] * w[2] * w[3]
        }
        return nil
    }
}

extension Network {
    /// The network's ``FLOPCount`` for one sample of `sampleShape` (e.g. `[1, 28, 28]` or `[784]`).
    ///
    /// Each layer's input shape comes from a forward pass (`training: false`) of one zero sample, so the
    /// count follows whatever sizes padding and pooling give; nothing is kept.
    public func flopCount(sampleShape: [Int]) -> FLOPCount {
        var x = Tensor(zeros: [1] + sampleShape)
        var entries: [FLOPCount.Entry] = []
        func visit(_ layers: [any Layer]) {
            for layer in layers {
                if let network = layer as? Network { visit(network.layers); continue }
                let y = layer.forward(x, training: false)
                if let multiplyAdds = FLOPCount.multiplyAdds(of: layer, output: y) {
                    entries.append(.init(summary: layer.summary, multiplyAdds: multiplyAdds))
                } else {
                    precondition(layer.parameters.isEmpty, "flopCount: no FLOP count for \(layer.summary)")
                }
                x = y
            }
        }
        visit(layers)
        return FLOPCount(layers: entries)
    }
}
