import Testing
@testable import LearnNotebook

@Suite struct LessonParserTests {
    let header = "---\ntitle: T\nsummary: S\ndeck: D\n---\n"

    func parse(_ body: String) throws -> Lesson { try LessonParser.parse(header + body, name: "t", file: "t.md") }

    /// The error for `text`, as `FILE:LINE: message`.
    func error(_ text: String) -> String {
        do { _ = try LessonParser.parse(text, name: "t", file: "t.md"); return "no error" } catch { return error.description }
    }

    @Test func proseAndCells() throws {
        let lesson = try parse("Some *prose*.\n\n```learn\nrun backprop   # comment\nshow forward error\nexpect out_h1 = 0.593269992\n```\nMore.\n")
        #expect(lesson.header == LessonHeader(title: "T", summary: "S", deck: "D", part: nil, order: nil, prerequisites: []))
        #expect(lesson.blocks.count == 3)
        #expect(lesson.statements == [
            .run(derivation: "backprop", arguments: [], prefix: nil, line: 9),
            .show(targets: ["forward", "error"], line: 10),
            .expect(Expectation(name: "out_h1", bound: .asWritten("0.593269992"), line: 11)),
        ])
    }

    @Test func runArgumentsPrefixesAndBounds() throws {
        let lesson = try parse("```learn\nrun perceptron-training gate=XOR eta=0.5 as xor\nexpect a = 1 ± 0.1\nexpect b = 2 +- 0.5\nexpect c in -1...2.5\n```\n")
        #expect(lesson.statements == [
            .run(derivation: "perceptron-training", arguments: [Argument(name: "gate", value: "XOR"), Argument(name: "eta", value: "0.5")],
                 prefix: "xor", line: 7),
            .expect(Expectation(name: "a", bound: .tolerance(1, 0.1), line: 8)),
            .expect(Expectation(name: "b", bound: .tolerance(2, 0.5), line: 9)),
            .expect(Expectation(name: "c", bound: .range(-1, 2.5), line: 10)),
        ])
    }

    @Test func otherCodeBlocksStayProse() throws {
        let lesson = try parse("```text\nrun not a cell\n```\n")
        #expect(lesson.statements.isEmpty)
        #expect(lesson.blocks.count == 1)
    }

    @Test func malformedLessonsNameTheFileAndLine() {
        #expect(error("no header") == "t.md:1: a lesson starts with a header between '---' lines (title, summary, deck)")
        #expect(error("---\ntitle: T\n") == "t.md:1: unterminated header (no closing '---')")
        #expect(error("---\ntitle: T\nsummary: S\ndeck: D\ncolour: red\n---\n") .hasPrefix("t.md:5: unknown header key 'colour'"))
        #expect(error("---\ntitle: T\ndeck: D\n---\n") == "t.md:4: the header needs a 'summary:' line")
        #expect(error("---\ntitle: T\nsummary: S\ndeck: D\nnonsense\n---\n").hasPrefix("t.md:5: header lines are 'key: value'"))
        #expect(error("---\ntitle: T\nsummary: S\ndeck: D\norder: first\n---\n") == "t.md:5: order must be a whole number, got 'first'")
        #expect(error(header + "text\n```learn\nrun backprop\n") == "t.md:7: unterminated ```learn cell (no closing ```)")
        #expect(error(header + "```learn\nfly away\n```\n") == "t.md:7: unknown statement 'fly' (cells use run, show, expect, parameters)")
        #expect(error(header + "```learn\nexpect x 1\n```\n").hasPrefix("t.md:7: expected 'expect NAME = VALUE'"))
        #expect(error(header + "```learn\nexpect x = abc\n```\n") == "t.md:7: 'abc' is not a number")
        #expect(error(header + "```learn\nrun backprop i1\n```\n") == "t.md:7: expected name=value, got 'i1'")
        #expect(error(header + "```learn\nshow\n```\n") == "t.md:7: 'show' needs 'all' or section or step names")
        #expect(error(header + "```learnx\n```\n") == "t.md:6: unknown cell type 'learnx' (cells are ```learn)")
        #expect(error(header + "```text\nnever closed\n") == "t.md:6: unterminated code block (no closing ```)")
    }
}
