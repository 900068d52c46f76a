import Testing
import LearnText
@testable import LearnNotebook

/// The inline parser's work is linear in the length of the text, on the inputs that made it quadratic
/// (80 KB of `![` took 11–29 s to show: every opening searched 4,000 characters ahead for its closing).
///
/// Why steps and not seconds: the project keeps speed in benchmarks, never in timed unit tests (a
/// loaded machine makes a timed test fail for nothing, and a generous time bound hides a constant
/// factor of 4,000). ``InlineScan`` counts the places its searches look at; the test asserts that this
/// count stays under a small multiple of the text's length, and that four times the text takes about
/// four times the steps (a quadratic search would take sixteen, and the old bounded one 4,000 per
/// character). The parser's own loop only moves forward, so these searches are the rest of its work.
@Suite struct InlineParserWorkTests {
    static var parser: InlineParser { InlineParser { name, _ throws(InlineParser.ReferenceError) in .text("{{\(name)}}") } }

    /// Repeats that used to cost a full search per repeat, and repeats that do match (links, maths,
    /// emphasis, code, autolinks), so the memory of past searches is exercised where searches succeed.
    static let patterns = [
        "[", "![", "<", "`", "*", "_", "$", "|", "a", "$1", "*a ", "_a ", "**a *b ", "`a``", "[a](", "![a](", "<http://a",
        "[[]", "$$a", "\\[", "*`a", "*$1", "[a](b) ", "*a* ", "$x$ ", "`a` ", "<http://a> ", "**a** _b_ ",
    ]

    static func steps(_ text: String) throws -> Int { try parser.parseCountingSteps(text).steps }

    @Test(arguments: patterns)
    func fourTimesTheTextTakesAboutFourTimesTheSteps(pattern: String) throws {
        let n = 5_000 / pattern.count
        let small = try Self.steps(String(repeating: pattern, count: n))
        let large = try Self.steps(String(repeating: pattern, count: 4 * n))
        let length = 4 * n * pattern.count
        // At most a few looks per character (each table is one pass, each place is walked once per
        // kind of closing delimiter), and linear growth with room for the tables' fixed share.
        #expect(large <= 12 * length, "\(pattern): \(large) steps for \(length) characters")
        #expect(large <= 5 * max(small, 1), "\(pattern): \(small) steps for n, \(large) for 4n")
    }

    /// What the repeats parse to is unchanged by remembering: text stays text, and matches still match.
    @Test func theRepeatsStillParseAsBefore() throws {
        let brackets = try Self.parser.parse(String(repeating: "![", count: 10_000))
        #expect(brackets == [.text(String(repeating: "![", count: 10_000))])
        let links = try Self.parser.parse(String(repeating: "[a](b) ", count: 1_000))
        #expect(links.filter { if case .link = $0 { true } else { false } }.count == 1_000)
        let maths = try Self.parser.parse(String(repeating: "$x$ ", count: 1_000))
        #expect(maths.filter { $0 == .math("x") }.count == 1_000)
        let emphasis = try Self.parser.parse(String(repeating: "*a* ", count: 1_000))
        #expect(emphasis.filter { $0 == .emphasis([.text("a")]) }.count == 1_000)
        let money = try Self.parser.parse(String(repeating: "$1", count: 1_000))
        #expect(money == [.text(String(repeating: "$1", count: 1_000))])
        // A closing delimiter beyond the reach (4,000 characters) still does not close.
        let far = try Self.parser.parse("*a" + String(repeating: "b", count: 5_000) + "*")
        #expect(far.count == 1)
        let near = try Self.parser.parse("*a" + String(repeating: "b", count: 100) + "*")
        #expect(near == [.emphasis([.text("a" + String(repeating: "b", count: 100))])])
    }
}
