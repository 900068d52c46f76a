import LearnCore

/// Text inside the SVG figures: runs of characters at the baseline, as subscripts or as superscripts,
/// written as `<tspan>`s; symbol names typeset from `Symbol.parts` (`net_h1` → net with subscript h1,
/// one-letter names in italics); numbers as the document prints them (never `nan` or `inf`).
struct SVGText {
    /// A run of text at one level: 0 on the baseline, −1 subscript, +1 superscript.
    struct Run: Equatable {
        var text: String
        var italic = false
        var level = 0
        var weight: String? = nil
    }

    var runs: [Run] = []

    init(_ runs: [Run] = []) { self.runs = runs }

    /// Plain text on the baseline.
    init(plain: String) { runs = plain.isEmpty ? [] : [Run(text: plain)] }

    static func + (a: SVGText, b: SVGText) -> SVGText { SVGText(a.runs + b.runs) }

    mutating func append(_ text: String, italic: Bool = false, level: Int = 0) {
        guard !text.isEmpty else { return }
        runs.append(Run(text: text, italic: italic, level: level))
    }

    /// Every run in bold.
    func bold() -> SVGText { SVGText(runs.map { var r = $0; r.weight = "bold"; return r }) }

    /// An estimate of the width at font size `size`, for laying out labels (scripts at 70 %).
    func width(_ size: Double) -> Double {
        runs.reduce(0) { total, run in
            let scale = run.level == 0 ? 1 : 0.7
            return total + run.text.reduce(0) { $0 + SVGText.advance($1) } * size * scale
        }
    }

    /// A character's advance in em, roughly, for a sans-serif face.
    static func advance(_ c: Character) -> Double {
        if c == " " { return 0.32 }
        if ".,:;|'!ilj()[]".contains(c) { return 0.34 }
        if c.isNumber { return 0.64 }
        if "mwMW∂".contains(c) { return 0.9 }
        if c.isUppercase { return 0.72 }
        if "=+−×<>".contains(c) { return 0.84 }
        return 0.62
    }

    /// The runs as `<tspan>`s at font size `size`; the last one returns to the baseline.
    func markup(size: Double) -> String {
        var out = "", shift = 0.0
        for run in runs {
            let target = run.level < 0 ? 0.28 * size : run.level > 0 ? -0.42 * size : 0
            var attributes = ""
            if target != shift { attributes += " dy=\"\(SVGNumber.string(target - shift))\"" }
            if run.level != 0 { attributes += " font-size=\"\(SVGNumber.string(size * 0.7))\"" }
            if run.italic { attributes += " font-style=\"italic\"" }
            if let w = run.weight { attributes += " font-weight=\"\(w)\"" }
            shift = target
            let text = HTMLEscape.text(run.text)
            out += attributes.isEmpty ? "<tspan>\(text)</tspan>" : "<tspan\(attributes)>\(text)</tspan>"
        }
        if shift != 0 { out += "<tspan dy=\"\(SVGNumber.string(-shift))\">\u{200B}</tspan>" }
        return out
    }

    /// A `<text>` element at (x, y) with `anchor` (`start`, `middle`, `end`).
    func element(x: Double, y: Double, size: Double, anchor: String = "start", fill: String? = nil, extra: String = "") -> String {
        var attributes = "x=\"\(SVGNumber.string(x))\" y=\"\(SVGNumber.string(y))\" font-size=\"\(SVGNumber.string(size))\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if let fill { attributes += " fill=\"\(fill)\"" }
        if !extra.isEmpty { attributes += " " + extra }
        return "<text \(attributes)>\(markup(size: size))</text>"
    }

    // MARK: The course's notation

    /// A symbol name: `w5+` → w (italic) ₅ ⁺; `net_h1` → net ₕ₁; `dE_total/dw5` → ∂E_total/∂w₅.
    static func symbol(_ name: String) -> SVGText {
        if let slash = name.firstIndex(of: "/"), name.hasPrefix("d"), name[name.index(after: slash)...].hasPrefix("d") {
            let y = String(name[name.index(after: name.startIndex)..<slash])
            let x = String(name[name.index(slash, offsetBy: 2)...])
            var out = SVGText()
            out.append("∂", italic: true)
            out = out + symbol(y)
            out.append("/∂", italic: false)
            return out + symbol(x)
        }
        if let special = Symbol.specialForm(name) { return SVGText(plain: special.unicode) }
        let p = Symbol.parts(name)
        var out = SVGText()
        var base = p.base
        switch p.accent {
        case .hat?: base = String(base.prefix(1)) + "\u{0302}" + base.dropFirst()
        case .tilde?: base = String(base.prefix(1)) + "\u{0303}" + base.dropFirst()
        case nil: break
        }
        out.append(base, italic: !p.baseIsWord && !(p.isGreek && p.base.first?.isUppercase == true))
        out.append(p.subscript, italic: false, level: -1)
        out.append(p.superscript, italic: false, level: 1)
        return out
    }

    /// `name = value`.
    static func label(_ name: String, _ value: Double, format: NumberFormat) -> SVGText {
        var out = symbol(name)
        out.append(" = " + number(value, format: format))
        return out
    }

    /// A number as the document prints it, with a real minus sign; `3.5e-5` → 3.5×10⁻⁵.
    static func number(_ x: Double, format: NumberFormat) -> String {
        if x.isNaN { return "undefined" }
        if x.isInfinite { return x < 0 ? "−∞" : "∞" }
        let text = FormulaText(format: format, unicode: true).number(x)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }
}
