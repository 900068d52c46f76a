import LearnCore

/// Renders a `Document` as one self-contained HTML page: a teacher's handout, on screen or on paper.
///
/// - Nothing is fetched and nothing runs: no network access, no JavaScript, the stylesheet inline
///   (with a print stylesheet: no backgrounds, no page break inside a figure, a table or an equation,
///   figures scaled to the page width).
/// - Maths is MathML, which browsers render natively: the program's formulas written from their
///   structure (`FormulaMathML`), the authors' LaTeX converted (`LaTeXMathML`, the source kept in an
///   `<annotation>`). A step longer than `breakBeyond` characters is set as a table, one `=` per row and
///   the `=` signs aligned, a long right-hand side broken before a `+` or `−`.
/// - Plots, pictures, decision regions and networks are inline SVG (`SVGPlot`, `SVGImage`,
///   `SVGRegions`, `SVGNetwork`); tables are HTML tables, a column of the slides' values marked as such.
/// - The markup is well-formed XML after its `<!DOCTYPE html>`: every element closed, every attribute
///   quoted, only XML's own entities, so the page can be checked with an XML parser.
public struct HTMLRenderer: Sendable {
    public let format: NumberFormat
    /// A step whose equation is wider than this (in characters, roughly) is set one `=` per row.
    public var breakBeyond: Double

    public init(format: NumberFormat = NumberFormat(), breakBeyond: Double = 72) {
        self.format = format
        self.breakBeyond = breakBeyond
    }

    var formulas: FormulaMathML { FormulaMathML(format: format) }

    /// The whole page.
    public func render(_ d: Document) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<meta name=\"generator\" content=\"learn\"/>\n"
        out += "<title>" + HTMLEscape.text(d.title) + "</title>\n"
        out += "<style>\n" + HTMLStyle.sheet + "</style>\n</head>\n<body>\n<main>\n"
        out += header(d)
        for part in d.parts {
            let blocks = render(blocks: part.blocks)
            if blocks.isEmpty { continue }
            switch part.kind {
            case .prose, .trace: out += blocks
            case .checks: out += "<div class=\"checks-part\">\n" + blocks + "</div>\n"
            case .practice: out += "<div class=\"practice\">\n" + blocks + "</div>\n"
            }
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// Blocks alone, as HTML (for tests and for embedding).
    public func render(blocks: [Block]) -> String {
        blocks.map { render($0) + "\n" }.joined()
    }

    // MARK: Header

    func header(_ d: Document) -> String {
        var out = "<header>\n<h1>" + HTMLEscape.text(d.title) + "</h1>\n"
        if !d.summary.isEmpty { out += "<p class=\"summary\">" + HTMLEscape.text(d.summary) + "</p>\n" }
        if !d.source.isEmpty { out += "<p class=\"source\">Source: " + HTMLEscape.text(d.source) + ".</p>\n" }
        if !d.prerequisites.isEmpty {
            out += "<p class=\"prerequisites\">Read first: " + HTMLEscape.text(d.prerequisites.joined(separator: ", ")) + ".</p>\n"
        }
        if !d.changes.isEmpty { out += banner(d.changes) }
        return out + "</header>\n"
    }

    /// The changed parameters with the slides' values, and what that means for the page.
    func banner(_ changes: [ParameterChange]) -> String {
        var out = "<aside class=\"banner\" role=\"note\">\n<p><strong>⚑ Your values, not the slides':</strong> "
        out += changes.enumerated().map { k, c in
            "<span class=\"change\">" + MathNode.math(formulas.symbol(c.name), display: false) + " = <strong>"
                + HTMLEscape.text(c.value) + "</strong> <span class=\"slides-value\">(slides: " + HTMLEscape.text(c.slides) + ")</span>"
                + (k + 1 < changes.count ? ";" : ".") + "</span>"
        }.joined(separator: " ")
        out += "</p>\n<p>Passages about the slides' numbers are left out, and the published numbers are not checked.</p>\n</aside>\n"
        return out
    }
}
