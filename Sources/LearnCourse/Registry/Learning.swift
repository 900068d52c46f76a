extension Course {
    /// The derivations of the lessons `delta-rule`, `gradient-descent` and `vanishing-gradients`.
    nonisolated(unsafe) static let learningDerivations: [any Derivation.Type] = [
        DeltaRule.self,
        DeltaRuleKuzovkin.self,
        GradientDescent.self,
        GradientAscent.self,
        VanishingGradients.self,
    ]
}
