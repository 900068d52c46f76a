extension Course {
    /// The derivations of the lessons `neuron`, `activations` and `softmax`.
    nonisolated(unsafe) static let neuronDerivations: [any Derivation.Type] = [
        CricketMatch.self,
        ActivationFunctions.self,
        Softmax.self,
    ]
}
