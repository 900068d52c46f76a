/// How `learn` reads a number a person typed (`--set`, `learn verify`, answer sheets), the same everywhere:
/// an ASCII or Unicode minus (`−0.5`), decimals with an optional exponent (`3.51e-5`), or a hexadecimal
/// float (`0x1.8p3`); spaces around it are ignored. `nan` and `inf` are not numbers here.
public enum NumberSyntax {
    /// The text with its minus signs made ASCII and the spaces around it removed.
    public static func normalized(_ text: String) -> String {
        String(text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
            .replacingOccurrences(of: "\u{2212}", with: "-")
    }

    /// Whether the (normalized) text is a hexadecimal float: `0x…`, `-0x…`.
    public static func isHexadecimal(_ normalized: String) -> Bool {
        let body = normalized.hasPrefix("-") || normalized.hasPrefix("+") ? normalized.dropFirst() : Substring(normalized)
        return body.lowercased().hasPrefix("0x")
    }

    /// The value of `text`, or nil when it is not a finite number in this syntax.
    public static func value(_ text: String) -> Double? {
        let t = normalized(text)
        guard !t.isEmpty else { return nil }
        let allowed: (Character) -> Bool = isHexadecimal(t)
            ? { $0.isHexDigit || "+-.xXpP".contains($0) }
            : { $0.isNumber && $0.isASCII || "+-.eE".contains($0) }
        guard t.allSatisfy(allowed), let x = Double(t), x.isFinite else { return nil }
        // Too small for a Double (1e-999 would read as 0, 1e-320 as a denormal that has lost digits):
        // no more a number this program can hold than 1e999 is.
        if !isHexadecimal(t) {
            let mantissa = t.prefix { $0 != "e" && $0 != "E" }
            let nonZero = mantissa.contains { $0.isNumber && $0 != "0" }
            if nonZero && (x == 0 || !x.isNormal) { return nil }
        }
        return x
    }
}
