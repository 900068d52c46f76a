import LearnCore

extension HTMLRenderer {
    /// Inline content as HTML: text escaped, maths as inline `<math>`, numbers in the document's format.
    func inline(_ inlines: [Inline]) -> String {
        inlines.map { x -> String in
            switch x {
            case .text(let t):
                return HTMLEscape.text(t)
            case .emphasis(let inner):
                return "<em>" + inline(inner) + "</em>"
            case .strong(let inner):
                return "<strong>" + inline(inner) + "</strong>"
            case .code(let c):
                return "<code>" + HTMLEscape.text(c) + "</code>"
            case .math(let latex):
                return LaTeXMathML.math(latex, display: false)
            case .formula(let f):
                return MathNode.math(formulas.node(f), display: false)
            case .number(let n):
                return "<span class=\"number\">" + HTMLEscape.text(SVGText.number(n, format: format)) + "</span>"
            case .quantity(let q):
                // With its own decimals as the lesson asks; else as the document prints numbers (3.5×10⁻⁵).
                let text = q.decimals != nil && q.value.isFinite ? TerminalRenderer.text(q, format: format) : SVGText.number(q.value, format: format)
                return "<span class=\"number\" title=\"\(HTMLEscape.attribute(q.name))\">" + HTMLEscape.text(text) + "</span>"
            case .slidesValue(let t):
                return "<span class=\"slides-value\" title=\"the slides' value\">" + HTMLEscape.text(t) + "</span>"
            case .link(let label, let url):
                guard let safe = HTMLEscape.safeURL(url) else { return inline(label) }
                return "<a href=\"\(HTMLEscape.attribute(safe))\">" + inline(label) + "</a>"
            case .lineBreak:
                return "<br/>"
            }
        }.joined()
    }

    // MARK: Display maths

    /// Display maths the author wrote: one block, or, when it is wide and has relations at its top
    /// level, one row per relation with the relations aligned.
    func displayMath(_ latex: String) -> String {
        let pieces = LaTeXMathML.relationPieces(latex)
        let total = pieces.reduce(0) { $0 + $1.width }
        guard total > breakBeyond, pieces.count > 2 else {
            return "<div class=\"display\">" + LaTeXMathML.math(latex, display: true) + "</div>"
        }
        return aligned(lhs: pieces[0], pieces.dropFirst().map { piece -> (String, MathNode) in
            guard piece.name == "mrow", let first = piece.children.first, first.name == "mo" else { return ("", piece) }
            return (first.text ?? "", .row(Array(piece.children.dropFirst())))
        }, className: "display")
    }

    /// A trace step: `symbol = form = … = value` on one line when it fits, else one `=` per row; then its note.
    func step(_ s: DocumentStep) -> String {
        let sides = s.printedForms(format).map { FormulaMathML(format: $0.format).node($0.form) }
            + [s.nonFinite == nil ? formulas.number(s.value) : formulas.node(s.result)]
        let whole = formulas.equation(s.symbol, sides)
        var out: String
        if whole.width <= breakBeyond {
            out = "<div class=\"step\">" + MathNode.math(whole, display: true) + "</div>"
        } else {
            var rows: [(String, MathNode)] = []
            for side in sides {
                let lines = side.brokenLines(width: breakBeyond - formulas.node(s.symbol).width - 3)
                rows.append(("=", lines[0]))
                rows += lines.dropFirst().map { ("", $0) }
            }
            out = aligned(lhs: formulas.node(s.symbol), rows, className: "step")
        }
        if let note = s.note { out += "\n<p class=\"note\">" + inline(note) + "</p>" }
        return out
    }

    /// Rows of maths with their relations in one column: `lhs = a`, `= b`, …; a row without a relation
    /// continues the one above it (indented).
    func aligned(lhs: MathNode, _ rows: [(relation: String, rhs: MathNode)], className: String) -> String {
        var out = "<table class=\"\(className) aligned\"><tbody>"
        for (k, row) in rows.enumerated() {
            out += "<tr><td class=\"lhs\">" + (k == 0 ? MathNode.math(lhs, display: false, displayStyle: true) : "") + "</td>"
            out += "<td class=\"rel\">" + (row.relation.isEmpty ? "" : MathNode.math(.mo(row.relation), display: false, displayStyle: true)) + "</td>"
            out += "<td class=\"rhs\(row.relation.isEmpty ? " continued" : "")\">" + MathNode.math(row.rhs, display: false, displayStyle: true) + "</td></tr>"
        }
        out += "</tbody></table>"
        return out
    }
}
