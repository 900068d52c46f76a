import Testing
import LearnText
@testable import LearnNotebook

/// A lesson's Markdown prose, parsed into the document's blocks and rendered for a terminal. Expected
/// strings are written from the renderer's rules (one blank line between blocks, 4-space indent for
/// display maths and code, 2 for tables, `│` between columns).
@Suite struct ProseRenderingTests {
    static func blocks(_ markdown: String) -> [Block] {
        let parser = InlineParser { name, _ throws(InlineParser.ReferenceError) in .text("{{\(name)}}") }
        return try! ProseParser(inline: parser, file: "t.md", firstLine: 1).parse(markdown)
    }

    func plain(_ markdown: String, width: Int = 80) -> String {
        TerminalRenderer(style: TerminalStyle(colour: false, width: width)).render(Self.blocks(markdown))
    }

    func coloured(_ markdown: String, width: Int = 80) -> String {
        TerminalRenderer(style: TerminalStyle(colour: true, width: width)).render(Self.blocks(markdown))
    }

    static let esc = "\u{1B}"

    /// Every construct the lessons use, plus an escape character smuggled into the input.
    static let sample = """
        # Backpropagation

        *The 2-2-2 network.* Some **bold**, `code` and $\\sigma(x) = \\frac{1}{1 + e^{-x}}$.

        ## 1. The forward pass

        ### Details

        $$out_{h1} = \\frac{1}{1 + e^{-net_{h1}}} = 0.593269992$$

        | name | value |
        |:---|---:|
        | $w_{1}$ | 0.15 |

        - one
        - two

        ```text
          0.298 │●
                └──
        ```

        ✓ Reproduced: `out_h1` = 0.593269992  
        ✗ `w5+`: published 0.35801648, computed 0.35891648

        > a quote \u{1B}[31m with an escape
        """

    @Test func headingsPlain() {
        #expect(plain("# Title") == "Title\n═════\n")
        #expect(plain("## Sub") == "Sub\n───\n")
        #expect(plain("### Deep") == "Deep\n┈┈┈┈\n")
        #expect(plain("# Closed #") == "Closed\n══════\n")
        #expect(plain("Setext\n===") == "Setext\n══════\n")
    }

    @Test func headingsInColourAreBold() {
        let text = coloured("# Title\n\n### Deep")
        #expect(text.contains("\(Self.esc)[1;96mTitle\(Self.esc)[0m"))
        #expect(text.contains("\(Self.esc)[1;4mDeep\(Self.esc)[0m"))
        #expect(!text.contains("┈"))
    }

    @Test func emphasisLosesItsMarkers() {
        #expect(plain("Some **bold** and *italic* and _it_ text") == "Some bold and italic and it text\n")
        #expect(plain("***both*** here") == "both here\n")
        // Underscores inside words and lone stars are text.
        #expect(plain("E_total and net_h1, 2 * 3 * 4") == "E_total and net_h1, 2 * 3 * 4\n")
        #expect(plain(#"a \*literal\* star"#) == "a *literal* star\n")
    }

    @Test func emphasisInColour() {
        let text = coloured("Some **bold** and *italic*")
        #expect(text == "Some \(Self.esc)[1mbold\(Self.esc)[0m and \(Self.esc)[3mitalic\(Self.esc)[0m\n")
    }

    @Test func inlineCode() {
        #expect(plain("Run `learn list` now") == "Run learn list now\n")
        #expect(plain("``a `tick` b``") == "a `tick` b\n")
        #expect(coloured("Run `learn list` now") == "Run \(Self.esc)[33mlearn list\(Self.esc)[0m now\n")
    }

    @Test func inlineMaths() {
        #expect(plain(#"all with $\sigma(x) = \frac{1}{1 + e^{-x}}$."#) == "all with σ(x) = 1/(1 + e^(-x)).\n")
        #expect(plain("costs $5 and $6") == "costs $5 and $6\n")
        #expect(plain(#"inline $$w_{1}$$ too"#) == "inline w₁ too\n")
    }

    @Test func displayMathsIsIndentedAndBrokenOnlyBesideOperators() {
        let line = #"$$\frac{\partial E_{total}}{\partial w_{5}} = \frac{\partial E_{total}}{\partial out_{o1}} \cdot \frac{\partial out_{o1}}{\partial net_{o1}} \cdot \frac{\partial net_{o1}}{\partial w_{5}} = 0.74136507 \cdot 0.186815602 \cdot 0.593269992 = 0.082167041$$"#
        #expect(plain(line, width: 40) == """
                ∂Eₜₒₜₐₗ/∂w₅ = ∂Eₜₒₜₐₗ/∂outₒ₁
                      · ∂outₒ₁/∂netₒ₁ · ∂netₒ₁/∂w₅
                    = 0.74136507 · 0.186815602
                      · 0.593269992
                    = 0.082167041

            """)
        #expect(plain(line, width: 120).split(separator: "\n").count == 1)
        #expect(plain("$$\nw_{5}^{+} = 0.4\n$$") == "    w₅⁺ = 0.4\n")
        #expect(plain("text\n$$x^{2}$$\nmore") == "text\n\n    x²\n\nmore\n")
    }

    @Test func fencedCodeIsIndentedAndUnchanged() {
        #expect(plain("```\nlet x = 1\n  y\n```") == "    let x = 1\n      y\n")
        // A plot, trailing spaces and all.
        let plot = "```text\n  0.298 │●   \n        │ ●  \n        └────\n```"
        #expect(plain(plot, width: 20) == "      0.298 │●   \n            │ ●  \n            └────\n")
        #expect(coloured(plot) == plain(plot))
    }

    @Test func lists() {
        #expect(plain("- one\n- two\n* three") == "• one\n• two\n• three\n")
        #expect(plain("1. first\n2. second") == "1. first\n2. second\n")
        #expect(plain("9. nine\n10. ten") == " 9. nine\n10. ten\n")
        #expect(plain("- a\n  - b\n    - c\n- d") == "• a\n  ◦ b\n    ▪ c\n• d\n")
        #expect(plain("- alpha beta gamma delta epsilon", width: 20) == "• alpha beta gamma\n  delta epsilon\n")
        #expect(plain("- item\n  continued") == "• item continued\n")
    }

    @Test func tableAlignment() {
        let table = """
            | a | b | c |
            |:---|---:|:---:|
            | x | 1.5 | m |
            | long | 22 | wide |
            """
        #expect(plain(table) == """
              a    │   b │  c
              ─────┼─────┼─────
              x    │ 1.5 │  m
              long │  22 │ wide

            """)
    }

    @Test func tableCellsAreRenderedInlineAndMeasuredInCharacters() {
        #expect(plain("| v | w |\n|---|---|\n| $w_{1}$ | **b** |") == "  v  │ w\n  ───┼──\n  w₁ │ b\n")
        // ŷ is y and a combining mark: one column wide.
        #expect(plain("| $\\hat{y}$ | b |\n|---|---|\n| yy | c |") == "  y\u{302}  │ b\n  ───┼──\n  yy │ c\n")
        #expect(plain("| a \\| b |\n|---|\n| c |") == "  a | b\n  ─────\n  c\n")
        // Colour codes do not count: the columns line up the same.
        let bold = coloured("| **v** | w |\n|---|---|\n| `xy` | z |")
        #expect(bold.replacingEscapes() == plain("| v | w |\n|---|---|\n| xy | z |"))
    }

    @Test func wideTablesWrapTheirLongestColumn() {
        let table = """
            | n | note |
            |---:|:---|
            | 1 | one two three four five six seven eight nine ten |
            | 2 | short |
            """
        #expect(plain(table, width: 30) == """
              n │ note
              ──┼─────────────────────────
              1 │ one two three four five
                │ six seven eight nine ten
                │
              2 │ short

            """)
    }

    @Test func paragraphsWrapAtTheWidthAndNeverInsideAWord() {
        #expect(plain("one two three four five six seven eight nine ten", width: 20)
            == "one two three four\nfive six seven eight\nnine ten\n")
        #expect(plain("a supercalifragilisticexpialidocious b", width: 20)
            == "a\nsupercalifragilisticexpialidocious\nb\n")
        #expect(plain("joined\nlines  \nkept apart") == "joined lines\nkept apart\n")
        // Maths breaks only next to a relation or an operator outside parentheses, never inside e^(-x).
        #expect(plain(#"aaaa bbbb cccc $1 + e^{-x}$"#, width: 20) == "aaaa bbbb cccc 1 +\ne^(-x)\n")
        #expect(plain(#"aaaa bbbb $(1 + e^{-x})$"#, width: 20) == "aaaa bbbb\n(1 + e^(-x))\n")
        for line in plain(String(repeating: "word ", count: 50), width: 33).split(separator: "\n") {
            #expect(line.count <= 33)
        }
    }

    @Test func checksAreGreenAndRed() {
        let checks: [Block] = [.checks([CheckResult(name: "a", published: "1", computed: 1, passed: true, location: "t.md:1"),
                                        CheckResult(name: "b", published: "2", computed: 3, passed: false, location: "t.md:2")])]
        #expect(TerminalRenderer(style: TerminalStyle(colour: false)).render(checks) == "✓ Reproduced: a = 1\n✗ b: published 2, computed 3\n")
        let text = TerminalRenderer(style: TerminalStyle(colour: true)).render(checks)
        #expect(text.contains("\(Self.esc)[1;32m✓ Reproduced:\(Self.esc)[0m"))
        #expect(text.contains("\(Self.esc)[1;31m✗"))
        // A long check wraps with a hanging indent and keeps `name = value` together.
        let three: [Block] = [.checks(["alpha", "beta", "gamma"].enumerated().map {
            CheckResult(name: $1, published: "\($0 + 1)", computed: Double($0 + 1), passed: true, location: "t.md:1")
        })]
        #expect(TerminalRenderer(style: TerminalStyle(colour: false, width: 30)).render(three)
            == "✓ Reproduced: alpha = 1,\n  beta = 2, gamma = 3\n")
    }

    @Test func quotesRulesAndLinks() {
        #expect(plain("> quoted\n> text") == "│ quoted text\n")
        #expect(plain("---", width: 20) == String(repeating: "─", count: 20) + "\n")
        #expect(plain("see [docs](http://x.org) or <https://y.org>") == "see docs (http://x.org) or https://y.org\n")
    }

    @Test func blocksAreSeparatedByOneEmptyLine() {
        #expect(plain("# H\n\n\n\npara\n\n\n- item") == "H\n═\n\npara\n\n• item\n")
        #expect(plain("") == "")
        #expect(plain("\n\n") == "")
    }

    @Test func noEscapeWithoutColour() {
        let text = plain(Self.sample)
        #expect(!text.contains(Self.esc))
        #expect(text.contains("outₕ₁ = 1/(1 + e^(-netₕ₁)) = 0.593269992"))
        #expect(text.contains("Backpropagation\n═══════════════"))
    }

    @Test func escapesWithColour() {
        let text = coloured(Self.sample)
        #expect(text.contains(Self.esc + "["))
        #expect(text.replacingEscapes().contains("outₕ₁ = 1/(1 + e^(-netₕ₁)) = 0.593269992"))
        // The escape in the input is not passed through: only the renderer's own SGR sequences remain.
        #expect(!text.contains("\(Self.esc)[31m with"))
    }

    @Test(arguments: [
        "**unclosed", "`unclosed", "$stray", "$$\\frac{", "```\nunclosed fence", "| a |\n|---|\n| b | c | d |",
        "|---|", "| a | b |\n|---|", String(repeating: "*", count: 3_000) + "x", String(repeating: "[", count: 3_000),
        String(repeating: ">", count: 3_000) + " deep", String(repeating: "_a ", count: 1_000), "- ", "1.", "#",
        "\\", "  \n  ", "[a](", "![img](x.png)", "<http://", String(repeating: "- x\n  ", count: 200),
    ])
    func malformedMarkdownDoesNotTrap(_ markdown: String) {
        _ = plain(markdown)
        _ = coloured(markdown, width: 5)
    }
}

extension String {
    /// The text without SGR escape sequences.
    func replacingEscapes() -> String {
        var out = "", skipping = false
        for c in self {
            if c == "\u{1B}" { skipping = true; continue }
            if skipping { if c == "m" { skipping = false }; continue }
            out.append(c)
        }
        return out
    }
}
