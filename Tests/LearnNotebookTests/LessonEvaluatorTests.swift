import Testing
import LearnCore
import LearnText
@testable import LearnNotebook

@Suite struct LessonEvaluatorTests {
    func lesson(_ body: String) throws -> Lesson {
        try LessonParser.parse("---\ntitle: T\nsummary: S\ndeck: D\n---\n" + body, name: "t", file: "t.md")
    }

    func failure(_ body: String, overrides: [Argument] = []) -> String {
        do { _ = try LessonEvaluator(overrides: overrides).evaluate(try lesson(body)); return "no error" } catch { return "\(error)" }
    }

    @Test func expectationsAreCheckedAtTheirPrecision() throws {
        let d = try LessonEvaluator().evaluate(try lesson("```learn\nrun backprop steps=1\nshow forward\nexpect out_h1 = 0.5933\nexpect out_h1 = 0.5934\n```\n"))
        #expect(d.checks.map(\.passed) == [true, false])
        #expect(d.failures.count == 1)
        #expect(d.failures[0].location == "t.md:10")
        let steps = d.parts.flatMap(\.blocks).compactMap { if case .step(let s) = $0 { return s } else { return nil } }
        #expect(steps.map(\.name) == ["net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2"])
        #expect(steps[0].forms[0] == .sum([.product(["w1", "i1"]), .product(["w2", "i2"]), "b1"]))
        // out_o1 = σ(net_o1) depends on net_o1; net_o1 on the hidden outputs (weights are parameters, not quantities).
        #expect(steps[5].dependencies == ["net_o1"])
        #expect(Set(steps[4].dependencies) == ["out_h1", "out_h2"])
    }

    @Test func overridesChangeTheNumbersAndSkipTheChecks() throws {
        let d = try LessonEvaluator(overrides: [Argument(name: "i1", value: "0.2")])
            .evaluate(try lesson("```learn\nrun backprop steps=1\nexpect net_h1 = 0.3775\n```\n"))
        #expect(d.changes == [ParameterChange(name: "i1", meaning: "input i1", value: "0.2", slides: "0.05")])
        #expect(d.checks.allSatisfy { $0.skipped })
        #expect(abs(d.quantity("net_h1")!.value - (0.15 * 0.2 + 0.2 * 0.1 + 0.35)) < 1e-15)
    }

    @Test func prefixesNameQuantities() throws {
        let d = try LessonEvaluator().evaluate(try lesson("```learn\nrun perceptron-training gate=AND as and\nrun perceptron-training gate=XOR as xor\n```\n"))
        #expect(d.quantity("and.converged")?.value == 1)
        #expect(d.quantity("xor.converged")?.value == 0)
    }

    /// A name means one quantity in a lesson: a second run computing it needs a prefix; repeating a run
    /// returns to it.
    @Test func namesAreUniqueInALesson() throws {
        #expect(failure("```learn\nrun perceptron-training gate=AND\nrun perceptron-training gate=OR\n```\n")
                .hasPrefix("t.md:8: this run computes 'epochs', as the run of line 7 does"))
        let d = try LessonEvaluator().evaluate(try lesson("```learn\nrun backprop steps=1\nshow forward\nrun backprop steps=1\nshow error\n```\n"))
        #expect(d.quantities.filter { $0.name == "out_h1" }.count == 1)
    }

    @Test func badLessonsAndBadOverrides() {
        #expect(failure("```learn\nshow forward\n```\n") == "t.md:7: 'show' before any 'run'")
        #expect(failure("```learn\nrun nothing\n```\n").hasPrefix("t.md:7: unknown derivation 'nothing'"))
        #expect(failure("```learn\nrun backprop steps=1\nshow nowhere\n```\n").hasPrefix("t.md:8: show: backprop has no section or step 'nowhere'"))
        #expect(failure("```learn\nrun backprop steps=1\nexpect nothing = 1\n```\n").hasPrefix("t.md:8: expect: backprop has no quantity 'nothing'"))
        #expect(failure("```learn\nrun backprop eta=fast\n```\n") == "t.md:7: bad value 'fast' for eta: expected a number")
        #expect(failure("```learn\nrun backprop\n```\n", overrides: [Argument(name: "zeta", value: "1")]).hasPrefix("lesson 't' has no parameter 'zeta'"))
        #expect(failure("```learn\nrun backprop\n```\n", overrides: [Argument(name: "steps", value: "-4")])
                == "steps=-4: bad value '-4' for steps: expected a whole number from 0 to 200000")
    }
}

@Suite struct WrittenNumberTests {
    @Test func precisionFromTheDigitsWritten() throws {
        let n = try #require(WrittenNumber("0.5933"))
        #expect(n.matches(0.593269992))
        #expect(!WrittenNumber("0.5934")!.matches(0.593269992))
        #expect(WrittenNumber("3.51e-5")!.matches(3.5102e-5))
        #expect(!WrittenNumber("3.52e-5")!.matches(3.5102e-5))
        #expect(WrittenNumber("0.3775")!.matches(0.15 * 0.05 + 0.2 * 0.1 + 0.35))
        #expect(WrittenNumber("−3")!.matches(-3))
        #expect(!WrittenNumber("-3")!.matches(-3.2))
        #expect(WrittenNumber("abc") == nil)
        #expect(WrittenNumber("1/2") == nil)
        #expect(WrittenNumber("nan") == nil)
    }
}

@Suite struct LessonLibraryTests {
    @Test func nearestNames() {
        let names = ["backprop", "perceptron", "rprop", "sigmoid-derivative"]
        #expect(LessonLibrary.nearest(to: "backprob", in: names).first == "backprop")
        #expect(LessonLibrary.nearest(to: "sigmoid", in: names) == ["sigmoid-derivative"])
        #expect(LessonLibrary.nearest(to: "zzzzzzzzzz", in: names).isEmpty)
    }
}

@Suite struct OverrideRobustnessTests {
    /// With steps = 0 there is no training section and no E_after_1: the lesson still runs.
    @Test func aLearnersParametersMayRemoveSections() throws {
        let lesson = try LessonParser.parse("---\ntitle: T\nsummary: S\ndeck: D\n---\n```learn\nrun backprop\nshow training\nexpect E_after_1 = 0.291027774\n```\n",
                                            name: "t", file: "t.md")
        let d = try LessonEvaluator(overrides: [Argument(name: "steps", value: "0")]).evaluate(lesson)
        #expect(d.checks.allSatisfy { $0.skipped })
        #expect(d.parts.flatMap(\.blocks).contains { block in
            if case .paragraph(let text) = block { return text == [.emphasis([.text("(Nothing to show here for these parameters.)")])] }
            return false
        })
    }
}
