extension Course {
    /// The derivations of the lessons `rnn` and `history`.
    nonisolated(unsafe) static let beyondDerivations: [any Derivation.Type] = [
        RecurrentUnit.self,
        GatedRecurrentUnit.self,
        CharacterPrediction.self,
        DeckTimeline.self,
    ]
}
