extension Course {
    /// The derivations of the lessons `rnn`, `history` and `parallelism`.
    nonisolated(unsafe) static let beyondDerivations: [any Derivation.Type] = [
        RNNBPTT.self,
        GRU.self,
        CharRNN.self,
        History.self,
        Parallelism.self,
    ]
}
