extension Course {
    /// The derivations of the lessons `perceptron-geometry` and `xor`.
    nonisolated(unsafe) static let perceptronGeometryDerivations: [any Derivation.Type] = [
        HyperplaneDistance.self,
        PerceptronConvergence.self,
        StepPerceptron.self,
        XORInequalities.self,
        XORNetwork.self,
        XORTraining.self,
    ]
}
