import LearnCore

extension FeatureMaps {
    /// A convolution layer's sizes and parameter count: the valid map L − K + 1, the padding (K − 1)/2 and the
    /// size it keeps, K·K·C·C′ weights and K·K·C·C′ + C′ parameters, for a drawn input size, odd kernel,
    /// channels and maps. Stride 1, so (L + 2P − K)/1 + 1 always divides evenly; a kernel must leave a map
    /// of at least 3 × 3. (`conv-sizes` has the exercise with a stride.)
    public static let exercise: Exercise? = Exercise(
        draws: [
            .count("size", in: 5...12),
            .count("kernel", in: 3...7, step: 2),
            .count("channels", in: 1...8),
            .count("maps", in: 1...8),
        ],
        givens: ["size", "kernel", "channels", "maps"],
        asked: ["out_valid", "padding_width", "out_same", "weights", "parameters"],
        sections: ["valid", "padding", "channels"],
        accepts: { p, _ in
            let (size, kernel) = (p.count("size"), p.count("kernel"))
            return kernel % 2 == 1 && size - kernel + 1 >= 3
        })
}
