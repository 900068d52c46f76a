import Foundation
import Testing

/// Files written on Windows, odd characters in arguments, and numbers typed as people type them.
@Suite struct TextInputCommandTests {
    @Test func aLessonWithCRLFLineEndsRuns() throws {
        let folder = try LearnProcess.temporaryFolder()
        let lesson = "---\ntitle: T\nsummary: S\ndeck: D\n---\n\nHello.\n\n```learn\nrun backprop\nshow forward\nexpect net_h1 = 0.3775\n```\n"
        try lesson.replacingOccurrences(of: "\n", with: "\r\n").write(to: folder.appendingPathComponent("crlf.md"),
                                                                       atomically: true, encoding: .utf8)
        let r = try LearnProcess.run(["lesson", "crlf", "--lessons", folder.path, "--all"])
        #expect(r.status == 0, "\(r.error)")
        #expect(r.output.contains("0.3775") && !r.output.contains("\r"))
    }

    @Test func anAnswerSheetWithCRLFLineEndsIsRead() throws {
        let file = try LearnProcess.temporaryFolder().appendingPathComponent("answers.txt")
        // Mazur's net_h1 = 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775 and out_h1 = 0.593269992.
        try "# my sheet\r\nnet_h1 = 0.3775\r\nout_h1 = 0.5933\r\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try LearnProcess.run(["verify", "backprop", "--answers", file.path])
        #expect(r.status == 0, "\(r.error)\n\(r.output)")
        #expect(r.output.contains("2 answers: 2 right"))
    }

    @Test func controlCharactersInAnErrorAreEscapedOnOneLine() throws {
        let r = try LearnProcess.run(["verify", "backprop", "net\u{1B}[31m\n_h1=1"])
        #expect(r.status == 64)
        #expect(r.error.split(separator: "\n").count == 1, "\(r.error)")
        #expect(!r.error.contains("\u{1B}") && r.error.contains("\\u{1b}"), "\(r.error)")
    }

    @Test func setAndVerifyReadNumbersAndNamesAlike() throws {
        // With i1 = −0.05: net_h1 = 0.15·(−0.05) + 0.2·0.1 + 0.35 = 0.3625.
        let r = try LearnProcess.run(["verify", "backprop", "--set", "I1=−0.05", "net_h1=0.3625", "NET_H2=0.3825"])
        // net_h2 = 0.25·(−0.05) + 0.3·0.1 + 0.35 = 0.3675, so NET_H2=0.3825 (the slides' 0.3925 − 0.01) is wrong.
        #expect(r.status == 1, "\(r.error)")
        #expect(r.output.contains("✓ net_h1 = 0.3625"), "\(r.output)")
        #expect(r.output.contains("✗ net_h2 = 0.3825"), "\(r.output)")
        let hex = try LearnProcess.run(["verify", "backprop", "--set", "i1=0x1p-4", "net_h1=0x1.7p-2"])
        // i1 = 1/16: net_h1 = 0.15/16 + 0.02 + 0.35 = 0.3793750; 0x1.7p-2 = 0.359375 is not it.
        #expect(hex.status == 1 && hex.output.contains("expected 0.379375"), "\(hex.error)\(hex.output)")
    }
}
