import Foundation
import Testing

/// Every bad input gets one line on standard error and its own exit status; nothing crashes.
@Suite struct ErrorTests {
    func expectError(_ arguments: [String], status: Int32, mentions: String, environment: [String: String] = [:],
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try LearnProcess.run(arguments, environment: environment)
        #expect(r.status == status, "\(arguments): status \(r.status), stderr \(r.error)", sourceLocation: sourceLocation)
        #expect(r.error.contains(mentions), "\(arguments): stderr \(r.error)", sourceLocation: sourceLocation)
        #expect(r.error.split(separator: "\n").count == 1, "\(arguments): not one line: \(r.error)", sourceLocation: sourceLocation)
    }

    /// Issue 11: a `--set` value within the parameter's range that the derivation cannot take is one line
    /// naming the parameter and why, exit 65; values that overflowed or had no value are labelled, not
    /// printed as nan, and none traps.
    @Test func derivationRejectionsAndNonFiniteValues() throws {
        try expectError(["lesson", "perceptron-geometry", "--set", "w1=0", "--set", "w2=0"], status: 65, mentions: "w1 = w2 = 0")
        let softmax = try LearnProcess.run(["lesson", "softmax", "--all", "--set", "z1=709.5", "--set", "z2=709.5", "--set", "z3=709.5"])
        #expect(softmax.status == 0, "\(softmax.error)")
        #expect(softmax.output.contains("= overflows"))
        let step = try LearnProcess.run(["lesson", "activations", "--all", "--set", "x=0"])
        #expect(step.status == 0 && step.output.contains("= undefined"), "\(step.error)")
        let rprop = try LearnProcess.run(["lesson", "rprop", "--all", "--set", "g_small=0"])
        #expect(rprop.status == 0 && !rprop.output.contains("nan"), "\(rprop.error)")
    }

    @Test func usageErrors() throws {
        try expectError(["lesson", "backprob"], status: 64, mentions: "did you mean backprop")
        try expectError(["lesson"], status: 64, mentions: "which lesson")
        try expectError(["lesson", "backprop", "--set", "x=1"], status: 64, mentions: "no parameter 'x'")
        try expectError(["lesson", "backprop", "--set", "i1"], status: 64, mentions: "expected name=value")
        try expectError(["lesson", "backprop", "--set", "i1=abc"], status: 64, mentions: "bad value 'abc' for i1")
        try expectError(["lesson", "backprop", "--digits", "many"], status: 64, mentions: "--digits")
        try expectError(["lesson", "backprop", "--format", "pdf"], status: 64, mentions: "terminal, markdown, html")
        try expectError(["lesson", "backprop", "--wat"], status: 64, mentions: "unknown option '--wat'")
        try expectError(["frobnicate"], status: 64, mentions: "unknown command 'frobnicate'")
        try expectError(["help", "train", "bogus"], status: 64, mentions: "unexpected argument 'bogus' after 'train'")
        try expectError(["help", "data", "fetch", "extra"], status: 64, mentions: "unexpected argument 'fetch' after 'data'")
        try expectError(["bench", "--only", "gemm", "--layers"], status: 64, mentions: "--layers times the layers of a training epoch")
        try expectError(["train", "logreg", "--seed", "18446744073709551616"], status: 64, mentions: "from 0 to 18446744073709551615")
        try expectError(["verify", "backprop"], status: 64, mentions: "give answers")
        try expectError(["verify", "backprop", "out_h11=1"], status: 64, mentions: "did you mean out_h1")
        try expectError(["verify", "backprop", "out_h1=zero"], status: 64, mentions: "is not a number")
        try expectError(["help", "nothing"], status: 64, mentions: "no command 'nothing'")
        try expectError(["lesson", "backprop", "--output", "/nonexistent/dir/out.md"], status: 73, mentions: "does not exist")
        try expectError(["verify", "backprop", "--answers", "/nonexistent/answers.txt"], status: 66, mentions: "/nonexistent/answers.txt")
    }

    @Test func malformedLessonsNameTheFileAndLine() throws {
        let folder = try LearnProcess.temporaryFolder()
        try "---\ntitle: T\nsummary: S\ndeck: D\n---\n```learn\nrun backprop\nshow nowhere\n```\n"
            .write(to: folder.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: T\n".write(to: folder.appendingPathComponent("cut.md"), atomically: true, encoding: .utf8)
        try expectError(["lesson", "broken", "--lessons", folder.path], status: 65, mentions: "broken.md:8: show: backprop has no section or step 'nowhere'")
        try expectError(["lesson", "cut", "--all"], status: 65, mentions: "cut.md:1: unterminated header", environment: ["LEARN_LESSONS": folder.path])
    }

    @Test func aLessonWhosePublishedNumberIsWrongExits65() throws {
        let folder = try LearnProcess.temporaryFolder()
        try "---\ntitle: T\nsummary: S\ndeck: D\n---\n```learn\nrun backprop steps=1\nexpect out_h1 = 0.5934\n```\n"
            .write(to: folder.appendingPathComponent("wrong.md"), atomically: true, encoding: .utf8)
        try expectError(["lesson", "wrong", "--lessons", folder.path], status: 65, mentions: "wrong.md:8: expect out_h1: published 0.5934, computed 0.593269992")
    }

    @Test func badAnswersFile() throws {
        let folder = try LearnProcess.temporaryFolder()
        let file = folder.appendingPathComponent("answers.txt")
        try "# my answers\nout_h1 = 0.5933\nthis is not an answer\n".write(to: file, atomically: true, encoding: .utf8)
        try expectError(["verify", "backprop", "--answers", file.path], status: 65, mentions: "answers.txt:3: expected 'name = value'")
    }
}
