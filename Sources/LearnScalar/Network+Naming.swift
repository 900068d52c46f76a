/// How a network's weights and signals are named, following one of the decks.
public enum Naming: Sendable {
    /// Mazur's example in the Kuzovkin deck: weights `w1, w2, …` numbered through the layers, one bias
    /// per layer `b1, b2, …` shared by its neurons, hidden neurons `h1, h2, …` and outputs `o1, o2, …`
    /// with `net_h1`, `out_h1`.
    case mazur
    /// Drchal's deck: `w_jk^m` from neuron j of layer m−1 to neuron k of layer m, thresholds `w_0k^m`,
    /// inner potentials `s_k^m` and outputs `y_k^m`.
    case drchal
}

extension Network {
    /// A fully connected network of the given layer sizes (inputs first), named after `naming`, with
    /// each weight's starting value from `initial(layer, from, to)` (from = 0 for a bias or threshold).
    public convenience init(sizes: [Int], naming: Naming, activation: Activation = .sigmoid, gain: Double = 1,
                            updatesBiases: Bool = true, initial: (Int, Int, Int) -> Double) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "Network: sizes \(sizes)")
        var layers: [Layer] = []
        var weightNumber = 0
        for m in 1..<sizes.count {
            var neurons: [Neuron] = []
            let sharedBias = Value(initial(m, 0, 1), name: "b\(m)")
            for k in 1...sizes[m] {
                var weights: [Value] = []
                for j in 1...sizes[m - 1] {
                    weightNumber += 1
                    let name = naming == .mazur ? "w\(weightNumber)" : "w_\(j)\(k)^\(m)"
                    weights.append(Value(initial(m, j, k), name: name))
                }
                switch naming {
                case .mazur:
                    let prefix = m == sizes.count - 1 ? "o" : (sizes.count > 3 ? "h\(m)_" : "h")
                    neurons.append(Neuron(name: "\(prefix)\(k)", weights: weights, bias: sharedBias,
                                          activation: activation, gain: gain))
                case .drchal:
                    neurons.append(Neuron(name: "\(k)^\(m)", weights: weights, bias: Value(initial(m, 0, k), name: "w_0\(k)^\(m)"),
                                          activation: activation, gain: gain, netName: "s_\(k)^\(m)", outName: "y_\(k)^\(m)"))
                }
            }
            layers.append(Layer(neurons))
        }
        self.init(layers, updatesBiases: updatesBiases)
    }
}
