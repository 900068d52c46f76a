import Foundation

/// Text for a terminal that cannot show Unicode (a locale that is not UTF-8, such as `LANG=C`): Greek
/// letters spelled out, sub- and superscripts written with `_` and `^`, operators and box drawing as
/// their ASCII look-alikes, accents dropped; anything else becomes `?`.
public enum ASCIIText {
    static let replacements: [Character: String] = [
        "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta", "θ": "theta",
        "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma",
        "ς": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
        "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Π": "Pi", "Σ": "Sum", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
        "′": "'", "″": "''",
        "·": "*", "×": "x", "÷": "/", "−": "-", "–": "-", "—": "--", "±": "+/-", "∓": "-/+", "…": "...", "⋯": "...",
        "≤": "<=", "≥": ">=", "≠": "!=", "≈": "~", "∼": "~", "≡": "==", "→": "->", "←": "<-", "⇒": "=>", "⇔": "<=>",
        "↔": "<->", "⟶": "-->", "∂": "d", "∇": "grad", "∞": "inf", "√": "sqrt", "∈": " in ", "∑": "Sum", "∏": "Prod",
        "‖": "||", "⟨": "<", "⟩": ">", "⌊": "floor(", "⌋": ")", "⌈": "ceil(", "⌉": ")", "°": " deg", "ℝ": "R",
        "‘": "'", "’": "'", "“": "\"", "”": "\"", "«": "\"", "»": "\"", "\u{00A0}": " ", "\u{2009}": " ", "\u{202F}": " ",
        "✓": "ok", "✗": "X", "✔": "ok", "✘": "X", "•": "*", "◦": "-", "▪": "+", "●": "*", "○": "o", "◆": "+",
        "◇": "x", "▲": "^", "■": "#", "⚑": "!",
        "│": "|", "┃": "|", "─": "-", "━": "-", "═": "=", "┈": "-", "┼": "+", "└": "+", "┘": "+", "┌": "+", "┐": "+",
        "├": "+", "┤": "+", "┬": "+", "┴": "+", "▕": "|", "▏": "|", "█": "#", "▀": "\"", "▄": ".", "░": ":", "▒": "=",
        "▓": "#", "⏎": "Enter",
    ]

    /// Sub- and superscript characters and what they stand for.
    static let subscripts: [Character: Character] = [
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
        "₊": "+", "₋": "-", "₌": "=", "₍": "(", "₎": ")", "ₐ": "a", "ₑ": "e", "ₕ": "h", "ᵢ": "i", "ⱼ": "j", "ₖ": "k",
        "ₗ": "l", "ₘ": "m", "ₙ": "n", "ₒ": "o", "ₚ": "p", "ᵣ": "r", "ₛ": "s", "ₜ": "t", "ᵤ": "u", "ᵥ": "v", "ₓ": "x",
    ]
    static let superscripts: [Character: Character] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        "⁺": "+", "⁻": "-", "⁼": "=", "⁽": "(", "⁾": ")", "ⁿ": "n", "ⁱ": "i",
    ]

    /// `text` in ASCII: a run of subscripts is written after `_` (wₕ₁ → w_h1), of superscripts after `^`.
    public static func transliterated(_ text: String) -> String {
        guard !text.allSatisfy(\.isASCII) else { return text }
        var out = ""
        let characters = Array(text)
        for (k, c) in characters.enumerated() {
            if c.isASCII { out.append(c); continue }
            let previous = k > 0 ? characters[k - 1] : " "
            if let sub = subscripts[c] {
                if subscripts[previous] == nil { out.append("_") }
                out.append(sub)
                continue
            }
            if let sup = superscripts[c] {
                if superscripts[previous] == nil { out.append("^") }
                out.append(sup)
                continue
            }
            if let r = replacements[c] {
                // A letter spelled out keeps apart from the letters beside it: γs is "gamma s", not "gammas".
                if r.count > 1, r.allSatisfy(\.isLetter) {
                    if let last = out.last, last.isLetter { out.append(" ") }
                    out += r
                    if k + 1 < characters.count, characters[k + 1].isLetter { out.append(" ") }
                } else {
                    out += r
                }
                continue
            }
            // A letter with accents: the letter, with a hat or tilde marked as such (ŷ → y^, h̃ → h~, é → e).
            let scalars = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
            let base = scalars.filter(\.isASCII)
            if !base.isEmpty {
                out += String(String.UnicodeScalarView(base))
                if scalars.contains("\u{0302}") { out += "^" }
                if scalars.contains("\u{0303}") { out += "~" }
                continue
            }
            if let first = c.unicodeScalars.first, let r = replacements[Character(first)] { out += r; continue }
            out += "?"
        }
        return out
    }
}
