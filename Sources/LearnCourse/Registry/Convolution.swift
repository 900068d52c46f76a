extension Course {
    /// The derivations of the lessons `convolution` and `autoencoder`.
    nonisolated(unsafe) static let convolutionDerivations: [any Derivation.Type] = [
        FeatureMaps.self,
        AlexNetParameters.self,
        DrawnPrewitt.self,
        SharedWeights.self,
        PCAByMLP.self,
        MNISTAutoencoder.self,
    ]
}
