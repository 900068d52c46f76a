/// LaTeX maths as readable Unicode text, for terminals: the form the course's traces take on screen.
///
/// `out_{h1} = \frac{1}{1 + e^{-net_{h1}}}` becomes `outₕ₁ = 1/(1 + e^(-netₕ₁))`. The rules:
/// - `\frac{a}{b}` is `a/b`; a numerator or denominator that is not a single atom (it has a space or an
///   operator outside parentheses) gets parentheses, and so does a fraction written right against what
///   follows it (`\frac{1}{2}(t - o)^2` → `(1/2)(t - o)²`).
/// - Greek letters, `\partial`, `\sum` (Σ), operators (`\cdot` ·, `\times` ×, `\le` ≤, `\to` →, …) become
///   their characters; operators get a space on each side. `\max`, `\log`, `\tanh` and any unknown
///   command become their name.
/// - `_{…}` and `^{…}` become Unicode sub- and superscripts when every character has one (`w_{5}^{+}` →
///   w₅⁺, `10^{-5}` → 10⁻⁵); otherwise `_h1` / `^(-x)`. With `subscripts` false both are always written
///   that plain way.
/// - `\hat{y}` is y with a combining circumflex (ŷ), `\text{…}`, `\mathrm{…}` and `\operatorname{…}` their
///   content, `\left(` and `\right)` plain parentheses, `\,`, `\;` and `\quad` spaces.
///
/// Spaces are kept as the source has them, runs of spaces become one. Malformed input (unbalanced
/// braces, a trailing backslash, stray `$`) never traps: what cannot be parsed is shown as it is written.
/// Linear in the length of the input.
public enum MathText {
    /// The Unicode form of the LaTeX maths `latex` (without its `$` delimiters).
    public static func unicode(_ latex: String, subscripts: Bool = true) -> String {
        var parser = Parser(Array(latex), scripts: subscripts)
        return parser.document()
    }

    /// Whether `text` reads as one operand: no space or operator outside parentheses.
    static func isAtom(_ text: String) -> Bool {
        if text.isEmpty { return true }
        var depth = 0
        for c in text {
            switch c {
            case "(", "[", "{", "⟨": depth += 1
            case ")", "]", "}", "⟩": depth -= 1
            default: if depth <= 0 && operatorCharacters.contains(c) { return false }
            }
        }
        return true
    }

    /// `text` in parentheses unless it is an atom.
    static func operand(_ text: String) -> String {
        isAtom(text) ? text : "(" + text + ")"
    }

    /// A sub- or superscript: Unicode when allowed and every character has a form, else `_x` / `^(…)`.
    static func script(_ content: String, superscript: Bool, unicode: Bool) -> String {
        let marker = superscript ? "^" : "_"
        let compact = content.filter { $0 != " " }
        if compact.isEmpty { return "" }
        let forms = superscript ? superscriptForms : subscriptForms
        if unicode, compact.allSatisfy({ forms[$0] != nil }) {
            return String(compact.map { forms[$0]! })
        }
        // Plain: one character, or (for subscripts) one word, needs no parentheses.
        if compact.count == 1 || (!superscript && compact.allSatisfy { $0.isLetter || $0.isNumber }) {
            return marker + compact
        }
        return marker + "(" + content + ")"
    }

    /// `text` with the combining `mark` on its first character (or on every one, for over- and underlines).
    static func accent(_ text: String, _ mark: Character, everyCharacter: Bool) -> String {
        guard let first = text.first else { return String(mark) }
        let marked = { (c: Character) in String(c) + String(mark) }
        if everyCharacter { return text.map(marked).joined() }
        return marked(first) + text.dropFirst()
    }
}
