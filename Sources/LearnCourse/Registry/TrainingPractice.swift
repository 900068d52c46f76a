extension Course {
    /// The derivations of the lessons `overfitting` and `optimizers`.
    nonisolated(unsafe) static let trainingPracticeDerivations: [any Derivation.Type] = [
        Optimizers.self,
        Overfitting.self,
    ]
}
