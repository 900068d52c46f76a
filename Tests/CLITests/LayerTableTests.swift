import LearnTensor
import Testing
@testable import learn

/// `learn bench --layers`' table: times in hundredths of a millisecond whose sums are of the numbers
/// shown, shares of the layers' time, GFLOP/s only where the arithmetic is counted.
@Suite struct LayerTableTests {
    @Test func theTableAddsUpAsPrinted() {
        // 1.234 + 2.345 ms would print as 1.23 and 2.35 (sum 3.58) though they add to 3.579 (3.58 too);
        // 1.004 + 1.004 print as 1.00 and 1.00, and the total shown is 2.00, not 2.01.
        let profile = LayerProfile(entries: [
            .init(summary: "Dense 784 → 625", forwardSeconds: 1.004e-3, backwardSeconds: 1.004e-3, forwardFLOP: 125_440_000, backwardFLOP: 125_440_000),
            .init(summary: "Sigmoid", forwardSeconds: 0.5e-3, backwardSeconds: 0.5e-3, forwardFLOP: 0, backwardFLOP: 0),
        ], batch: 128)
        let lines = LayerTable.lines(profile, stepSeconds: 3.5e-3)
        #expect(lines[0] == "      where a step's time goes (one batch of 128, each pass the best of 10):")
        #expect(lines[2].hasPrefix("      Dense 784 → 625") && lines[2].contains("  1.00") && lines[2].hasSuffix("67 %          125    125"))
        #expect(lines[3].hasSuffix("0.50         0.50   33 %            –      –"))
        #expect(lines[4].hasSuffix("1.50         1.50"))
        #expect(lines[5] == "      a step of the timed epoch took 3.50 ms, the layers' passes 3.00 ms;")
        #expect(lines[6] == "      the rest (loss, optimizer, zeroing gradients, copying the batch) 0.50 ms")
    }

    @Test func noRestWhenTheLayersTookAsLong() {
        let profile = LayerProfile(entries: [.init(summary: "ReLU", forwardSeconds: 1e-3, backwardSeconds: nil, forwardFLOP: 0, backwardFLOP: 0)], batch: 2)
        let lines = LayerTable.lines(profile, stepSeconds: 0.9e-3)
        #expect(lines.last == "      a step of the timed epoch took 0.90 ms, the layers' passes 1.00 ms")
        #expect(lines[2].hasSuffix("1.00            –  100 %            –      –"))
    }

    @Test func layersDoesNotGoWithJSON() throws {
        let result = try LearnProcess.run(["bench", "--layers", "--json"])
        #expect(result.status == 64)
        #expect(result.error == "learn: bench: --layers prints a table; it does not go with --json\n")
    }
}
