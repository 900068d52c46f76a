import Testing
import LearnCore

@Suite struct FormulaTests {
    /// net_h1 = w1·i1 + w2·i2 + b1, as the issue and the deck write it.
    let netH1: Formula = .sum([.product(["w1", "i1"]), .product(["w2", "i2"]), "b1"])

    @Test func plainTextReadsLikeTheSlides() {
        #expect(netH1.plainText() == "w1·i1 + w2·i2 + b1")
        let values = ["w1": 0.15, "i1": 0.05, "w2": 0.20, "i2": 0.10, "b1": 0.35]
        #expect(netH1.substituting { values[$0] }.plainText() == "0.15·0.05 + 0.2·0.1 + 0.35")
        #expect(netH1.evaluated { values[$0] }! == 0.15 * 0.05 + 0.20 * 0.10 + 0.35)
    }

    @Test func latexUsesSubscripts() {
        #expect(netH1.latex() == "w_{1} \\cdot i_{1} + w_{2} \\cdot i_{2} + b_{1}")
        #expect(Formula.derivative(of: "E_total", withRespectTo: "w5").latex() == "\\frac{\\partial E_{\\text{total}}}{\\partial w_{5}}")
    }

    @Test func parenthesesOnlyWhereNeeded() {
        let f: Formula = .negation(.difference("target_o1", "out_o1"))
        #expect(f.plainText() == "-(target_o1 - out_o1)")
        #expect(Formula.product([0.5, .number(-0.02)]).plainText() == "0.5·(-0.02)")
        #expect(Formula.difference(1, .difference("a", "b")).plainText() == "1 - (a - b)")
        #expect(Formula.sum(["a", .number(-2)]).plainText() == "a - 2")
        #expect(Formula.quotient(1, .sum([1, .power("e", .negation("x"))])).plainText() == "1/(1 + e^(-x))")
    }

    @Test func scientificNumbersInLatex() {
        #expect(Formula.number(3.5e-5).latex() == "3.5 \\times 10^{-5}")
    }

    @Test func derivativesAreLookedUpByKey() {
        let chain: Formula = .product([.derivative(of: "E", withRespectTo: "y"), .derivative(of: "y", withRespectTo: "x")])
        let values = ["dE/dy": 2.0, "dy/dx": 3.0]
        #expect(chain.evaluated { values[$0] } == 6)
        #expect(chain.substituting { values[$0] }.plainText() == "2·3")
    }
}

@Suite struct SymbolTests {
    @Test func namesBecomeTypesetSymbols() {
        #expect(Symbol.latex("w5") == "w_{5}")
        #expect(Symbol.latex("net_h1") == "\\mathrm{net}_{h1}")
        #expect(Symbol.latex("w5+") == "w_{5}^{+}")
        #expect(Symbol.latex("δ_o1") == "\\delta_{o1}")
        #expect(Symbol.latex("eta") == "\\eta")
        #expect(Symbol.latex("y_hat") == "\\hat{y}")
        #expect(Symbol.latex("E_total") == "E_{\\text{total}}")
        #expect(Symbol.latex("target_o1") == "\\mathrm{target}_{o1}")
        #expect(Symbol.latex("E_after_1") == "E_{\\text{after\\_1}}")
    }
}

@Suite struct TraceTests {
    @Test func stepsAreQuantitiesInSections() {
        var trace = Trace()
        trace.section = "forward"
        trace.add(Step("a", value: 1))
        trace.section = "error"
        trace.add(Step("b", value: 2))
        trace.record("c", 3)
        trace.record("a", 4)
        #expect(trace.sections == ["forward", "error"])
        #expect(trace.names == ["a", "b", "c"])
        #expect(trace.value("a") == 4)
        #expect(trace.items(in: ["error"]).count == 1)
        #expect(trace.step("b")?.value == 2)
    }
}

@Suite struct SplitMix64Tests {
    /// The first outputs for seed 1234567, from the reference C implementation (Vigna's splitmix64.c).
    @Test func matchesTheReferenceSequence() {
        var g = SplitMix64(seed: 1234567)
        #expect(g.next() == 6457827717110365317)
        #expect(g.next() == 3203168211198807973)
        #expect(g.next() == 9817491932198370423)
    }

    /// Jumping ahead by n gives what n draws would have left, also past the 64-bit wrap of the counter.
    @Test func advancedSkipsDraws() {
        for (seed, n) in [(UInt64(1234567), 2), (UInt64.max - 3, 1000), (42, 0)] {
            var stepped = SplitMix64(seed: seed)
            for _ in 0..<n { _ = stepped.next() }
            var jumped = SplitMix64(seed: seed).advanced(by: n)
            #expect(jumped.next() == stepped.next())
        }
        var g = SplitMix64(seed: 1234567).advanced(by: 2)
        #expect(g.next() == 9817491932198370423)
    }
}

@Suite struct DrchalSymbolTests {
    @Test func superscriptsAfterACaret() {
        #expect(Symbol.latex("w_12^2") == "w_{12}^{2}")
        #expect(Symbol.latex("y_k^o") == "y_{k}^{o}")
        #expect(Symbol.latex("δ_k^h") == "\\delta_{k}^{h}")
    }
}
