/// A neuron of the slides: weighted inputs summed with a bias into the net input, then an activation.
///
/// `net = w1·x1 + … + wn·xn + b` and `out = f(net)`; with the name `h1` the results are named
/// `net_h1` and `out_h1`, as in the Kuzovkin deck (Drchal calls them s_k and y_k).
public final class Neuron {
    public let name: String
    /// The names of the net input and the output: `net_h1`, `out_h1` (Mazur) or `s_1^2`, `y_1^2` (Drchal).
    public let netName: String, outName: String
    public var weights: [Value]
    public var bias: Value
    public let activation: Activation
    /// The gain γ of a sigmoid activation.
    public let gain: Double

    public init(name: String, weights: [Value], bias: Value, activation: Activation = .sigmoid, gain: Double = 1,
                netName: String? = nil, outName: String? = nil) {
        self.name = name
        self.netName = netName ?? "net_\(name)"
        self.outName = outName ?? "out_\(name)"
        self.weights = weights
        self.bias = bias
        self.activation = activation
        self.gain = gain
    }

    /// The net input and the output for these inputs.
    public func callAsFunction(_ inputs: [Value]) -> (net: Value, out: Value) {
        precondition(inputs.count == weights.count,
                     "Neuron \(name): \(weights.count) weights, \(inputs.count) inputs")
        let terms = zip(weights, inputs).map { $0 * $1 } + [bias]
        let net = Value.sum(terms).named(netName)
        let out = activation.apply(net, gain: gain).named(outName)
        return (net, out)
    }
}

/// A layer of neurons that all read the same inputs.
public final class Layer {
    public let neurons: [Neuron]

    public init(_ neurons: [Neuron]) { self.neurons = neurons }

    /// Each neuron's net input and output.
    public func callAsFunction(_ inputs: [Value]) -> (nets: [Value], outs: [Value]) {
        let results = neurons.map { $0(inputs) }
        return (results.map(\.net), results.map(\.out))
    }
}

/// A feed-forward network: layers applied in order.
public final class Network {
    public let layers: [Layer]
    /// Whether gradient descent changes the biases (the Kuzovkin deck's example keeps them fixed).
    public var updatesBiases: Bool

    public init(_ layers: [Layer], updatesBiases: Bool = true) {
        self.layers = layers
        self.updatesBiases = updatesBiases
    }

    /// Every layer's net inputs and outputs; the last layer's outputs are the network's.
    public func forward(_ inputs: [Value]) -> [(nets: [Value], outs: [Value])] {
        var signal = inputs
        var results: [(nets: [Value], outs: [Value])] = []
        for layer in layers {
            let r = layer(signal)
            results.append(r)
            signal = r.outs
        }
        return results
    }

    /// The weights, then (if they are trained) the biases, each once even when shared by several neurons.
    public var parameters: [Value] {
        var seen = Set<ObjectIdentifier>()
        var result: [Value] = []
        let all = layers.flatMap { $0.neurons.flatMap(\.weights) }
            + (updatesBiases ? layers.flatMap { $0.neurons.map(\.bias) } : [])
        for p in all where seen.insert(ObjectIdentifier(p)).inserted { result.append(p) }
        return result
    }

    /// One gradient-descent step on the gradients that `backward()` left: w ← w − η·∂E/∂w for every
    /// parameter at once (all gradients are computed before any weight changes).
    public func descend(learningRate: Double) {
        for p in parameters { p.data -= learningRate * p.grad }
    }
}

/// The squared error of the decks: E = Σ ½(target − out)², with each term named `E_o1`, `E_o2`, … .
public func squaredError(outputs: [Value], targets: [Value], names: [String]? = nil) -> (terms: [Value], total: Value) {
    precondition(outputs.count == targets.count, "squaredError: \(outputs.count) outputs, \(targets.count) targets")
    let terms = zip(outputs, targets).enumerated().map { k, pair in
        let e = 0.5 * (pair.1 - pair.0).pow(2)
        if let names { e.name = names[k] }
        return e
    }
    return (terms, Value.sum(terms))
}
