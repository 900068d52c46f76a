import Testing
@testable import LearnText

/// LaTeX → Unicode. Expected strings follow `MathText`'s rules; the two README trace lines are golden.
@Suite struct MathTextTests {
    func u(_ latex: String) -> String { MathText.unicode(latex) }

    @Test func readmeTraceLines() {
        #expect(u(#"out_{h1} = \frac{1}{1 + e^{-net_{h1}}} = \frac{1}{1 + e^{-0.3775}} = 0.593269992"#)
            == "outₕ₁ = 1/(1 + e^(-netₕ₁)) = 1/(1 + e^(-0.3775)) = 0.593269992")
        #expect(u(#"\frac{\partial E_{total}}{\partial w_{5}} = \frac{\partial E_{total}}{\partial out_{o1}} \cdot \frac{\partial out_{o1}}{\partial net_{o1}} \cdot \frac{\partial net_{o1}}{\partial w_{5}} = 0.74136507 \cdot 0.186815602 \cdot 0.593269992 = 0.082167041"#)
            == "∂Eₜₒₜₐₗ/∂w₅ = ∂Eₜₒₜₐₗ/∂outₒ₁ · ∂outₒ₁/∂netₒ₁ · ∂netₒ₁/∂w₅ = 0.74136507 · 0.186815602 · 0.593269992 = 0.082167041")
        #expect(u(#"w_{5}^{+} = w_{5} - \eta \cdot \frac{\partial E_{total}}{\partial w_{5}} = 0.4 - 0.5 \cdot 0.082167041 = 0.35891648"#)
            == "w₅⁺ = w₅ - η · ∂Eₜₒₜₐₗ/∂w₅ = 0.4 - 0.5 · 0.082167041 = 0.35891648")
    }

    @Test func fractionsParenthesiseOnlyWhatIsNotAnAtom() {
        #expect(u(#"\frac{a}{b}"#) == "a/b")
        #expect(u(#"\frac{1}{1 + e^{-x}}"#) == "1/(1 + e^(-x))")
        #expect(u(#"\frac{a + b}{c}"#) == "(a + b)/c")
        #expect(u(#"\frac{\frac{a}{b}}{c}"#) == "(a/b)/c")
        #expect(u(#"\frac{g(t)}{2}"#) == "g(t)/2")
        #expect(u(#"\frac{-1}{2}"#) == "(-1)/2")
        // Written against its neighbour, a fraction keeps to itself.
        #expect(u(#"\frac{1}{2}(t - o)^2"#) == "(1/2)(t - o)²")
        #expect(u(#"E = \sum \frac{1}{2}(t - o)^2"#) == "E = Σ (1/2)(t - o)²")
    }

    @Test func greekLetters() {
        #expect(u(#"\sigma, \eta, \delta, \gamma, \alpha, \beta, \Delta, \Sigma, \lambda, \mu, \rho"#)
            == "σ, η, δ, γ, α, β, Δ, Σ, λ, μ, ρ")
        #expect(u(#"\epsilon, \varepsilon, \theta, \phi, \omega, \pi, \tau"#) == "ε, ε, θ, φ, ω, π, τ")
        // As in TeX, the space after a letter before an operand goes: γs, Δwᵢ, ∂E.
        #expect(u(#"e^{-\gamma s}"#) == "e^(-γs)")
        #expect(u(#"\Delta w_i = \eta (y - \hat{y}) x_i"#) == "Δwᵢ = η (y - y\u{302}) xᵢ")
        #expect(u(#"\partial E"#) == "∂E")
    }

    @Test func operatorsAndSymbols() {
        #expect(u(#"a \cdot b \times c"#) == "a · b × c")
        #expect(u(#"a \cdot\left(b\right)"#) == "a · (b)")
        #expect(u(#"a \le b \leq c \ge d \ne e \approx f"#) == "a ≤ b ≤ c ≥ d ≠ e ≈ f")
        #expect(u(#"x \to y \rightarrow z \leftarrow w"#) == "x → y → z ← w")
        #expect(u(#"w_1 \ldots w_4, 1, \dots, \infty"#) == "w₁ … w₄, 1, …, ∞")
        #expect(u(#"\sum_{i=1}^{n} x_i"#) == "Σᵢ₌₁ⁿ xᵢ")
        #expect(u(#"\prod_k p_k"#) == "Πₖ pₖ")
        #expect(u(#"x = \pm 1"#) == "x = ± 1")
        #expect(u(#"\lVert x \rVert^{2}"#) == "‖x‖²")
    }

    @Test func rootsDelimitersAndSpaces() {
        #expect(u(#"\sqrt{x}"#) == "√x")
        #expect(u(#"\sqrt{x + 1}"#) == "√(x + 1)")
        #expect(u(#"\sqrt[3]{x}"#) == "∛x")
        #expect(u(#"\left(target - out\right)^{2}"#) == "(target - out)²")
        #expect(u(#"a\,b\;c\quad d"#) == "a b c  d")
        #expect(u(#"a   b"#) == "a b")
    }

    @Test func textFontsAccentsAndFunctionNames() {
        #expect(u(#"\text{if } x > 0"#) == "if x > 0")
        #expect(u(#"\mathrm{sign}(g)\,\Delta"#) == "sign(g) Δ")
        #expect(u(#"\operatorname{ReLU}(x)"#) == "ReLU(x)")
        #expect(u(#"\hat{y}"#) == "y\u{302}")
        #expect(u(#"\hat{y}"#).count == 1)
        #expect(u(#"\hat{w_1}"#) == "w\u{302}₁")
        #expect(u(#"\max(a, b) + \min(a, b)"#) == "max(a, b) + min(a, b)")
        #expect(u(#"\log x + \exp(x) + \tanh(x)"#) == "log x + exp(x) + tanh(x)")
        #expect(u(#"\mathbb{R}^n"#) == "ℝⁿ")
    }

    @Test func subscripts() {
        #expect(u("w_{h1}") == "wₕ₁")
        #expect(u("w_1 + x_k") == "w₁ + xₖ")
        #expect(u("E_{total}") == "Eₜₒₜₐₗ")
        #expect(u("x_{i+1}") == "xᵢ₊₁")
        // Not every character has a subscript form: written plainly.
        #expect(u("w_{b}") == "w_b")
        #expect(u("w_{bd}") == "w_bd")
        #expect(u("y_{i,j}") == "y_(i,j)")
    }

    @Test func superscripts() {
        #expect(u("x^{2}") == "x²")
        #expect(u("x^2 + y^3") == "x² + y³")
        #expect(u("w^{+}") == "w⁺")
        #expect(u("A^{-1}") == "A⁻¹")
        #expect(u("E^{(1)}") == "E⁽¹⁾")
        #expect(u(#"3.51 \times 10^{-5}"#) == "3.51 × 10⁻⁵")
        #expect(u("e^{-x}") == "e^(-x)")
        #expect(u("e^{-net_{h1}}") == "e^(-netₕ₁)")
        #expect(u("x^T") == "x^T")
        #expect(u(#"f^{\prime}"#) == "f′")
    }

    @Test func withoutUnicodeScripts() {
        #expect(MathText.unicode(#"out_{h1} = \frac{1}{1 + e^{-net_{h1}}}"#, subscripts: false)
            == "out_h1 = 1/(1 + e^(-net_h1))")
        #expect(MathText.unicode("w_{5}^{+} + x^{2}", subscripts: false) == "w_5^+ + x^2")
        #expect(MathText.unicode("E_{total}", subscripts: false) == "E_total")
    }

    @Test func unknownCommandsKeepTheirName() {
        #expect(u(#"\foo x"#) == "foo x")
        #expect(u(#"\argmax_{w} L"#) == "argmax_w L")
        #expect(u(#"\big( x \big)"#) == "( x )")
    }

    @Test(arguments: [
        "{{{", "}}}a", #"a\"#, "a^", "x_", #"\frac"#, #"\frac{1"#, #"\left"#, #"\right"#, #"\sqrt["#,
        "$x$", "$$", #"\text{unclosed"#, #"\begin{pmatrix"#, #"\hat"#, "^^^__", #"\\\\"#, "}{", "",
    ])
    func malformedInputDoesNotTrap(_ latex: String) {
        _ = MathText.unicode(latex)
        _ = MathText.unicode(latex, subscripts: false)
    }

    @Test func malformedInputKeepsWhatItCan() {
        #expect(u("}}}a") == "a")
        #expect(u(#"a\"#) == #"a\"#)
        #expect(u("a^") == "a^")
        #expect(u("{a + b") == "a + b")
        #expect(u("$x$") == "x")
    }

    @Test func deepNestingDoesNotExhaustTheStack() {
        let braces = String(repeating: "{", count: 20_000) + "x" + String(repeating: "}", count: 20_000)
        #expect(u(braces) == "x")
        _ = u(String(repeating: #"\hat"#, count: 5_000) + "{y}")
        _ = u(String(repeating: #"\frac{"#, count: 5_000))
        _ = u(String(repeating: #"\sqrt["#, count: 5_000))
        _ = u(String(repeating: "x^{", count: 5_000))
    }
}

@Suite struct MathTextArrowTests {
    @Test func anArrowWithALabel() {
        #expect(MathText.unicode(#"a \xrightarrow{\text{Softmax}} b"#) == "a ─Softmax→ b")
        #expect(MathText.unicode(#"a \xrightarrow[below]{f} b"#) == "a ─f→ b")
    }
}

/// Text for a terminal whose locale is not UTF-8.
@Suite struct ASCIITextTests {
    @Test func lettersSymbolsAndAccents() {
        #expect(ASCIIText.transliterated("Δwᵢ = η(y − ŷ)xᵢ") == "Delta w_i = eta(y - y^)x_i")
        #expect(ASCIIText.transliterated("outₕ₁ = 1/(1 + e^(-netₕ₁))") == "out_h1 = 1/(1 + e^(-net_h1))")
        #expect(ASCIIText.transliterated("S(s) = 1/(1 + e^(−γs))") == "S(s) = 1/(1 + e^(-gamma s))")
        #expect(ASCIIText.transliterated("w₅⁺ ≤ 0.5 · ∂E/∂w") == "w_5^+ <= 0.5 * dE/dw")
        let box = ASCIIText.transliterated("│ ─┼─ ✓ ✗")
        #expect(box.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(ASCIIText.transliterated("plain") == "plain")
    }
}
