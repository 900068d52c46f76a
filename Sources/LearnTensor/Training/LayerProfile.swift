import LearnCore

/// Where a training step's time goes: each layer of a network timed on its own, forward and backward,
/// on one batch, beside the arithmetic of its multiply-adds (for `learn bench --layers`).
///
/// The passes are the ones a training step makes (``Network/backwardToParameters(_:)``): every layer
/// forward with `training: true`, then backward from the last layer to the first layer with weights,
/// which computes no input gradient; the layers before it have no backward pass. Each pass is timed
/// `repeats` times and the fastest is kept, so a layer's time is its own, not the machine's worst
/// moment. The output gradient fed to the last layer is a constant (timing does not depend on it).
/// Parameter gradients accumulate as in training; the weights are not changed.
public struct LayerProfile: Sendable {
    /// One layer (nested networks are flattened into their layers).
    public struct Entry: Sendable, Equatable {
        /// E.g. `Conv2D 32 → 64, 3×3`.
        public let summary: String
        /// The fastest forward pass on the batch, in seconds.
        public let forwardSeconds: Double
        /// The fastest backward pass on the batch, in seconds; nil for a layer before the first layer
        /// with weights (training never runs its backward pass).
        public let backwardSeconds: Double?
        /// FLOP of the forward pass on the batch (2 per multiply-add; 0 for a layer without weights,
        /// whose few operations per value are not counted, as in ``FLOPCount``).
        public let forwardFLOP: Int
        /// FLOP of the backward pass: the weight gradient (as many as forward) and, except for the
        /// first layer with weights, the input gradient (as many again).
        public let backwardFLOP: Int

        public init(summary: String, forwardSeconds: Double, backwardSeconds: Double?, forwardFLOP: Int, backwardFLOP: Int) {
            (self.summary, self.forwardSeconds, self.backwardSeconds) = (summary, forwardSeconds, backwardSeconds)
            (self.forwardFLOP, self.backwardFLOP) = (forwardFLOP, backwardFLOP)
        }
    }

    /// The layers, first to last.
    public let entries: [Entry]
    /// The images (samples) in the batch.
    public let batch: Int

    /// The sum of every layer's forward and backward time, in seconds.
    public var totalSeconds: Double { entries.reduce(0) { $0 + $1.forwardSeconds + ($1.backwardSeconds ?? 0) } }

    public init(entries: [Entry], batch: Int) {
        (self.entries, self.batch) = (entries, batch)
    }

    /// Times every layer of `network` on `inputs` (one batch, `[n, …]`), each pass `repeats` times.
    public static func measure(_ network: Network, inputs: Tensor, repeats: Int) -> LayerProfile {
        precondition(repeats >= 1, "LayerProfile: repeats is \(repeats)")
        precondition(inputs.rank >= 1 && inputs.shape[0] >= 1, "LayerProfile: inputs \(inputs.shape)")
        let layers = flattened(network)
        let firstWithWeights = layers.firstIndex { !$0.parameters.isEmpty }
        let clock = ContinuousClock()
        func seconds(_ body: () -> Void) -> Double {
            var best = Double.infinity
            for _ in 0..<repeats {
                let start = clock.now
                body()
                let elapsed = clock.now - start
                best = min(best, elapsed.inSeconds)
            }
            return best
        }

        // Forward, layer by layer: each layer's input is the previous layer's output.
        var x = inputs
        var forward: [Double] = [], flop: [Int] = []
        for layer in layers {
            var y = x
            let input = x
            forward.append(seconds { y = layer.forward(input, training: true) })
            flop.append(2 * (FLOPCount.multiplyAdds(of: layer, output: y) ?? 0))
            x = y
        }
        // Backward, last to the first layer with weights; each layer uses what its last forward kept.
        var backward = [Double?](repeating: nil, count: layers.count)
        if let firstWithWeights {
            var g = Tensor(repeating: 1 / Float(x.count), shape: x.shape)
            for index in stride(from: layers.count - 1, through: firstWithWeights, by: -1) {
                let layer = layers[index]
                var next = g
                let gradient = g
                if index == firstWithWeights, let optional = layer as? any InputGradientOptional {
                    let before = optional.computesInputGradient
                    optional.computesInputGradient = false
                    backward[index] = seconds { next = layer.backward(gradient) }
                    optional.computesInputGradient = before
                } else {
                    backward[index] = seconds { next = layer.backward(gradient) }
                }
                g = next
            }
        }
        let entries = layers.indices.map { i in
            let weightLayer = flop[i] > 0
            let backwardFLOP = !weightLayer || backward[i] == nil ? 0 : (i == firstWithWeights ? flop[i] : 2 * flop[i])
            return Entry(summary: layers[i].summary, forwardSeconds: forward[i], backwardSeconds: backward[i],
                         forwardFLOP: flop[i], backwardFLOP: backwardFLOP)
        }
        return LayerProfile(entries: entries, batch: inputs.shape[0])
    }

    /// The layers of `network`, nested networks replaced by their layers.
    static func flattened(_ network: Network) -> [any Layer] {
        network.layers.flatMap { layer -> [any Layer] in
            if let inner = layer as? Network { return flattened(inner) }
            return [layer]
        }
    }
}
