import Testing
import LearnCore

/// The decks print nine decimal places; these are the deck's own renderings of its numbers.
@Suite struct NumberFormatTests {
    let format = NumberFormat()

    @Test func printsNineDecimalsLikeTheDeck() {
        #expect(format.string(0.5932699921071872) == "0.593269992")
        #expect(format.string(1.10590596705977) == "1.105905967")
        #expect(format.string(0.0821670405642) == "0.082167041")
        #expect(format.string(0.023560025583847746) == "0.023560026")
    }

    @Test func dropsTrailingZeros() {
        #expect(format.string(0.3775) == "0.3775")
        #expect(format.string(0.74136507) == "0.74136507")
        #expect(format.string(-3) == "-3")
        #expect(format.string(0) == "0")
        #expect(format.string(-0.0) == "0")
    }

    @Test func tinyNumbersUseScientificNotationWithSignificantDigits() {
        #expect(format.string(3.510187782978859e-05) == "3.51018778e-5")
        #expect(format.string(-2.5e-7) == "-2.5e-7")
        #expect(format.string(0.000438567615) == "0.000438568")
    }

    @Test func fewerDigitsOnRequest() {
        let four = NumberFormat(digits: 4)
        #expect(four.string(0.593269992) == "0.5933")
        #expect(four.string(0.00004) == "4e-5")
        #expect(four.string(123456.5) == "123456.5")
        // No more than the 17 significant digits a Double has, whatever the decimals asked for.
        #expect(format.string(500000000000.023560026) == "500000000000.02356")
        #expect(NumberFormat(digits: 17).string(0.1) == "0.10000000000000001")
    }

    @Test func nonFiniteNumbers() {
        #expect(format.string(.nan) == "undefined")
        #expect(format.string(.infinity) == "inf")
        #expect(format.string(-.infinity) == "-inf")
    }
}
