import Foundation
import LearnCore
import LearnTensor

/// The Drchal deck's "PCA by MLP with BACKPROP (inefficiently)": a linear autoencoder N → M → N
/// (linear hidden and output layers, no biases) trained to reproduce its input spans the same subspace
/// as the first M principal components — checked against PCA computed directly.
///
/// Data: `samples` points in N = `dims` dimensions, `x = R · (σ₁z₁, …, σ_N z_N)` with z standard
/// normal, `σ_j = 3 · 0.6^(j−1)` (3, 1.8, 1.08, …) and R a random rotation (Gram–Schmidt of a Gaussian
/// matrix), all from `seed`; then centred (the layers have no biases).
///
/// PCA: the covariance `C = XᵀX / n` and its eigen-decomposition by ``SymmetricEigen`` (Jacobi, Double).
/// The autoencoder: the tensor engine's `Dense N → M, no bias` and `Dense M → N, no bias`, loss
/// ``MeanSquaredError`` `E = (1/n) Σ ½‖x − x̂‖²` against the input itself, full-batch Adam for `epochs`
/// steps. Its reconstructions `x̂ = x·W₁·W₂` lie in the span of W₂'s rows; the principal angles between
/// that span and the top M eigenvectors measure the agreement (0 means the same subspace), and
/// `‖P_AE − P_PCA‖_F = √(2 Σ sin²θ)` compares the two projection matrices. PCA's error
/// `½ Σ_{j>M} λ_j` is the least any rank-M linear reconstruction can reach; the autoencoder approaches it.
public enum PCAMLP: Derivation {
    public static let name = "pca-mlp"
    public static let summary = "PCA of seeded synthetic data by Jacobi (Double) against a linear autoencoder N → M → N trained by the tensor engine: eigenvalues, PCA's error ½Σλ, principal angles between the subspaces, the N = 2, M = 1 picture."
    public static let sections = ["pca", "autoencoder", "subspace", "picture"]
    public static let parameters: [Parameter] = [
        .count("dims", 5, "dimension N of the data", in: 2...12),
        .count("components", 2, "hidden units M (principal components kept)", in: 1...11),
        .count("samples", 400, "data points", in: 10...5_000),
        .count("epochs", 1500, "full-batch training steps", in: 1...20_000),
        .number("rate", 0.01, "Adam's learning rate", in: 1e-6...1),
        .count("seed", 1, "seed of the data and of the initial weights", in: 0...1_000_000),
    ]

    /// The centred data, `samples × dims`, row-major.
    static func data(dims n: Int, samples: Int, seed: UInt64) -> [[Double]] {
        var g = SplitMix64(seed: seed)
        let rotation = SmallMatrix.orthonormalBasis((0..<n).map { _ in (0..<n).map { _ in Initialization.standardNormal(&g) } })
        var x = (0..<samples).map { _ -> [Double] in
            let z = (0..<n).map { j in 3 * pow(0.6, Double(j)) * Initialization.standardNormal(&g) }
            return (0..<n).map { i in (0..<n).reduce(0) { $0 + rotation[$1][i] * z[$1] } }
        }
        let mean = (0..<n).map { i in x.reduce(0) { $0 + $1[i] } / Double(samples) }
        for k in x.indices { for i in 0..<n { x[k][i] -= mean[i] } }
        return x
    }

    /// The covariance `XᵀX / n` of centred data.
    static func covariance(_ x: [[Double]]) -> [[Double]] {
        let n = x[0].count
        return (0..<n).map { i in (0..<n).map { j in x.reduce(0) { $0 + $1[i] * $1[j] } / Double(x.count) } }
    }

    /// The trained autoencoder: encoder `W₁` as `dims` rows of `M`, decoder `W₂` as `M` rows of `dims`,
    /// and the loss after each step.
    struct Fit {
        var encoder: [[Double]]
        var decoder: [[Double]]
        var losses: [Double]
    }

    /// Trains the linear autoencoder on `x` with the tensor engine.
    static func fit(_ x: [[Double]], components m: Int, epochs: Int, rate: Double, seed: UInt64) -> Fit {
        let n = x[0].count
        var g = SplitMix64(seed: seed &+ 1000)
        let encoder = Dense(name: "encoder", inputs: n, outputs: m, hasBias: false, generator: &g)
        let decoder = Dense(name: "decoder", inputs: m, outputs: n, hasBias: false, generator: &g)
        let network = Network([encoder, decoder])
        let input = Tensor(shape: [x.count, n], scalars: x.flatMap { $0.map(Float.init) })
        let optimizer = Adam(learningRate: Float(rate))
        var losses: [Double] = []
        for _ in 0..<epochs {
            network.zeroGradients()
            let output = network.forward(input, training: true)
            let evaluation = MeanSquaredError()(output, targets: input)
            losses.append(evaluation.loss)
            _ = network.backward(evaluation.gradient)
            optimizer.step(network.parameters)
        }
        let reconstruction = MeanSquaredError()(network.forward(input, training: false), targets: input)
        losses.append(reconstruction.loss)
        let w1 = encoder.weight.value.scalars.map(Double.init), w2 = decoder.weight.value.scalars.map(Double.init)
        return Fit(encoder: (0..<n).map { Array(w1[$0 * m..<($0 + 1) * m]) },
                   decoder: (0..<m).map { Array(w2[$0 * n..<($0 + 1) * n]) }, losses: losses)
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let (n, m) = (p.count("dims"), p.count("components"))
        guard m < n else { throw .badValue(name: "components", value: String(m), expected: "fewer hidden units than dimensions (dims = \(n))") }
        let seed = UInt64(p.count("seed"))
        let x = data(dims: n, samples: p.count("samples"), seed: seed)
        var sheet = Worksheet(inputs: ["N": Double(n), "M": Double(m)])

        sheet.section("pca")
        let c = covariance(x)
        let eigen = SymmetricEigen(c)
        sheet.add(TraceTable(title: "The covariance C = XᵀX/n of the \(x.count) centred points (\(n) × \(n))", columns: [""] + (1...n).map { "x\($0)" },
                             rows: (0..<n).map { i in [.text("x\(i + 1)")] + c[i].map { .number($0) } }))
        var rows: [[TraceTable.Cell]] = []
        for k in 0..<n {
            sheet.record("lambda_\(k + 1)", eigen.values[k])
            rows.append([.text("\(k + 1)"), .number(eigen.values[k]), .number(9 * pow(0.36, Double(k))),
                         .text("(" + eigen.vectors[k].map { NumberFormat().string(($0 * 1000).rounded() / 1000) }.joined(separator: ", ") + ")")])
        }
        sheet.add(TraceTable(title: "Its eigenvalues λ (variances along the principal directions, by Jacobi rotations) and eigenvectors",
                             columns: ["k", "λ_k", "σ_k² drawn", "direction u_k"], rows: rows))
        let trace = (0..<n).reduce(0) { $0 + c[$1][$1] }
        sheet.record("variance_total", trace)
        let kept = eigen.values.prefix(m).reduce(0, +)
        sheet.derive("variance_kept", symbol: .text(plain: "variance kept", latex: "\\text{variance kept}"),
                     .quotient(.sum((1...m).map { .symbol("lambda_\($0)") }), .sum((1...n).map { .symbol("lambda_\($0)") })), value: kept / eigen.values.reduce(0, +),
                     note: "The first \(m) of \(n) directions hold this share of the variance (the sum of all λ is the trace of C, \(NumberFormat().string(trace))).")
        let pcaError = 0.5 * eigen.values.dropFirst(m).reduce(0, +)
        sheet.derive("pca_error", symbol: .text(plain: "E_PCA", latex: "E_{\\text{PCA}}"),
                     .product([0.5, .parentheses(.sum((m + 1...n).map { .symbol("lambda_\($0)") }))]), value: pcaError,
                     note: "Projecting onto the first \(m) directions loses the variance of the rest: ½ Σ of the other eigenvalues per point, the least error any rank-\(m) linear map can reach.")

        sheet.section("autoencoder")
        let fit = fit(x, components: m, epochs: p.count("epochs"), rate: p["rate"], seed: seed)
        let aeError = fit.losses.last ?? .nan
        sheet.add(TracePlot(title: "The autoencoder's error E = (1/n) Σ ½‖x − x̂‖² while it learns (full batch, Adam)", xLabel: "step", yLabel: "E",
                            series: [.init(name: "autoencoder", points: fit.losses.enumerated().map { (Double($0.offset), $0.element) }),
                                     .init(name: "PCA's error", points: [(0, pcaError), (Double(fit.losses.count - 1), pcaError)])], logY: true))
        sheet.record("ae_error", aeError)
        sheet.derive("error_ratio", symbol: .text(plain: "E_AE / E_PCA", latex: "E_{\\text{AE}} / E_{\\text{PCA}}"),
                     .quotient("ae_error", "pca_error"), value: aeError / pcaError,
                     note: "The autoencoder, \(n) → \(m) → \(n) with linear units, reaches PCA's error but not below it (up to Float32 rounding).")

        sheet.section("subspace")
        let pcaBasis = Array(eigen.vectors.prefix(m))
        let aeBasis = SmallMatrix.orthonormalBasis(fit.decoder)
        let angles = SmallMatrix.principalAngles(pcaBasis, aeBasis)
        sheet.add(TraceTable(title: "Principal angles between span(u₁…u_\(m)) and the span of the decoder's \(m) weight vectors",
                             columns: ["", "angle (degrees)", "cos"], rows: angles.enumerated().map { [.text("θ\($0.offset + 1)"), .number($0.element * 180 / .pi), .number(cos($0.element))] }))
        let largest = angles.max() ?? 0
        sheet.record("max_angle_degrees", largest * 180 / .pi)
        let distance = (2 * angles.reduce(0) { $0 + sin($1) * sin($1) }).squareRoot()
        sheet.record("projection_distance", distance)
        sheet.note("The largest angle is \(NumberFormat().string(largest * 180 / .pi))°: "
                   + (m == 1 ? "the hidden unit's line is the first principal direction. " : "the \(m) hidden units span the same subspace as the first \(m) principal components. ")
                   + "The projection matrices differ by ‖P_AE − P_PCA‖_F = \(NumberFormat().string(distance)).")
        // The units themselves are not the components: the decoder's first weight vector against u₁.
        let first = fit.decoder[0]
        let cosine = abs(SmallMatrix.dot(first, pcaBasis[0])) / SmallMatrix.dot(first, first).squareRoot()
        sheet.record("first_unit_angle_degrees", acos(min(1, cosine)) * 180 / .pi)
        let gram = (0..<m).map { i in (0..<m).map { j in SmallMatrix.dot(fit.decoder[i], fit.decoder[j]) } }
        sheet.add(TraceTable(title: "Dot products of the decoder's weight vectors (not an identity: the units are not orthonormal)",
                             columns: [""] + (1...m).map { "unit \($0)" }, rows: (0..<m).map { i in [.text("unit \(i + 1)")] + gram[i].map { .number($0) } }))
        if m == 1 {
            sheet.note("With one hidden unit the subspace is a line, so the unit's weight vector is u₁ itself up to its length (and sign).")
        } else {
            sheet.note("Yet no unit is a principal component: unit 1's weight vector lies \(NumberFormat().string(acos(min(1, cosine)) * 180 / .pi))° from u₁. "
                       + "The autoencoder finds the subspace, not the directions in it: any invertible M × M mixing A gives the same reconstructions with W₁A and A⁻¹W₂.")
        }

        if n == 2 && m == 1 {
            sheet.section("picture")
            let u = eigen.vectors[0], d = fit.decoder[0]
            let dUnit = d.map { $0 / SmallMatrix.dot(d, d).squareRoot() }
            let span = 3 * eigen.values[0].squareRoot()
            let line = stride(from: -span, through: span, by: span / 20)
            sheet.add(TracePlot(title: "N = \(n), M = \(m): the data, the first principal direction (o), and the hidden unit's direction (+, drawn over it)", xLabel: "x1", yLabel: "x2",
                                series: [.init(name: "data", points: x.prefix(200).map { ($0[0], $0[1]) }),
                                         .init(name: "PCA u₁", points: line.map { ($0 * u[0], $0 * u[1]) }),
                                         .init(name: "autoencoder", points: line.map { ($0 * dUnit[0] * 0.98, $0 * dUnit[1] * 0.98) })]))
        }
        return sheet.trace
    }
}
