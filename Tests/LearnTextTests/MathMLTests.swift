import Testing
import LearnCore
@testable import LearnText

/// The MathML writers: the program's formulas (`FormulaMathML`) and the authors' LaTeX
/// (`LaTeXMathML`), on the course's own notation. Expected markup is written out in full, so a change
/// of structure shows.
@Suite struct MathMLTests {
    let f = FormulaMathML(format: NumberFormat())
    func formula(_ x: Formula) -> String { f.node(x).markup }
    func latex(_ s: String) -> String { LaTeXMathML.node(s).markup }

    // MARK: Formulas

    @Test func netInputOfTheFirstHiddenNeuron() {
        // net_h1 = w1·i1 + w2·i2 + b1: the word "net" one upright identifier, indices as subscripts.
        let sum: Formula = .sum([.product(["w1", "i1"]), .product(["w2", "i2"]), "b1"])
        #expect(formula("net_h1") == "<msub><mi>net</mi><mrow><mi>h</mi><mn>1</mn></mrow></msub>")
        #expect(formula(sum) == "<mrow><mrow><msub><mi>w</mi><mn>1</mn></msub><mo>⋅</mo><msub><mi>i</mi><mn>1</mn></msub></mrow>"
            + "<mo>+</mo><mrow><msub><mi>w</mi><mn>2</mn></msub><mo>⋅</mo><msub><mi>i</mi><mn>2</mn></msub></mrow>"
            + "<mo>+</mo><msub><mi>b</mi><mn>1</mn></msub></mrow>")
    }

    @Test func gradientIsAFractionOfPartials() {
        #expect(formula(.derivative(of: "E_total", withRespectTo: "w5"))
            == "<mfrac><mrow><mi>∂</mi><msub><mi>E</mi><mi>total</mi></msub></mrow><mrow><mi>∂</mi><msub><mi>w</mi><mn>5</mn></msub></mrow></mfrac>")
    }

    @Test func updatedWeightHasSubscriptAndSuperscript() {
        #expect(formula("w5+") == "<msubsup><mi>w</mi><mn>5</mn><mo>+</mo></msubsup>")
        #expect(formula("E_total") == "<msub><mi>E</mi><mi>total</mi></msub>")
        #expect(formula("eta") == "<mi>η</mi>")
        #expect(formula("Delta") == "<mi mathvariant=\"normal\">Δ</mi>")
        #expect(formula("y_hat") == "<mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">^</mo></mover>")
    }

    @Test func fractionsPowersAndParentheses() {
        // out = 1/(1 + e^(−net)): the fraction needs no parentheses; the power's exponent is a negation.
        let sigmoid: Formula = .quotient(1, .sum([1, .power("e", .negation("net_h1"))]))
        #expect(formula(sigmoid) == "<mfrac><mn>1</mn><mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mo>−</mo>"
            + "<msub><mi>net</mi><mrow><mi>h</mi><mn>1</mn></mrow></msub></mrow></msup></mrow></mfrac>")
        // (a − b)² keeps its parentheses; they do not stretch around plain symbols.
        #expect(formula(.power(.difference("t", "o"), 2))
            == "<msup><mrow><mo stretchy=\"false\">(</mo><mrow><mi>t</mi><mo>−</mo><mi>o</mi></mrow><mo stretchy=\"false\">)</mo></mrow><mn>2</mn></msup>")
        // A negative factor is parenthesised; a negative term becomes a subtraction.
        #expect(formula(.product([0.5, -0.25])) == "<mrow><mn>0.5</mn><mo>⋅</mo><mrow><mo stretchy=\"false\">(</mo><mrow><mo>−</mo><mn>0.25</mn></mrow><mo stretchy=\"false\">)</mo></mrow></mrow>")
        #expect(formula(.sum([1, -2])) == "<mrow><mn>1</mn><mo>−</mo><mn>2</mn></mrow>")
    }

    @Test func numbersNeverPrintNanOrInf() {
        #expect(formula(3.51018778e-5) == "<mrow><mn>3.51018778</mn><mo>×</mo><msup><mn>10</mn><mrow><mo>−</mo><mn>5</mn></mrow></msup></mrow>")
        #expect(formula(.number(.nan)) == "<mtext>undefined</mtext>")
        #expect(formula(.number(-.infinity)) == "<mrow><mo>−</mo><mi>∞</mi></mrow>")
    }

    @Test func functionsAndAuthoredText() {
        #expect(formula(.function("σ", ["net_o1"])).hasPrefix("<mrow><mi>σ</mi><mo>\u{2061}</mo>"))
        // Formula.text carries LaTeX: converted, never copied.
        let text = formula(.text(plain: "E_PCA", latex: "E_{\\text{PCA}}"))
        #expect(text == "<msub><mi>E</mi><mtext>PCA</mtext></msub>")
    }

    @Test func aLongSumBreaksBeforeItsOperators() {
        let long: Formula = .sum((1...12).map { .product([.number(Double($0) + 0.123456789), .symbol("x\($0)")]) })
        let lines = f.node(long).brokenLines(width: 40)
        #expect(lines.count > 1)
        #expect(lines.dropFirst().allSatisfy { $0.children.first?.text == "+" })
        #expect(lines.flatMap(\.tokens) == f.node(long).tokens)
    }

    // MARK: LaTeX

    @Test func latexScriptsAndText() {
        #expect(latex(#"E_{\text{total}}"#) == "<msub><mi>E</mi><mtext>total</mtext></msub>")
        #expect(latex(#"\mathrm{net}_{h1}"#) == "<msub><mi>net</mi><mrow><mi>h</mi><mn>1</mn></mrow></msub>")
        #expect(latex("w_5^+") == "<msubsup><mi>w</mi><mn>5</mn><mo>+</mo></msubsup>")
        #expect(latex("x^{2}") == "<msup><mi>x</mi><mn>2</mn></msup>")
        #expect(latex(#"\hat{y}"#) == "<mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">^</mo></mover>")
    }

    @Test func latexFractionsAndPartials() {
        #expect(latex(#"\frac{\partial E_{total}}{\partial w_5}"#)
            == "<mfrac><mrow><mi>∂</mi><msub><mi>E</mi><mrow><mi>t</mi><mi>o</mi><mi>t</mi><mi>a</mi><mi>l</mi></mrow></msub></mrow>"
            + "<mrow><mi>∂</mi><msub><mi>w</mi><mn>5</mn></msub></mrow></mfrac>")
        #expect(latex(#"\sigma(x) = \frac{1}{1 + e^{-x}}"#)
            == "<mrow><mi>σ</mi><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo><mo>=</mo>"
            + "<mfrac><mn>1</mn><mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mo>−</mo><mi>x</mi></mrow></msup></mrow></mfrac></mrow>")
    }

    @Test func latexLargeOperatorsFencesAndMatrices() {
        #expect(latex(#"\sum_{i=1}^{n} x_i"#) == "<mrow><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>"
            + "<msub><mi>x</mi><mi>i</mi></msub></mrow>")
        #expect(latex(#"\left( a \right)"#) == "<mrow><mo stretchy=\"true\" symmetric=\"true\">(</mo><mi>a</mi><mo stretchy=\"true\" symmetric=\"true\">)</mo></mrow>")
        let matrix = latex(#"\begin{pmatrix} a & b \\ c & d \end{pmatrix}"#)
        #expect(matrix == "<mrow><mo>(</mo><mtable class=\"matrix\"><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr>"
            + "<mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr></mtable><mo>)</mo></mrow>")
        #expect(latex(#"\Big( x \Big)"#) == "<mrow><mo stretchy=\"true\" minsize=\"1.8em\" maxsize=\"1.8em\">(</mo><mi>x</mi>"
            + "<mo stretchy=\"true\" minsize=\"1.8em\" maxsize=\"1.8em\">)</mo></mrow>")
        #expect(latex(#"\lVert w \rVert"#) == "<mrow><mo stretchy=\"false\">‖</mo><mi>w</mi><mo stretchy=\"false\">‖</mo></mrow>")
        #expect(latex(#"\xrightarrow{\text{Softmax}}"#).contains("<mtext>Softmax</mtext>"))
    }

    @Test func latexFontsAndPrimes() {
        #expect(latex(#"\mathbb{R}^{784}"#) == "<msup><mi mathvariant=\"normal\">ℝ</mi><mn>784</mn></msup>")
        #expect(latex(#"\mathbf{x}"#) == "<mi mathvariant=\"normal\">𝐱</mi>")
        #expect(latex(#"\mathcal{H}"#) == "<mi mathvariant=\"normal\">ℋ</mi>")
        #expect(latex("S'(s)") == "<mrow><mrow><mi>S</mi><mo lspace=\"0\" rspace=\"0\">′</mo></mrow><mo stretchy=\"false\">(</mo><mi>s</mi><mo stretchy=\"false\">)</mo></mrow>")
    }

    /// Whatever the input, no backslash command and no brace reaches the page, and nothing traps.
    @Test(arguments: [#"\unknowncommand{x}"#, #"\frac{a"#, "}}{{", #"x^"#, #"\"#, #"\left("#, #"\begin{cases} a \end{cases}"#,
                      #"\sqrt[3]{x}"#, String(repeating: "{", count: 200) + "x", #"\text{a $b$}"#, #"\operatorname*{arg\,max}_x"#])
    func malformedInputNeverLeaksLaTeX(_ input: String) {
        let tokens = LaTeXMathML.node(input).tokens.joined(separator: " ")
        #expect(!tokens.contains("\\"), "\(input) → \(tokens)")
        #expect(!tokens.contains("{") || input.contains("cases"), "\(input) → \(tokens)")
    }

    @Test func unknownCommandsBecomeTheirName() {
        #expect(latex(#"\foo"#) == "<mi>foo</mi>")
        #expect(latex(#"\ln 10"#) == "<mrow><mrow><mi>ln</mi><mspace width=\"0.17em\"/></mrow><mn>10</mn></mrow>")
    }

    @Test func displayMathCarriesItsSource() {
        let math = LaTeXMathML.math("a < b", display: true)
        #expect(math == "<math display=\"block\"><semantics><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>"
            + "<annotation encoding=\"application/x-tex\">a &lt; b</annotation></semantics></math>")
    }
}
