import Foundation
import Testing

/// `learn eval` and `learn predict` on model files whose numbers are not all usable: a weight that is
/// NaN or infinite is bad data (one line naming the file and the weight, exit 65, at load time); finite
/// weights so large that the outputs overflow are refused the same way for the image at hand; finite
/// but huge outputs give true probabilities (softmax subtracts the largest output first). Nothing
/// prints `nan` or `inf`, and nothing traps, whether the output goes to a pipe or a terminal.
@Suite(.timeLimit(.minutes(5)))
struct NonFiniteModelTests {
    typealias Sandbox = TrainCommandTests.Sandbox

    /// A model file (the format ``ModelArchive`` documents, version 1, read here independently) with
    /// every weight replaced by `transform(tensor name, shape, element index, value)`, and its FNV-1a
    /// checksum recomputed so that only the numbers are wrong.
    static func rewritten(_ file: Data, _ transform: (String, [Int], Int, Float) -> Float) throws -> Data {
        var bytes = [UInt8](file)
        var at = 8 + 4
        func integer(_ size: Int) -> Int {
            defer { at += size }
            return (0..<size).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
        }
        at += integer(4)                                      // the metadata
        for _ in 0..<integer(4) {
            let length = integer(2)
            let name = String(decoding: bytes[at..<at + length], as: UTF8.self)
            at += length
            let rank = integer(1)
            let shape = (0..<rank).map { _ in integer(4) }
            for i in 0..<shape.reduce(1, *) {
                let value = Float(bitPattern: UInt32(integer(4)))
                let bits = transform(name, shape, i, value).bitPattern
                for k in 0..<4 { bytes[at - 4 + k] = UInt8(truncatingIfNeeded: bits >> (8 * k)) }
            }
        }
        try #require(at == bytes.count - 8, "the walk ends at the checksum")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes[..<at] { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        for k in 0..<8 { bytes[at + k] = UInt8(truncatingIfNeeded: hash >> (8 * k)) }
        return Data(bytes)
    }

    /// Writes `rewritten(trained model, transform)` as `name` and returns its path.
    static func model(_ box: Sandbox, _ name: String, _ transform: (String, [Int], Int, Float) -> Float) throws -> String {
        let good = try Data(contentsOf: URL(fileURLWithPath: box.model()))
        try rewritten(good, transform).write(to: URL(fileURLWithPath: box.model(name)))
        return box.model(name)
    }

    @Test func aWeightThatIsNotFiniteIsBadData() throws {
        let box = try Sandbox()
        defer { box.remove() }
        _ = try box.trainLogreg()
        // The rewrite itself keeps a good model good (the same numbers give the same file).
        let same = try Self.model(box, "same.bin") { _, _, _, x in x }
        #expect(try Data(contentsOf: URL(fileURLWithPath: same)) == Data(contentsOf: URL(fileURLWithPath: box.model())))
        let cases: [(String, Float, String)] = [("nan.bin", .nan, "NaN"), ("inf.bin", .infinity, "positive infinity"),
                                                ("minus.bin", -.infinity, "negative infinity")]
        for (name, bad, word) in cases {
            // Element 17 of the first tensor (logreg's weight matrix).
            let path = try Self.model(box, name) { tensor, _, i, x in tensor.hasSuffix(".weight") && i == 17 ? bad : x }
            for arguments in [["eval", path, "--data", box.data.path], ["predict", path, "--index", "0", "--data", box.data.path]] {
                let r = try box.expectError(arguments, status: 65, mentions: [path, "weight 17 of ", word, "finite"])
                #expect(!r.error.lowercased().contains("malformed"), "\(r.error)")
            }
        }
        // On a terminal (where it used to print "nan %"): the same one line and status.
        let nan = box.model("nan.bin")
        let shown = try LearnProcess.runOnTerminal(["predict", nan, "--index", "0", "--data", box.data.path],
                                                   environment: ["HOME": box.home.path, "LEARN_DATA": ""])
        #expect(shown.status == 65, "\(shown.output)")
        #expect(!shown.output.contains("%") && shown.output.contains("weight 17 of "), "\(shown.output)")
    }

    @Test func finiteWeightsWhoseOutputsOverflowAreRefusedForThatImage() throws {
        let box = try Sandbox()
        defer { box.remove() }
        _ = try box.trainLogreg()
        // Every weight 3 × 10³⁸ (Float's largest is about 3.4 × 10³⁸): every fixture pixel is at least 0
        // (and most are positive noise), so each output is a sum of hundreds of such products: +∞.
        let huge = try Self.model(box, "huge.bin") { _, _, _, _ in 3e38 }
        try box.expectError(["predict", huge, "--index", "0", "--data", box.data.path], status: 65,
                            mentions: [huge, "test image #0", "not finite numbers"])
        try box.expectError(["eval", huge, "--data", box.data.path], status: 65, mentions: [huge, "test image #0", "not finite numbers"])
        // Signs alternating by class: +∞ beside −∞, and nothing prints either.
        let mixed = try Self.model(box, "mixed.bin") { _, shape, i, _ in (i % shape.last!) % 2 == 0 ? 3e38 : -3e38 }
        try box.expectError(["predict", mixed, "--index", "0", "--data", box.data.path], status: 65, mentions: [mixed, "not finite numbers"])
        // A picture, too: the message names it.
        let picture = box.root.appendingPathComponent("raw.pgm")
        try PredictImageTests.fixtureImagePGM().write(to: picture)
        try box.expectError(["predict", huge, "--image", picture.path, "--raw"], status: 65, mentions: [huge, picture.path, "not finite numbers"])
        let shown = try LearnProcess.runOnTerminal(["predict", huge, "--index", "0", "--data", box.data.path],
                                                   environment: ["HOME": box.home.path, "LEARN_DATA": ""])
        #expect(shown.status == 65 && !shown.output.contains("%"), "\(shown.output)")
    }

    /// Outputs that are finite but far beyond what `exp` can take: softmax as `e^{zᵢ − max z} / Σ e^{zₖ − max z}`
    /// gives the independent answer. Only class 3's weights are 10³⁰ (biases 0), so its output is 10³⁰ ×
    /// the image's ink (about 10³², finite in Float), the others 0: p₃ = 1 / (1 + 9·e^{−10³²}) = 1 and
    /// every other pᵢ = e^{−10³²} / (…) = 0 (to the 2 decimals printed, and in Double).
    @Test func finiteButHugeOutputsGiveTrueProbabilities() throws {
        let box = try Sandbox()
        defer { box.remove() }
        _ = try box.trainLogreg()
        let path = try Self.model(box, "three.bin") { tensor, shape, i, _ in
            tensor.hasSuffix(".weight") && i % shape.last! == 3 ? 1e30 : 0
        }
        let r = try box.learn(["predict", path, "--index", "0", "--data", box.data.path])
        #expect(r.status == 0, "\(r.error)")
        #expect(TrainCommandTests.probabilities(r.output) == [0, 0, 0, 100, 0, 0, 0, 0, 0, 0], "\(r.output)")
        #expect(r.output.contains("The model says: 3 (100.0 %)."), "\(r.output)")
        #expect(!r.output.lowercased().contains("nan") && !r.output.contains("inf"), "\(r.output)")

        // eval agrees: every image is called 3, which the fixture never is (its classes are 0, 1, 2).
        let e = try box.learn(["eval", path, "--data", box.data.path])
        #expect(e.status == 0, "\(e.error)")
        #expect(TrainCommandTests.correct(e.output)! == (0, 60), "\(e.output)")
        #expect(e.output.contains("said 3 (100 %)"), "\(e.output)")
        #expect(!e.output.lowercased().contains("nan") && !e.output.contains("inf"), "\(e.output)")
    }

    /// `learn predict --image` on a PGM with a pixel above the header's maximum: one line naming the
    /// file, the pixel and both numbers, exit 65 (it used to be clamped silently).
    @Test func aPixelAboveThePGMMaximumIsNamed() throws {
        let box = try Sandbox()
        defer { box.remove() }
        _ = try box.trainLogreg()
        let picture = box.root.appendingPathComponent("over.pgm")
        var pixels = [UInt8](repeating: 0, count: 28 * 28)
        pixels[2 * 28 + 5] = 250
        try Data(Array("P5\n28 28\n200\n".utf8) + pixels).write(to: picture)
        try box.expectError(["predict", box.model(), "--image", picture.path], status: 65,
                            mentions: [picture.path, "row 2, column 5", "250", "maximum value 200"])
        let zero = box.root.appendingPathComponent("zero.pgm")
        try Data(Array("P2\n28 28\n0\n".utf8)).write(to: zero)
        try box.expectError(["predict", box.model(), "--image", zero.path], status: 65, mentions: [zero.path, "maximum value is '0'"])
    }
}
