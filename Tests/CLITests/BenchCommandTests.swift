import Foundation
import Testing

/// `learn bench`'s options are checked before anything is timed (and before a debug build is refused),
/// so a typo is one usage line even in the test build.
@Suite struct BenchCommandTests {
    @Test func onlyTakesTheInferenceWorkloadsAndNamesAnUnknownOne() throws {
        let unknown = try LearnProcess.run(["bench", "--only", "cnn_inference,cnn-inference"])
        #expect(unknown.status == 64, "\(unknown.error)")
        #expect(unknown.error.contains("unknown workload 'cnn-inference'"), "\(unknown.error)")
        #expect(unknown.error.contains("inference, cnn_inference"), "\(unknown.error)")
        #expect(unknown.error.split(separator: "\n").count == 1, "\(unknown.error)")

        let empty = try LearnProcess.run(["bench", "--only", "mlp,"])
        #expect(empty.status == 64 && empty.error.contains("unknown workload ''"), "\(empty.error)")

        // A known list passes the check; this debug build then refuses to time it (release builds time it).
        let known = try LearnProcess.run(["bench", "--only", "cnn_inference,mlp", "--json"])
        #expect(known.status == 64 && known.error.contains("debug build"), "\(known.error)")
    }

    @Test func theHelpNamesTheDistanceToTheGEMM() throws {
        let help = try LearnProcess.run(["help", "bench"])
        #expect(help.status == 0)
        #expect(help.output.contains("cnn_inference"))
        #expect(help.output.contains("percentage of the 2048³ GEMM"))
    }
}
