import Foundation
import LearnModels
import Testing
import LearnCore
import LearnData
import LearnTensor
@testable import LearnCourse

/// The `mnist` lesson's derivations on a synthetic dataset, against a forward pass, softmax and
/// cross-entropy written out here in `Double` from the same seeded weights.
@Suite struct MNISTDigitPassTests {
    static let data = SyntheticDigits.dataset()

    func parameters(_ settings: [String: String] = [:]) throws -> Parameters {
        var p = Parameters(MNISTMLP.parameters)
        for (name, value) in settings { try p.set(name, to: value) }
        return p
    }

    /// The course MLP's weights for `seed`, read as `Double`: W [784][625], b [625], V [625][10], c [10].
    struct Weights {
        var w: [[Double]], b: [Double], v: [[Double]], c: [Double]
        init(seed: UInt64) {
            let network = CourseNetwork.mlp.build(seed: seed)
            let p = network.parameters.map { $0.value.scalars.map(Double.init) }  // dense1.weight, .bias, dense2.weight, .bias
            w = (0..<784).map { i in Array(p[0][i * 625..<(i + 1) * 625]) }
            b = p[1]
            v = (0..<625).map { j in Array(p[2][j * 10..<(j + 1) * 10]) }
            c = p[3]
        }
    }

    /// Net inputs, hidden outputs and logits of image `x` (scaled to 0…1), each a plain sum.
    func forward(_ x: [Double], _ m: Weights) -> (net: [Double], out: [Double], z: [Double]) {
        var net = m.b
        for j in 0..<625 { for i in 0..<784 { net[j] += m.w[i][j] * x[i] } }
        let out = net.map { 1 / (1 + exp(-$0)) }
        var z = m.c
        for k in 0..<10 { for j in 0..<625 { z[k] += out[j] * m.v[j][k] } }
        return (net, out, z)
    }

    func crossEntropy(_ z: [Double], label: Int) -> Double {
        let total = z.reduce(0) { $0 + exp($1) }
        return -log(exp(z[label]) / total)
    }

    func pixels(_ index: Int) -> [Double] { SyntheticDigits.image(index).map { Double($0) / 255 } }

    @Test func theDataSectionCountsTheFilesBytes() throws {
        let t = try MNISTMLP.run(try parameters(), data: Self.data)
        #expect(t.value("train_count") == 64)
        #expect(t.value("test_count") == 32)
        #expect(t.value("pixels_per_image") == 784)                     // 28 · 28
        #expect(t.value("train_images_bytes") == 50_192)                // 4 + 4·3 + 64·784
        #expect(t.value("train_labels_bytes") == 72)                    // 4 + 4·1 + 64
        #expect(t.value("test_images_bytes") == 25_104)                 // 4 + 4·3 + 32·784
        #expect(t.value("label") == 0)
        #expect(t.value("ink_pixels") == 33)                            // 2 × 16 bar pixels + the faint one
        #expect(t.value("x_173") == 100.0 / 255)                       // row 6, column 4: the bar's faint first row
    }

    @Test(arguments: [(0, 1), (3, 7), (17, 625)])
    func theHiddenNetInputIsTheSumOf784Products(index: Int, unit: Int) throws {
        let t = try MNISTMLP.run(try parameters(["index": "\(index)", "unit": "\(unit)"]), data: Self.data)
        let m = Weights(seed: 1)
        let x = pixels(index)
        var net = m.b[unit - 1]
        for i in 0..<784 { net += m.w[i][unit - 1] * x[i] }
        // Both are sums of the same 784 Double products, added in another order: 1e-15 of a value near 1.
        #expect(abs(t.value("net_h\(unit)")! - net) <= 1e-14)
        #expect(abs(t.value("out_h\(unit)")! - 1 / (1 + exp(-net))) <= 1e-14)
        // The engine's Float32 GEMM: about 2⁻²⁴ relative per term, over ~33 terms that are not 0.
        #expect(abs(t.value("net_h\(unit)_engine")! - net) <= 1e-5)
    }

    @Test(arguments: [0, 5, 42])
    func softmaxAndCrossEntropyAgreeWithAForwardPassByHand(index: Int) throws {
        let t = try MNISTMLP.run(try parameters(["index": "\(index)"]), data: Self.data)
        let label = index % 10
        let (_, _, z) = forward(pixels(index), Weights(seed: 1))
        let total = z.reduce(0) { $0 + exp($1) }
        for k in 0..<10 {
            // The trace's logits come from the engine (Float32); ours are Double: 1e-5 covers the rounding.
            #expect(abs(t.value("z_\(k)")! - z[k]) <= 1e-5)
            #expect(abs(t.value("p_\(k)")! - exp(z[k]) / total) <= 1e-5)
        }
        #expect(abs(t.value("E")! - crossEntropy(z, label: label)) <= 1e-5)
        #expect(abs(t.value("p_label")! - exp(z[label]) / total) <= 1e-5)
        // Identities, exact but for Double rounding.
        #expect(abs(t.value("sum_p")! - 1) <= 1e-12)
        #expect(abs(t.value("E")! - t.value("E_logsumexp")!) <= 1e-12)
        #expect(abs(t.value("E")! + log(t.value("p_label")!)) <= 1e-12)
        #expect(t.value("E_difference")! <= 1e-9)
    }

    @Test func theOutputGradientIsPMinusYAndMatchesAFiniteDifference() throws {
        let index = 3, label = 3
        let t = try MNISTMLP.run(try parameters(["index": "\(index)"]), data: Self.data)
        for k in 0..<10 {
            #expect(t.value("delta_\(k)")! == t.value("p_\(k)")! - (k == label ? 1 : 0))
        }
        #expect(abs(t.value("sum_delta")!) <= 1e-12)
        #expect(t.value("delta_engine_difference")! <= 1e-6)
        let out = t.value("out_h1")!
        #expect(abs(t.value("dE/dv_1,3")! - t.value("delta_3")! * out) <= 1e-15)
        #expect(abs(t.value("dE/dv_1,3_engine")! - t.value("dE/dv_1,3")!) <= 1e-6)

        // ∂E/∂v_{1,3} by a central difference of the forward pass written out here.
        var m = Weights(seed: 1)
        let x = pixels(index), h = 1e-6, v = m.v[0][label]
        m.v[0][label] = v + h
        let plus = crossEntropy(forward(x, m).z, label: label)
        m.v[0][label] = v - h
        let minus = crossEntropy(forward(x, m).z, label: label)
        #expect(abs((plus - minus) / (2 * h) - t.value("dE/dv_1,3")!) <= 1e-5)

        // The hidden delta: Σₖ v_{1,k} δₖ times out (1 − out), then times the pixel.
        let back = (0..<10).reduce(0.0) { $0 + Weights(seed: 1).v[0][$1] * t.value("delta_\($1)")! }
        #expect(abs(t.value("dE/dout_h1")! - back) <= 1e-6)
        #expect(abs(t.value("delta_h1")! - back * out * (1 - out)) <= 1e-6)
        #expect(t.value("hidden_gradient_difference")! <= 1e-6)
        #expect(t.value("zero_gradient_rows") == Double(784 - 33))
    }

    @Test func oneStepLowersTheLossOnThatDigit() throws {
        let t = try MNISTMLP.run(try parameters(["index": "7", "eta": "0.002"]), data: Self.data)
        let g = t.value("dE/dv_1,7")!, v = t.value("v_1,7")!
        #expect(t.value("v_1,7+")! == v - 0.002 * g)
        #expect(abs(t.value("v_1,7+_engine")! - (v - 0.002 * g)) <= 1e-7)
        #expect(t.value("E_after")! < t.value("E")!)
        #expect(t.value("E_change")! == t.value("E_after")! - t.value("E")!)
        #expect(t.value("E_change_predicted")! == -0.002 * t.value("grad_norm2")!)
        // For a small step the first-order estimate is close: within a tenth of the change here.
        #expect(abs(t.value("E_change")! - t.value("E_change_predicted")!) <= 0.1 * abs(t.value("E_change")!))
    }

    @Test func anIndexBeyondTheDatasetIsRefused() throws {
        #expect(throws: DerivationError.self) { try MNISTMLP.run(try parameters(["index": "64"]), data: Self.data) }
    }
}

/// The short training run on the synthetic digits.
@Suite struct MNISTTrainingTests {
    static let data = SyntheticDigits.dataset()

    func run(_ settings: [String: String]) throws -> Trace {
        var p = Parameters(MNISTTraining.parameters)
        for (name, value) in settings { try p.set(name, to: value) }
        return try MNISTTraining.run(p, data: Self.data)
    }

    @Test func theRunIsDeterministicAndLearnsTheBars() throws {
        let settings = ["model": "mlp", "samples": "64", "epochs": "4", "batch": "16", "optimizer": "adam", "rate": "0.003", "test": "32"]
        let t = try run(settings)
        #expect(try run(settings) == t)
        #expect(t.value("parameters") == 496_885)                       // 784·625 + 625 + 625·10 + 10
        #expect(t.value("batches_per_epoch") == 4)                      // 64 / 16
        #expect(t.value("test_correct")! + t.value("test_errors")! == 32)
        #expect(t.value("test_accuracy") == 100 * t.value("test_correct")! / 32)
        #expect(t.value("loss_last_batch")! < t.value("loss_first_batch")!)
        // Ten bars in ten places: after 16 updates the test bars (new images of the same bars) are mostly right.
        #expect(t.value("test_accuracy")! >= 50)
    }

    @Test func moreImagesThanTheDatasetHoldsAreClamped() throws {
        let t = try run(["samples": "600", "test": "400", "batch": "32"])
        #expect(t.value("samples") == 64)
        #expect(t.value("test_images") == 32)
        #expect(t.value("batches_per_epoch") == 2)
    }

    @Test func leNet5Trains() throws {
        let t = try run(["model": "lenet5", "samples": "32", "batch": "16", "test": "10"])
        // 5·5·1·6 + 6, 5·5·6·16 + 16, 400·120 + 120, 120·84 + 84, 84·10 + 10.
        #expect(t.value("parameters") == Double(156 + 2_416 + 48_120 + 10_164 + 850))
        #expect(t.value("loss_first_batch")!.isFinite)
        #expect((0...100).contains(t.value("test_accuracy")!))
    }

}

/// Where the lessons look for MNIST, and what they say when it is not there.
@Suite struct LessonDataTests {
    static let nowhere = "/nonexistent-learn-test"

    @Test func aMissingDatasetSaysHowToGetIt() {
        let locator = DatasetLocator(environment: ["LEARN_DATA": Self.nowhere, "HOME": Self.nowhere + "/home"], systemFolder: Self.nowhere + "/system")
        do {
            _ = try LessonData.load("mnist", locator: locator)
            Issue.record("expected a missing-input error")
        } catch {
            guard case .missingInput(let message) = error else { Issue.record("got \(error)"); return }
            #expect(message.contains("learn data fetch mnist"))
            #expect(message.contains("LEARN_DATA=DIR"))
            #expect(message.contains(Self.nowhere + "/mnist"))
            #expect(!message.contains("\n"))
        }
    }

    /// An IDX file: magic 0, 0, 0x08, rank; the dimensions big-endian; the bytes.
    func idx(_ dimensions: [Int], _ bytes: [UInt8]) -> Data {
        var data = Data([0, 0, 8, UInt8(dimensions.count)])
        for d in dimensions { data += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
        return data + bytes
    }

    @Test func aFolderOfIDXFilesIsFoundLoadedAndKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-lesson-data-\(UUID().uuidString)/mnist")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let d = SyntheticDigits.dataset(train: 12, test: 5)
        try idx([12, 28, 28], d.train.images).write(to: folder.appendingPathComponent("train-images-idx3-ubyte"))
        try idx([12], d.train.labels).write(to: folder.appendingPathComponent("train-labels-idx1-ubyte"))
        try idx([5, 28, 28], d.test.images).write(to: folder.appendingPathComponent("t10k-images-idx3-ubyte"))
        try idx([5], d.test.labels).write(to: folder.appendingPathComponent("t10k-labels-idx1-ubyte"))
        // $LEARN_DATA names the parent folder: the locator tries DIR/mnist first.
        let locator = DatasetLocator(environment: ["LEARN_DATA": folder.deletingLastPathComponent().path, "HOME": Self.nowhere],
                                     systemFolder: Self.nowhere)
        let loaded = try LessonData.load("mnist", locator: locator)
        #expect(loaded.train == d.train && loaded.test == d.test)
        // A second load comes from memory: removing the files does not matter.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("t10k-labels-idx1-ubyte"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("train-labels-idx1-ubyte"),
                                         to: folder.appendingPathComponent("t10k-labels-idx1-ubyte"))
        #expect(try LessonData.load("mnist", locator: locator).test == d.test)
    }
}

/// The lessons' accuracy bands on the real data: other seeds than the lessons' must land in them too,
/// which is the argument the lessons give for their width. Runs only when `LEARN_TEST_MNIST=DIR` says
/// where MNIST is (each run takes seconds in a debug build).
@Suite struct MNISTAccuracyBandTests {
    static let folder = ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"].flatMap { $0.isEmpty ? nil : $0 }

    /// The `run` lines of lessons/mnist.md and lessons/mnist-cnn.md, and their bands.
    static let runs: [(settings: [String: String], band: ClosedRange<Double>)] = [
        (["model": "mlp", "samples": "500", "epochs": "1", "batch": "32", "optimizer": "adam", "rate": "0.003", "test": "400"], 45...85),
        (["model": "lenet5", "samples": "500", "epochs": "1", "batch": "16", "optimizer": "adam", "rate": "0.005", "test": "500"], 50...95),
    ]

    @Test(.enabled(if: folder != nil, "needs MNIST: set LEARN_TEST_MNIST=DIR"), arguments: [0, 1], [2, 3])
    func otherSeedsStayInTheBand(run: Int, seed: Int) throws {
        let data = try LessonData.load("mnist", locator: DatasetLocator(environment: ["LEARN_DATA": Self.folder!, "HOME": "/nonexistent"],
                                                                        systemFolder: "/nonexistent"))
        var p = Parameters(MNISTTraining.parameters)
        for (name, value) in Self.runs[run].settings { try p.set(name, to: value) }
        try p.set("seed", to: String(seed))
        let accuracy = try MNISTTraining.run(p, data: data).value("test_accuracy")!
        #expect(Self.runs[run].band.contains(accuracy), "\(Self.runs[run].settings["model"]!) seed \(seed): \(accuracy) %")
    }
}
