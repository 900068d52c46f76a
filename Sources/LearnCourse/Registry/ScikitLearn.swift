extension Course {
    /// The derivations that put the Week 10 deck's scikit-learn classes beside `learn`'s own: the
    /// `perceptron` lesson's `Perceptron` and the `optimizers` lesson's `MLPClassifier`.
    nonisolated(unsafe) static let scikitLearnDerivations: [any Derivation.Type] = [
        SklearnPerceptron.self,
        SklearnMLP.self,
    ]
}
