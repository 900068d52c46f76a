import Foundation
import Testing

@Suite struct VerifyCommandTests {
    @Test func theAcceptanceExampleMatches() throws {
        let r = try LearnProcess.run(["verify", "backprop", "out_h1=0.593269992", "E_total=0.298371109", "w5+=0.35891648"])
        #expect(r.status == 0, "\(r.error)")
        #expect(r.output.components(separatedBy: "✓").count - 1 == 3)
        #expect(r.output.contains("3 answers: 3 right, 0 consequential, 0 wrong, 0 need more digits"))
    }

    @Test func aWrongValueShowsTheExpectedOneAndItsFormula() throws {
        let r = try LearnProcess.run(["verify", "backprop", "out_h1=0.5933", "w5+=0.35802"])
        #expect(r.status == 1)
        #expect(r.output.contains("✓ out_h1 = 0.5933"))
        #expect(r.output.contains("✗ w5+ = 0.35802"))
        #expect(r.output.contains("expected 0.35891648"))
        #expect(r.output.contains("0.4 - 0.5"))
    }

    @Test func answersFromAFileWithOverrides() throws {
        let folder = try LearnProcess.temporaryFolder()
        let file = folder.appendingPathComponent("answers.txt")
        // With i1 = 0.2: net_h1 = 0.15·0.2 + 0.2·0.1 + 0.35 = 0.4.
        try "net_h1 = 0.400   # by hand\n\nv = 1\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try LearnProcess.run(["verify", "backprop", "--answers", file.path, "--set", "i1=0.2"])
        #expect(r.status == 64, "v is not a backprop quantity: \(r.output) \(r.error)")
        try "net_h1 = 0.400\n".write(to: file, atomically: true, encoding: .utf8)
        let ok = try LearnProcess.run(["verify", "backprop", "--answers", file.path, "--set", "i1=0.2"])
        #expect(ok.status == 0, "\(ok.output) \(ok.error)")
    }
}

@Suite struct HelpTests {
    @Test func helpEverywhere() throws {
        for arguments in [["help"], ["--help"], ["-h"], ["help", "lesson"], ["lesson", "--help"], ["verify", "--help"],
                          ["list", "--help"], ["help", "verify"]] {
            let r = try LearnProcess.run(arguments)
            #expect(r.status == 0, "\(arguments)")
            #expect(r.output.contains("learn"), "\(arguments)")
        }
        #expect(try LearnProcess.run(["--version"]).output.hasPrefix("learn "))
    }

    @Test func listShowsTheLessonsWithSummaries() throws {
        for arguments in [["list"], []] {
            let r = try LearnProcess.run(arguments)
            #expect(r.status == 0)
            for name in ["backprop", "perceptron", "sigmoid-derivative", "rprop"] { #expect(r.output.contains(name)) }
        }
    }
}
