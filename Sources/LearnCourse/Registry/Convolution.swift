extension Course {
    /// The derivations of the lessons `convolution` and `autoencoder`.
    nonisolated(unsafe) static let convolutionDerivations: [any Derivation.Type] = [
        FeatureMaps.self,
        AlexNet.self,
        PrewittDrawn.self,
        SharedWeights.self,
        PCAMLP.self,
        AutoencoderMNIST.self,
    ]
}
