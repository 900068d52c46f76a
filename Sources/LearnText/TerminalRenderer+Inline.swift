import Foundation
import LearnCore

extension TerminalRenderer {
    /// Inline content as styled text, every run also carrying `attributes`. Maths may break only next
    /// to a relation or operator (`=`, `+`, `−`, `·`, …) outside parentheses; a formula or number never.
    func styled(_ inlines: [Inline], _ attributes: TerminalStyle.Attributes = []) -> StyledText {
        var out = StyledText()
        append(inlines, attributes, to: &out)
        return out
    }

    private func append(_ inlines: [Inline], _ attributes: TerminalStyle.Attributes, to out: inout StyledText) {
        for inline in inlines {
            switch inline {
            case .text(let t):
                out.append(style.characters(t), attributes)
            case .emphasis(let inner):
                append(inner, attributes.union(.italic), to: &out)
            case .strong(let inner):
                append(inner, attributes.union(.bold), to: &out)
            case .code(let c):
                // A long command may break at its spaces rather than run past the edge.
                out.append(style.characters(c), attributes.union(.code), breakable: c.count > 24)
            case .math(let latex):
                appendMaths(MathText.unicode(latex, subscripts: style.unicodeSubscripts), attributes, to: &out)
            case .formula(let f):
                appendMaths(formulaText.string(f), attributes, to: &out)
            case .number(let x):
                out.append(formulaText.number(x), attributes, breakable: false)
            case .quantity(let q):
                out.append(Self.text(q, format: format), attributes, breakable: false)
            case .slidesValue(let t):
                out.append(style.characters(t), attributes, breakable: false)
            case .link(let label, let url):
                append(label, attributes.union(.underline), to: &out)
                if case .text(url)? = label.first, label.count == 1 { continue }
                if !url.isEmpty {
                    out.append(" ", attributes)
                    out.append("(" + style.characters(url) + ")", attributes.union(.dim))
                }
            case .lineBreak:
                out.append("\n", attributes)
            }
        }
    }

    /// A live reference's number: its decimals as asked, or the document's format.
    static func text(_ q: QuantityReference, format: NumberFormat) -> String {
        guard let decimals = q.decimals, q.value.isFinite else { return format.string(q.value) }
        let text = String(format: "%.*f", decimals, q.value)
        // -0.000 prints as 0.000.
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// Unicode maths as styled text: breakable only at a space beside a relation or an operator,
    /// outside parentheses (so `1 + e^(-x)` stays whole inside a fraction).
    private func appendMaths(_ unicode: String, _ attributes: TerminalStyle.Attributes, to out: inout StyledText) {
        let text = Array(style.characters(unicode))
        let breaks: Set<Character> = ["=", "≤", "≥", "≈", "≠", "<", ">", "←", "→", "⇒", "⇔", "∈", "≡", "+", "-", "−", "·", "*"]
        var depth = 0, piece = ""
        for (k, c) in text.enumerated() {
            if c == "(" || c == "[" { depth += 1 } else if c == ")" || c == "]" { depth -= 1 }
            let breakable = c == " " && depth <= 0 && k > 0 && k + 1 < text.count
                && ([",", ";"].contains(text[k - 1]) || breaks.contains(text[k - 1]) || breaks.contains(text[k + 1]))
            if breakable {
                out.append(piece, attributes, breakable: false)
                out.append(" ", attributes)
                piece = ""
            } else {
                piece.append(c)
            }
        }
        out.append(piece, attributes, breakable: false)
    }
}
