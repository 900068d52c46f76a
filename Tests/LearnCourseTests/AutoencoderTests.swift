import Foundation
import Testing
import LearnCore
import LearnData
import LearnTensor
@testable import LearnCourse

/// The `autoencoder` lesson's derivations: Jacobi against known spectra, PCA against power iteration
/// written here, the autoencoder's subspace against that PCA, and the MNIST autoencoder on a synthetic
/// dataset (and on MNIST when `LEARN_TEST_MNIST` says where it is).
@Suite struct AutoencoderTests {
    @Test func jacobiFindsKnownEigenvalues() {
        let two = SymmetricEigen([[2, 1], [1, 2]])
        #expect(abs(two.values[0] - 3) <= 1e-14 && abs(two.values[1] - 1) <= 1e-14)
        #expect(abs(abs(two.vectors[0][0]) - 0.5.squareRoot()) <= 1e-14)
        // The path-graph Laplacian-like tridiagonal [2 −1 0; −1 2 −1; 0 −1 2]: 2 − √2·cos(kπ/4).
        let three = SymmetricEigen([[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
        for (k, value) in [2 + 2.0.squareRoot(), 2, 2 - 2.0.squareRoot()].enumerated() { #expect(abs(three.values[k] - value) <= 1e-14) }
    }

    /// The top eigenpairs of a symmetric matrix by power iteration with deflation (not Jacobi).
    func powerIteration(_ c: [[Double]], count: Int) -> [(value: Double, vector: [Double])] {
        var a = c
        let n = c.count
        var result: [(Double, [Double])] = []
        for _ in 0..<count {
            var v = (0..<n).map { 1 + Double($0) * 0.1 }
            var lambda = 0.0
            for _ in 0..<5000 {
                var w = (0..<n).map { i in (0..<n).reduce(0) { $0 + a[i][$1] * v[$1] } }
                let length = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                w = w.map { $0 / length }
                lambda = (0..<n).reduce(0) { s, i in s + w[i] * (0..<n).reduce(0) { $0 + a[i][$1] * w[$1] } }
                v = w
            }
            result.append((lambda, v))
            for i in 0..<n { for j in 0..<n { a[i][j] -= lambda * v[i] * v[j] } }
        }
        return result
    }

    @Test func pcaAndTheLinearAutoencoderAgreeWithPowerIteration() throws {
        let t = try PCAMLP.run(Parameters(PCAMLP.parameters))
        let x = PCAMLP.data(dims: 5, samples: 400, seed: 1)
        // The covariance written out again here.
        var c = [[Double]](repeating: [Double](repeating: 0, count: 5), count: 5)
        for point in x { for i in 0..<5 { for j in 0..<5 { c[i][j] += point[i] * point[j] / 400 } } }
        let top = powerIteration(c, count: 5)
        for k in 0..<5 { #expect(abs(t.value("lambda_\(k + 1)")! - top[k].value) <= 1e-9 * top[0].value) }
        let trace = (0..<5).reduce(0) { $0 + c[$1][$1] }
        #expect(abs(t.value("pca_error")! - 0.5 * (trace - top[0].value - top[1].value)) <= 1e-9)
        // The decoder's rows, projected onto span(u1, u2): what is left over is the angle between the planes.
        let fit = PCAMLP.fit(x, components: 2, epochs: 1500, rate: 0.01, seed: 1)
        for row in fit.decoder {
            let along = top.prefix(2).map { u in zip(row, u.vector).reduce(0) { $0 + $1.0 * $1.1 } }
            let length = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let kept = along.reduce(0) { $0 + $1 * $1 }.squareRoot()
            // Float32 training: the planes agree to about 1e-6 rad; 1e-4 leaves room for other cores' sums.
            #expect(kept / length >= 1 - 1e-4)
        }
        #expect(t.value("max_angle_degrees")! <= 0.01)
        #expect(t.value("error_ratio")! >= 1 - 1e-4 && t.value("error_ratio")! <= 1.001)
    }

    @Test func principalAnglesOfKnownPlanes() {
        // The x–y plane against the plane spanned by x and (0, cos 30°, sin 30°): angles 0 and 30°.
        let angles = SmallMatrix.principalAngles([[1, 0, 0], [0, 1, 0]], [[1, 0, 0], [0, cos(Double.pi / 6), sin(Double.pi / 6)]])
        #expect(abs(angles.min()! - 0) <= 1e-7 && abs(angles.max()! - Double.pi / 6) <= 1e-12)
    }

    @Test func theMNISTAutoencoderOnSyntheticDigits() throws {
        let data = SyntheticDigits.dataset(train: 200, test: 50)
        var p = Parameters(AutoencoderMNIST.parameters)
        try p.set("epochs", to: "20")
        let t = try AutoencoderMNIST.run(p, data: data)
        let expectedParameters: Double = 784 * 32 + 32 + 32 * 784 + 784
        #expect(t.value("parameters") == expectedParameters)
        // The mean training image's error on the test images, in Double here.
        var mean = [Double](repeating: 0, count: 784)
        for i in 0..<200 { for (j, b) in SyntheticDigits.image(i).enumerated() { mean[j] += Double(b) / 255 / 200 } }
        var baseline = 0.0
        for i in 200..<250 {
            for (j, b) in SyntheticDigits.image(i).enumerated() { let d = Double(b) / 255 - mean[j]; baseline += 0.5 * d * d / 50 }
        }
        #expect(abs(t.value("mean_image_error")! - baseline) <= 1e-4)     // Float32 mean image
        // Ten bars are easy to encode in 32 numbers: far below the mean image.
        #expect(t.value("test_error")! < 0.5 * baseline)
    }

    static let folder = ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"].flatMap { $0.isEmpty ? nil : $0 }

    @Test(.enabled(if: folder != nil, "needs MNIST: set LEARN_TEST_MNIST=DIR"))
    func theMeanImageErrorOnMNIST() throws {
        let data = try LessonData.load("mnist", locator: DatasetLocator(environment: ["LEARN_DATA": Self.folder!, "HOME": "/nonexistent"],
                                                                        systemFolder: "/nonexistent"))
        var mean = [Double](repeating: 0, count: 784)
        for i in 0..<1000 { for (j, b) in data.train.image(i, pixels: 784).enumerated() { mean[j] += Double(b) / 255 / 1000 } }
        var error = 0.0
        for i in 0..<500 { for (j, b) in data.test.image(i, pixels: 784).enumerated() { error += 0.5 * pow(Double(b) / 255 - mean[j], 2) / 500 } }
        #expect(abs(error - 25.55) <= 0.01)                             // the lesson's expect
        let t = try AutoencoderMNIST.run(Parameters(AutoencoderMNIST.parameters), data: data)
        #expect(abs(t.value("mean_image_error")! - error) <= 1e-3)
        #expect((7.0...15).contains(t.value("test_error")!))
    }
}
