import Foundation

/// How numbers are printed in traces, tables and messages.
///
/// The decks print their numbers to 9 decimal places (`0.593269992`, `0.082167041`, `1.105905967`), so
/// that is the default: `digits` decimal places with trailing zeros dropped (`0.3775`, `0.74136507`).
/// Numbers too small for that to keep their digits (below 10⁻⁴ in magnitude, or whatever `digits`
/// decimals would round to zero) are printed in scientific notation with `digits` significant digits
/// (`3.51018778e-5`), and so are very large ones. No number is printed with more than the 17
/// significant digits a Double has.
public struct NumberFormat: Sendable, Equatable {
    /// Decimal places for ordinary numbers; significant digits for scientific notation.
    public var digits: Int

    public init(digits: Int = 9) {
        precondition(digits >= 1 && digits <= 17, "NumberFormat: digits must be 1...17, got \(digits)")
        self.digits = digits
    }

    /// The text of `x` under this format.
    public func string(_ x: Double) -> String {
        if x.isNaN { return "undefined" }  // no number: the word a reader understands, never "nan"
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        let smallest = max(1e-4, 0.5 * pow(10, Double(-digits)))
        if magnitude >= smallest && magnitude < 1e15 {
            // At most 17 significant digits, all a Double has: 500000000000.023560026 would print
            // digits beyond it (…02355957).
            let integerDigits = Int(log10(magnitude).rounded(.down)) + 1
            let fixed = trimmed(String(format: "%.*f", min(digits, max(0, 17 - integerDigits)), x))
            if fixed != "0" && fixed != "-0" { return fixed }
        }
        return scientific(x)
    }

    /// `x` in scientific notation with `digits` significant digits: `3.51018778e-5`.
    public func scientific(_ x: Double) -> String {
        let text = String(format: "%.*e", digits - 1, x)
        guard let e = text.firstIndex(of: "e") else { return text }
        let mantissa = trimmed(String(text[..<e]))
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        return "\(mantissa)e\(exponent)"
    }

    private func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.last == "0" { t.removeLast() }
        if t.last == "." { t.removeLast() }
        return String(t)
    }
}
