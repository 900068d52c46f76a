import Testing
import LearnCore
import LearnCourse
import LearnText
@testable import LearnNotebook

/// `learn exercise`'s sheets and keys: the same seed gives the same documents, different seeds different
/// ones; the key's answers are the variant's own numbers, written in the `--answers` format so that each is
/// the true value at the precision printed; the sheet holds no answer; a run's prefix names everything.
@Suite struct ExerciseSheetTests {
    static let library = LessonLibrary()
    /// Every lesson with an exercise (none reads a dataset: an exercise runs only its own derivation).
    static let lessons = ExerciseSheet.lessons(in: library)

    func sheet(_ lesson: String, _ seed: UInt64) throws -> ExerciseSheet {
        try ExerciseSheet(lesson: try Self.library.lesson(lesson), seed: seed)
    }

    /// The lines of the key's code block under "Answers".
    static func answerLines(_ key: Document) -> [String] {
        let blocks = key.parts.flatMap(\.blocks)
        guard let heading = blocks.firstIndex(where: { if case .heading(2, [.text("Answers")]) = $0 { return true } else { return false } }),
              case .code(_, let lines)? = blocks[(heading + 1)...].first else { return [] }
        return lines
    }

    /// The lines as `learn verify --answers` reads them: `#` starts a comment, blank lines are skipped.
    static func answers(_ lines: [String]) -> [Argument] {
        lines.compactMap { line in
            let text = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 ? Argument(name: parts[0], value: parts[1]) : nil
        }
    }

    @Test func everyLessonWithAnExerciseIsListed() {
        let listed = ExerciseSheet.lessons(in: Self.library)
        for name in ["backprop", "neuron", "perceptron", "activations", "softmax", "sigmoid-derivative", "gradient-descent",
                     "delta-rule", "rprop", "optimizers", "convolution", "mnist-cnn", "rnn"] {
            #expect(listed.contains(name), "\(name)")
        }
        #expect(!listed.contains("xor") && !listed.contains("history"))
    }

    @Test(arguments: lessons)
    func theSameSeedGivesTheSameSheetAndKey(_ lesson: String) throws {
        let style = TerminalStyle(colour: false, width: 80)
        for seed: UInt64 in [0, 7, 123_456_789] {
            let a = try sheet(lesson, seed), b = try sheet(lesson, seed)
            for (x, y) in [(a.sheet, b.sheet), (a.key, b.key)] {
                #expect(TerminalRenderer(style: style).render(x) == TerminalRenderer(style: style).render(y))
                #expect(MarkdownRenderer().render(x) == MarkdownRenderer().render(y))
                #expect(HTMLRenderer().render(x) == HTMLRenderer().render(y))
            }
            #expect(a.givens == b.givens)
            #expect(a.sheet.title.hasSuffix("exercise, seed \(seed)"))
            #expect(a.key.title.contains("exercise, seed \(seed)"))
            #expect(a.sheet.changes.isEmpty && a.key.changes.isEmpty, "no --set banner: the variant's values are the run's")
        }
    }

    @Test(arguments: lessons)
    func differentSeedsGiveDifferentSheets(_ lesson: String) throws {
        let texts = try (1...6).map { try MarkdownRenderer().render(sheet(lesson, UInt64($0)).sheet) }
        #expect(Set(texts).count == texts.count)
    }

    @Test(arguments: lessons)
    func theKeysAnswersAreTheVariantsTrueValues(_ lesson: String) throws {
        for seed: UInt64 in [1, 7, 99] {
            let s = try sheet(lesson, seed)
            let lines = Self.answerLines(s.key)
            #expect(lines.contains("# seed: \(seed)"))
            let answers = Self.answers(lines)
            #expect(answers.map(\.name) == s.asked, "the key answers every asked quantity, in order")
            for a in answers {
                let q = try #require(s.key.quantity(a.name))
                #expect(q.value.bitPattern == s.variant.trace.value(a.name)!.bitPattern, "\(a.name): the variant's own value")
                let written = try #require(WrittenNumber(a.value))
                #expect(written.matches(q.value), "\(lesson) seed \(seed): \(a.name) = \(a.value) is not \(q.value) at its precision")
                let digits = a.value.drop { !("1"..."9").contains($0) }.prefix { $0 != "e" }.filter(\.isNumber).count
                #expect(q.value == q.value.rounded() || digits >= 3, "\(a.name) = \(a.value): at least three significant digits")
            }
            // `learn verify` against the variant (what `--seed N` checks): every answer of the key is right.
            for v in try Verifier(document: s.key).check(answers) {
                #expect(v.judgement == .right, "\(lesson) seed \(seed): \(v.name) = \(v.written.text) is judged \(v.judgement)")
            }
        }
    }

    @Test func theGivensAreTheVariantsValues() throws {
        let s = try sheet("backprop", 7)
        let exercise = try #require(Backprop.exercise)
        #expect(s.givens.map(\.name) == exercise.givens)
        for g in s.givens {
            #expect(Double(g.value) == s.variant.parameters[g.name], "\(g.name) = \(g.value)")
            #expect(!g.meaning.isEmpty)
        }
        let arguments = Dictionary(uniqueKeysWithValues: s.variant.arguments.map { ($0.name, $0.value) })
        #expect(arguments["steps"] == "0" && arguments["biases"] == "frozen")
        let markdown = MarkdownRenderer().render(s.sheet)
        for g in s.givens { #expect(markdown.contains("\(g.name) = \(g.value)")) }
    }

    @Test func givenQuantitiesFollowTheParameters() throws {
        let s = try sheet("gradient-descent", 3)
        let names = s.givens.map(\.name)
        #expect(names.suffix(8) == ["x_1", "d_1", "x_2", "d_2", "x_3", "d_3", "x_4", "d_4"])
        for g in s.givens.suffix(8) { #expect(Double(g.value) == s.key.quantity(g.name)?.value, "\(g.name)") }
        #expect(!Set(names).intersection(s.asked).isEmpty == false, "a given is not asked")
    }

    @Test func theSheetAsksWithoutAnswering() throws {
        let s = try sheet("backprop", 7)
        #expect(s.sheet.quantities.isEmpty)
        let text = TerminalRenderer(style: TerminalStyle(colour: false, width: 100)).render(s.sheet)
        for name in s.asked { #expect(text.contains("\(name) = ______"), "\(name)") }
        for q in s.key.quantities where s.asked.contains(q.name) {
            let answer = ExerciseSheet.answer(q.value)
            #expect(!text.contains(answer), "the sheet shows \(q.name)'s answer \(answer)")
        }
        let markdown = MarkdownRenderer().render(s.sheet)
        #expect(markdown.contains("Check it: `learn verify backprop --seed 7 net_h1=… out_h1=… …`"))
        #expect(markdown.contains("`learn verify backprop --seed 7 --answers FILE`"))
    }

    @Test func theKeyShowsTheWorkedSolution() throws {
        let s = try sheet("backprop", 7)
        let steps = s.key.parts.flatMap(\.blocks).compactMap { if case .step(let step) = $0 { return step.name } else { return nil } }
        #expect(steps.first == "net_h1")
        #expect(Set(s.asked).isSubset(of: Set(steps)), "every asked quantity is a step of the worked solution")
        #expect(!steps.contains("E_after_1"), "no training run: only the exercise's sections")
        #expect(s.key.checks.isEmpty)
    }

    @Test func aPrefixedRunNamesTheExercisesQuantities() throws {
        let text = "---\ntitle: T\nsummary: S\ndeck: D\n---\n```learn\nrun perceptron-training gate=AND as and\n```\n\n```learn\nrun perceptron-update as p\nshow update\n```\n"
        let lesson = try LessonParser.parse(text, name: "t", file: "t.md")
        let s = try ExerciseSheet(lesson: lesson, seed: 3)
        #expect(s.derivation == "perceptron-update" && s.prefix == "p")
        #expect(s.asked.first == "p.v" && s.asked.allSatisfy { $0.hasPrefix("p.") })
        #expect(s.key.quantity("p.w0+") != nil)
        #expect(Self.answers(Self.answerLines(s.key)).map(\.name) == s.asked)
    }

    @Test func aLessonWithoutAnExerciseSaysWhichHaveOne() throws {
        #expect(throws: ExerciseError.self) { try sheet("xor", 1) }
        do { _ = try sheet("history", 1) } catch let error as ExerciseError {
            guard case .noExercise(let lesson, let others) = error else { return }
            #expect(lesson == "history")
            #expect(others.contains("backprop") && others.contains("softmax"))
            #expect(error.description.hasPrefix("lesson 'history' has no exercise (lessons with one: "))
        }
    }

    @Test func answersCarryThreeSignificantDigits() {
        #expect(ExerciseSheet.answer(0.25) == "0.250")
        #expect(ExerciseSheet.answer(-0.5) == "-0.500")
        #expect(ExerciseSheet.answer(1.5) == "1.50")
        #expect(ExerciseSheet.answer(12.5) == "12.5")
        #expect(ExerciseSheet.answer(0.3775) == "0.3775")
        #expect(ExerciseSheet.answer(-2) == "-2")
        #expect(ExerciseSheet.answer(26) == "26")
        #expect(ExerciseSheet.answer(2.0000000001) == "2.00", "not whole, though it prints as 2")
        #expect(ExerciseSheet.answer(3.51018778e-5) == "3.51018778e-5")
        #expect(ExerciseSheet.answer(0.593269992107) == "0.593269992")
    }
}
