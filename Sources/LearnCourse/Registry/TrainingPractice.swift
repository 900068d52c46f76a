extension Course {
    /// The derivations of the lessons `overfitting`, `optimizers` and `keras-example`.
    nonisolated(unsafe) static let trainingPracticeDerivations: [any Derivation.Type] = [
        Optimizers.self,
        Overfitting.self,
        KerasExample.self,
    ]
}
