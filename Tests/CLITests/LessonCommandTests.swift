import Foundation
import Testing

/// `learn lesson` run as a learner would, through the built executable.
@Suite struct LessonCommandTests {
    @Test func backpropPrintsEveryNumberOfTheDeckAndTheErratum() throws {
        let r = try LearnProcess.run(["lesson", "backprop", "--all"])
        #expect(r.status == 0, "\(r.error)")
        for number in ["0.3775", "0.593269992", "0.596884378", "1.105905967", "0.75136507", "0.772928465",
                       "0.274811083", "0.023560026", "0.298371109", "0.74136507", "0.186815602", "0.082167041",
                       "0.35891648", "0.408666186", "0.51130127", "0.561370121", "0.149780716", "0.291027774",
                       "0.291027924", "0.000035085", "0.35801648", "0.015912196", "0.984065734"] {
            #expect(r.output.contains(number), "missing \(number)")
        }
        #expect(r.output.contains("Errata"))
    }

    @Test func pipedOutputHasNoEscapeCodes() throws {
        for lesson in ["backprop", "perceptron", "sigmoid-derivative", "rprop"] {
            let r = try LearnProcess.run(["lesson", lesson])   // not a terminal: prints the whole lesson
            #expect(r.status == 0, "\(lesson): \(r.error)")
            #expect(!r.output.contains("\u{1B}"), "\(lesson) printed an escape code")
        }
    }

    @Test func perceptronShowsTheUpdateAndXorsCycle() throws {
        let r = try LearnProcess.run(["lesson", "perceptron", "--all"])
        #expect(r.status == 0)
        #expect(r.output.contains("-3") && r.output.contains("never converges"))
    }

    /// `--set` changes the numbers: compared here with the formulas worked out by hand.
    @Test func otherNumbersGiveTheirOwnTrace() throws {
        let r = try LearnProcess.run(["lesson", "backprop", "--all", "--set", "i1=0.2", "--set", "w5=0.1"])
        #expect(r.status == 0, "\(r.error)")
        let netH1 = 0.15 * 0.2 + 0.20 * 0.10 + 0.35                      // 0.4
        let outH1 = 1 / (1 + exp(-netH1)), outH2 = 1 / (1 + exp(-(0.25 * 0.2 + 0.30 * 0.10 + 0.35)))
        let netO1 = 0.1 * outH1 + 0.45 * outH2 + 0.60
        /// Nine decimals without trailing zeros, as the lessons print numbers.
        func nine(_ x: Double) -> String {
            var t = String(format: "%.9f", x)
            while t.hasSuffix("0") { t.removeLast() }
            return t
        }
        #expect(r.output.contains("= 0.4\n"))  // net_h1 = 0.15 · 0.2 + 0.2 · 0.1 + 0.35
        #expect(r.output.contains(nine(outH1)))
        #expect(r.output.contains(nine(netO1)))
        #expect(r.output.contains("not checked"))
    }

    @Test func markdownGoesToAFile() throws {
        let folder = try LearnProcess.temporaryFolder()
        let file = folder.appendingPathComponent("out.md")
        let r = try LearnProcess.run(["lesson", "backprop", "--format", "markdown", "--output", file.path])
        #expect(r.status == 0, "\(r.error)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("# Backpropagation"))
        #expect(text.contains("$$\\mathrm{net}_{h1} = w_{1} \\cdot i_{1} + w_{2} \\cdot i_{2} + b_{1}"))
        #expect(text.contains("| ---") || text.contains("|---"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.md"])   // no temporary left
    }

    @Test func digitsOption() throws {
        let r = try LearnProcess.run(["lesson", "backprop", "--all", "--digits", "4"])
        #expect(r.status == 0)
        #expect(r.output.contains("0.5933"))
        #expect(!r.output.contains("0.593269992 "))
    }
}

/// What a teacher exports: Markdown that every renderer reads, handouts without checks, one section.
@Suite struct LessonExportTests {
    @Test func markdownForEveryRenderer() throws {
        let r = try LearnProcess.run(["lesson", "backprop", "--format", "markdown"])
        #expect(r.status == 0, "\(r.error)")
        // Multi-letter names upright, never the italic product n·e·t.
        #expect(r.output.contains("\\mathrm{out}_{h1}"))
        #expect(r.output.contains("E_{\\text{total}}"))
        #expect(!r.output.contains("net_{h1}") || r.output.contains("\\mathrm{net}_{h1}"))
        // A long step is split over lines with aligned, one = per line.
        #expect(r.output.contains("\\begin{aligned}\n\\frac{\\partial E_{\\text{total}}}{\\partial w_{5}} &= "))
        #expect(r.output.contains("✓ Reproduced"))
    }

    @Test func noChecksMakesAHandout() throws {
        let r = try LearnProcess.run(["lesson", "backprop", "--format", "markdown", "--no-checks"])
        #expect(r.status == 0, "\(r.error)")
        #expect(!r.output.contains("✓") && !r.output.contains("Reproduced"))
        #expect(!r.output.contains("learn verify"), "the verify instructions are left out")
        #expect(r.output.contains("0.593269992"), "the worked numbers stay")
    }

    @Test func oneSection() throws {
        let r = try LearnProcess.run(["lesson", "backprop", "--format", "markdown", "--section", "2"])
        #expect(r.status == 0, "\(r.error)")
        #expect(r.output.contains("## 2. The total error"))
        #expect(r.output.contains("0.298371109"))
        #expect(!r.output.contains("## 1.") && !r.output.contains("## 3."))
        #expect(!r.output.contains("0.593269992 ="), "no step of section 1")
        let bad = try LearnProcess.run(["lesson", "backprop", "--section", "99"])
        #expect(bad.status == 64 && bad.error.contains("--section 99") && bad.error.contains("sections 1 to"))
    }
}
