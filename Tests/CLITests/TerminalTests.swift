import Foundation
import Testing

/// Colour on a terminal, none with NO_COLOR: `learn` runs under util-linux `script`, which gives it a
/// pseudo-terminal for its output.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux script"))
struct TerminalTests {
    /// What `learn ARGUMENTS` prints when its output is a terminal.
    func onTerminal(_ arguments: [String], environment: [String: String]) throws -> String {
        try LearnProcess.runOnTerminal(arguments, environment: environment).output
    }

    @Test func colourOnATerminal() throws {
        let text = try onTerminal(["lesson", "backprop", "--all"], environment: [:])
        #expect(text.contains("\u{1B}["))
        #expect(text.contains("0.593269992"))
    }

    @Test func noColourWithNoColor() throws {
        let text = try onTerminal(["lesson", "backprop", "--all"], environment: ["NO_COLOR": "1"])
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("0.593269992"))
        let verify = try onTerminal(["verify", "backprop", "out_h1=0.5933"], environment: ["NO_COLOR": "1"])
        #expect(!verify.contains("\u{1B}") && verify.contains("✓"))
    }
}
