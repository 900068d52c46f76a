import Foundation
import LearnCore
import Testing
@testable import LearnText

/// A printed step holds at its printed precision: the line of numbers, recomputed from the numbers as
/// printed, gives the printed value; where the base format's decimals are too few for that, the line of
/// numbers gets more, and the rest of the step keeps the base format.
@Suite struct StepPrecisionTests {
    @Test func aFiniteDifferenceShowsTheDigitsItsDifferenceNeeds() {
        // E(w + h) and E(w − h) agree to 9 decimals; their difference over 2h is −3.68850506e-5.
        let (plus, minus) = (0.415104781711206, 0.4151047817849761)
        let value = (plus - minus) / (2 * 1e-6)
        let numbers = Formula.quotient(.parentheses(.difference(.number(plus), .number(minus))), .parentheses(.product([2, 1e-6])))
        let step = DocumentStep(name: "g", symbol: "g", forms: [.quotient(.difference("Ep", "Em"), .product([2, "h"])), numbers],
                                value: value, note: nil, dependencies: [])
        let base = NumberFormat()
        #expect(base.string(plus) == base.string(minus), "at 9 decimals the two print alike")
        let formats = step.printedForms(base).map(\.format)
        #expect(formats[0] == base)
        #expect(formats[1].digits > 9)
        let printed = numbers.mappingNumbers { Double(formats[1].string($0))! }.evaluated { _ in nil }!
        #expect(abs(printed - value) <= 1e-8 * abs(value))
        let line = FormulaText.flat(FormulaText().step(symbol: "g", forms: step.forms, result: step.result, formats: formats))
        #expect(line.hasSuffix(" = -3.68850506×10⁻⁵"), "\(line)")
        #expect(!line.contains("(0.415104782 - 0.415104782)"), "\(line)")
    }

    @Test func aProductAtThreeDecimalsGetsAFourth() {
        // 0.0364 · 0.2413 · 0.05 = 4.39166e-4; at 3 decimals the factors print 0.036 and 0.241, whose
        // product with 0.05 is 4.338e-4, not the 4.39e-4 printed.
        let numbers = Formula.product([0.03640, 0.24130, 0.05])
        let value = 0.03640 * 0.24130 * 0.05
        let step = DocumentStep(name: "d", symbol: "d", forms: [numbers], value: value, note: nil, dependencies: [])
        let formats = step.printedForms(NumberFormat(digits: 3)).map(\.format)
        #expect(formats.map(\.digits) == [4])
        #expect(FormulaText(format: NumberFormat(digits: 3)).string(numbers) == "0.036 · 0.241 · 0.05")
    }

    @Test func aSumWhosePrintedTermsMissTheLastDigitGetsMore() {
        // 0.2679765006 + 0.0230512716 = 0.2910277722 prints …772, but the terms print 0.267976501 and
        // 0.023051272, whose sum is …773: the line gets a tenth decimal.
        let (a, b) = (0.2679765006, 0.0230512716)
        let step = DocumentStep(name: "s", symbol: "s", forms: [.sum([.number(a), .number(b)])], value: a + b, note: nil, dependencies: [])
        #expect(NumberFormat().string(a + b) == "0.291027772")
        #expect(step.printedForms(NumberFormat()).map(\.format).map(\.digits) == [10])
    }

    @Test func aFormWithANumberThatIsNoneIsNotShown() {
        // e^1000 overflows: the line of numbers would print inf; the symbols and the value remain.
        let step = DocumentStep(name: "p", symbol: "p", forms: [.quotient(.symbol("a"), .symbol("S")), .quotient(.number(1), .number(.infinity))],
                                value: 0, note: nil, dependencies: [])
        #expect(step.shownForms == [.quotient(.symbol("a"), .symbol("S"))])
        #expect(!FormulaText.flat(FormulaText().step(symbol: "p", forms: step.shownForms, result: step.result)).contains("inf"))
    }

    @Test func aLineThatCannotGiveTheValueIsNotPrinted() {
        // L = −ln(p₁) computed the stable way is 998.8 where p₁ underflows to 0: "−ln(0) = 998.8" is
        // false at any precision, so only the symbolic form is printed.
        let step = DocumentStep(name: "L", symbol: "L", forms: [.negation(.function("ln", [.symbol("p1")])), .negation(.function("ln", [.number(0)]))],
                                value: 998.8, note: nil, dependencies: [])
        #expect(step.printedForms(NumberFormat()).map(\.form) == [.negation(.function("ln", [.symbol("p1")]))])
    }

    @Test func aLineThatHoldsKeepsTheBaseFormat() {
        // 0.15 · 0.05 + 0.2 · 0.1 + 0.35 = 0.3775 exactly as printed.
        let numbers = Formula.sum([.product([0.15, 0.05]), .product([0.2, 0.1]), 0.35])
        let step = DocumentStep(name: "n", symbol: "n", forms: [numbers], value: 0.3775, note: nil, dependencies: [])
        #expect(step.printedForms(NumberFormat()).map(\.format) == [NumberFormat()])
    }
}
