import Foundation
import Testing

/// `learn predict --image`: preparation (checked in TrainCommandTests on the dark bar), `--raw`, a
/// blank picture, and the probability lines fitted to the width.
@Suite(.timeLimit(.minutes(5)))
struct PredictImageTests {
    typealias Sandbox = TrainCommandTests.Sandbox

    /// Test image 0 of the fixture (a horizontal bar, class 0) as a 28 × 28 PGM, light on black.
    static func fixtureImagePGM() -> Data {
        var g = TinyDigits.Generator(state: 2)
        return Data(Array("P5\n28 28\n255\n".utf8) + TinyDigits.image(0, &g))
    }

    @Test func rawBlankAndNarrow() throws {
        let box = try Sandbox()
        defer { box.remove() }
        _ = try box.trainLogreg()
        let raw = box.root.appendingPathComponent("raw.pgm")
        try Self.fixtureImagePGM().write(to: raw)
        let r = try box.learn(["predict", box.model(), "--image", raw.path, "--raw"])
        #expect(r.status == 0, "\(r.error)")
        #expect(r.output.contains("used as it is (--raw)") && r.output.contains("The model says: 0 ("), "\(r.output)")

        // --raw takes 28 × 28 only; without --image it means nothing.
        let large = box.root.appendingPathComponent("bar.pgm")
        try TinyDigits.darkBarPGM().write(to: large)
        try box.expectError(["predict", box.model(), "--image", large.path, "--raw"], status: 65,
                            mentions: [large.path, "--raw needs a 28 × 28 picture", "56 × 56"])
        try box.expectError(["predict", box.model(), "--index", "0", "--raw", "--data", box.data.path], status: 64, mentions: ["--raw"])

        // Paper and nothing else: one line, no crash.
        let blank = box.root.appendingPathComponent("blank.pgm")
        try Data(Array("P5\n40 30\n255\n".utf8) + [UInt8](repeating: 230, count: 1200)).write(to: blank)
        try box.expectError(["predict", box.model(), "--image", blank.path], status: 65, mentions: [blank.path, "no ink found"])
        // With --raw too: a 28 × 28 picture all black (or all white) has no digit in it.
        for shade: UInt8 in [0, 255] {
            let flat = box.root.appendingPathComponent("flat\(shade).pgm")
            try Data(Array("P5\n28 28\n255\n".utf8) + [UInt8](repeating: shade, count: 784)).write(to: flat)
            try box.expectError(["predict", box.model(), "--image", flat.path, "--raw"], status: 65, mentions: [flat.path, "no ink found"])
        }

        // At 40 columns the ten probability lines still fit.
        let narrow = try box.learn(["predict", box.model(), "--index", "0", "--data", box.data.path], environment: ["COLUMNS": "40"])
        #expect(narrow.status == 0, "\(narrow.error)")
        let bars = narrow.output.split(separator: "\n").filter { $0.hasSuffix(" %") || $0.hasSuffix("←") }
        #expect(bars.count == 10 && bars.allSatisfy { $0.count <= 40 }, "\(bars)")
    }
}
