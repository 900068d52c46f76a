import Testing
import LearnCore

/// Text as people's files and command lines bring it: Windows line ends, Unicode minus, hexadecimal.
@Suite struct TextInputTests {
    @Test func linesEndWithLFOrCRLFOrCR() {
        #expect("a\r\nb\nc\rd".textLines == ["a", "b", "c", "d"])
        #expect("a\r\n\r\nb\r\n".textLines == ["a", "", "b", ""])
        #expect("one line".textLines == ["one line"])
    }

    @Test func numbersAreReadTheSameEverywhere() {
        #expect(NumberSyntax.value("−0.05") == -0.05)
        #expect(NumberSyntax.value(" 3.51e-5 ") == 3.51e-5)
        #expect(NumberSyntax.value("0x1.8p-2") == 0.375)
        #expect(NumberSyntax.value("-0x10") == -16)
        for bad in ["nan", "inf", "-infinity", "1e999", "1e-999", "-2.5e-400", "1e-320", "0.5x", "", "1,5", "٣"] {
            #expect(NumberSyntax.value(bad) == nil, "\(bad)")
        }
        // Zero written any way is zero; tiny numbers a Double holds in full are numbers.
        for zero in ["0", "0.000", "-0.0", "0e5", "0.0e-999"] { #expect(NumberSyntax.value(zero) == 0, "\(zero)") }
        #expect(NumberSyntax.value("2.5e-300") == 2.5e-300)
    }
}
