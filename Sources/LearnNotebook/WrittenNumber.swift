import LearnCore
import LearnText
import Foundation

/// A number as a person wrote it, with the precision the writing implies.
///
/// `0.5933` claims four decimals, so it stands for anything within ±0.00005 of 0.5933; `3.51e-5`
/// stands for ±0.005e-5. A whole number without a decimal point (`-3`) is taken as exact.
public struct WrittenNumber: Sendable, Equatable {
    public let text: String
    public let value: Double
    /// Half a unit of the last digit written (0 for a whole number).
    public let halfUnit: Double

    public init?(_ text: String) {
        let t = NumberSyntax.normalized(text)
        guard let value = NumberSyntax.value(t) else { return nil }
        if NumberSyntax.isHexadecimal(t) {
            // A hexadecimal float names one binary number exactly.
            self.text = text
            self.value = value
            halfUnit = 0
            return
        }
        var mantissa = Substring(t), exponent = 0
        if let e = t.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = t[..<e]
            guard let x = Int(t[t.index(after: e)...]) else { return nil }
            exponent = x
        }
        self.text = text
        self.value = value
        if let dot = mantissa.firstIndex(of: ".") {
            let decimals = mantissa.distance(from: dot, to: mantissa.endIndex) - 1
            halfUnit = 0.5 * pow(10, Double(exponent - decimals))
        } else if exponent != 0 {
            halfUnit = 0.5 * pow(10, Double(exponent))
        } else {
            halfUnit = 0
        }
    }

    /// The significant digits written: `0.150` has 3, `3.51e-5` has 3, `0.0042` has 2. Zero written
    /// with decimals (`0.000`) counts its decimals. A whole number (`56`) is exact, whatever its digits.
    public var significantDigits: Int {
        var mantissa = Substring(text.trimmingCharacters(in: .whitespaces))
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) { mantissa = mantissa[..<e] }
        let digits = mantissa.filter(\.isNumber)
        let significant = digits.drop(while: { $0 == "0" })
        if significant.isEmpty {
            guard let dot = mantissa.firstIndex(of: ".") else { return 0 }
            return mantissa[mantissa.index(after: dot)...].filter(\.isNumber).count
        }
        return significant.count
    }

    /// Whether it is a whole number written without a decimal point or exponent: exact.
    public var isExact: Bool { halfUnit == 0 }

    /// Whether `x` rounds to what was written: |x − value| ≤ half a unit of the last digit.
    ///
    /// For a number with decimals, an allowance of 16 units in the last place of the larger number
    /// absorbs the binary representation of both (0.3775 is not exactly representable) and the
    /// rounding of the arithmetic behind `x`: about 2 · 10⁻¹⁵ of the number, below the 15 significant
    /// digits a Double carries, so an answer written with 12, 13 or 14 digits is judged at those digits.
    /// A whole number is exact, and `x` may be one computed with cancellation (10000 · (1 − 0.9977) is
    /// 22.9999999999997 in Double): it matches within 10⁻¹² of its size.
    public func matches(_ x: Double) -> Bool {
        isExact ? abs(x - value) <= 1e-12 * max(1, abs(value)) : abs(x - value) <= halfUnit + 16 * max(x.ulp, value.ulp)
    }
}
