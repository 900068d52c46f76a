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

@Suite struct VerifyReportTests {
    /// A 20-answer sheet on Mazur's 2-2-2 example, with a mix of right answers, a slip, answers that
    /// follow from it and answers with too few digits, laid out at 80 columns.
    @Test func aTwentyAnswerSheetFitsEightyColumnsAndEndsWithTheCount() throws {
        let answers = ["net_h1=0.3775", "out_h1=0.593270", "net_h2=0.3925", "out_h2=0.596884", "net_o1=1.105906",
                       "out_o1=0.751365", "net_o2=1.224921", "out_o2=0.772928", "E_o1=0.274811", "E_o2=0.0235600",
                       "E_total=0.298371",
                       // −(target − out) with its sign flipped: −0.741365, then −0.741365 · 0.186815602 = −0.138499.
                       "dE_total/dout_o1=-0.741365", "dout_o1/dnet_o1=0.186816", "dE_total/dnet_o1=-0.138499",
                       "w5+=0.4", "w6+=0.41", "w7+=0.511301", "w8+=0.561370", "w1+=0.149781", "w2+=0.199561"]
        let r = try LearnProcess.run(["verify", "backprop"] + answers, environment: ["COLUMNS": "80"])
        #expect(r.status == 1)
        let lines = r.output.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        for line in lines { #expect(line.count <= 80, "\(line)") }
        #expect(lines.last == "20 answers: 16 right, 1 consequential, 1 wrong, 2 need more digits", "\(r.output)")
        #expect(lines.dropLast().last == "First wrong step: dE_total/dout_o1 (sign flipped)")
    }

    @Test func badInputIsOneLineWithItsStatus() throws {
        for (arguments, status) in [(["verify", "nosuch", "x=1.00"], Int32(64)),
                                    (["verify", "backprop", "out_h1=0.5933x"], 64),
                                    (["verify", "backprop", "--seed", "seven", "net_h1=0.621"], 64),
                                    (["verify", "backprop", "--seed", "-1", "net_h1=0.621"], 64),
                                    (["verify", "backprop", "--min-digits", "0", "net_h1=0.3775"], 64),
                                    (["verify", "backprop", "--answers", "/no/such/answers.txt"], 66),
                                    (["verify", "backprop", "--seed", "7", "--set", "nope=0.2", "net_h1=0.621"], 64),
                                    (["verify", "history", "--seed", "1", "x=1"], 64)] {
            let r = try LearnProcess.run(arguments)
            #expect(r.status == status, "\(arguments): \(r.status) \(r.error)")
            #expect(r.error.split(separator: "\n").count == 1 && r.output.isEmpty, "\(arguments): \(r.error)")
        }
    }

    @Test func namesAreListedBySectionWithoutValues() throws {
        let r = try LearnProcess.run(["verify", "backprop", "--names"])
        #expect(r.status == 0, "\(r.error)")
        #expect(r.output.contains("1. The forward pass"), "\(r.output)")
        #expect(r.output.contains("dE_total/dw5") && r.output.contains("∂Eₜₒₜₐₗ/∂w₅"))
        #expect(!r.output.contains("0.593269992"), "the list gives no answers away")
    }
}
