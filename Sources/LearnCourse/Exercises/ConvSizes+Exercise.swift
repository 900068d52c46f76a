import LearnCore

extension ConvSizes {
    /// Output sizes (H + 2P − K)/S + 1 with valid (P = 0), same (P = (K − 1)/2) and full (P = K − 1) padding,
    /// for a drawn input size, odd kernel and stride. Only draws where all three divisions come out exact are
    /// kept: sizes that divide evenly, as a hand exercise should have. Strides 2 and 3 are listed more often
    /// because fewer of their draws divide (stride 3 needs K ≡ 1 and H ≡ 1 mod 3): about 45 % of the sheets
    /// have stride 1, 45 % stride 2, 10 % stride 3.
    public static let exercise: Exercise? = Exercise(
        draws: [
            .count("size", in: 6...32),
            .count("kernel", in: 3...7, step: 2),
            .one("stride", of: ["1", "2", "2", "3", "3", "3"]),
        ],
        givens: ["size", "kernel", "stride"],
        asked: ["out_valid", "P_same", "out_same", "P_full", "out_full"],
        sections: ["padding"],
        accepts: { p, _ in
            let (h, k, s) = (p.count("size"), p.count("kernel"), p.count("stride"))
            return k <= h && [0, (k - 1) / 2, k - 1].allSatisfy { (h + 2 * $0 - k) % s == 0 }
        })
}
