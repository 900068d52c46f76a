/// The course's symbol names and their typeset forms.
///
/// A name is written the way a learner types it (`w5`, `net_h1`, `out_o1`, `E_total`, `δ_o1`, `w5+`,
/// `eta`); `parts` splits it into what a typesetter needs, and each writer (LaTeX here; Unicode and
/// MathML in the renderers) builds its own form from the parts. The rule: the part after `^`, or else a
/// trailing `+`, `−` or `'`, is a superscript; the part after the first `_` is a subscript (`htilde_1`
/// is h̃ with subscript 1, `y_hat` is ŷ); without `_`, trailing digits are the subscript (`w5`, `i1`,
/// `b2`); Greek letters, spelled out or not, become the letter.
///
/// In LaTeX, a base of several letters is upright (`\mathrm{net}_{h1}`, as KaTeX, MathJax and GitHub
/// would otherwise set the italic product n·e·t) and so is a subscript that is a word
/// (`E_{\text{total}}`).
public enum Symbol {
    /// A name split for typesetting: `net_h1` is base `net`, subscript `h1`; `w5+` is base `w`,
    /// subscript `5`, superscript `+`; `eta` is the Greek base `η`.
    public struct Parts: Sendable, Equatable {
        public enum Accent: Sendable, Equatable { case hat, tilde }
        /// The base as it prints: a Greek name becomes its letter (`eta` → η).
        public var base: String
        /// Whether the base is one Greek letter.
        public var isGreek: Bool
        public var accent: Accent?
        public var `subscript`: String
        public var superscript: String

        /// The base is a word (several letters, not Greek): set upright.
        public var baseIsWord: Bool { !isGreek && base.count > 1 }
        /// The subscript is a word of two letters or more (`total`): set upright as text.
        public var subscriptIsWord: Bool { `subscript`.count > 1 && `subscript`.allSatisfy(\.isLetter) }
    }

    /// Greek letters by name and by letter, with their LaTeX commands.
    static let greek: [String: (letter: String, latex: String)] = {
        let names: [(String, String, String)] = [
            ("alpha", "α", "\\alpha"), ("beta", "β", "\\beta"), ("gamma", "γ", "\\gamma"), ("delta", "δ", "\\delta"),
            ("eta", "η", "\\eta"), ("epsilon", "ε", "\\epsilon"), ("theta", "θ", "\\theta"), ("lambda", "λ", "\\lambda"),
            ("mu", "μ", "\\mu"), ("rho", "ρ", "\\rho"), ("sigma", "σ", "\\sigma"), ("tau", "τ", "\\tau"),
            ("phi", "φ", "\\phi"), ("omega", "ω", "\\omega"), ("Delta", "Δ", "\\Delta"), ("Sigma", "Σ", "\\Sigma"),
        ]
        var table: [String: (letter: String, latex: String)] = [:]
        for (name, letter, latex) in names {
            table[name] = (letter, latex)
            table[letter] = (letter, latex)
        }
        return table
    }()

    /// Names whose typeset form the general rule cannot spell, in LaTeX and in Unicode.
    static let special: [String: (latex: String, unicode: String)] = [
        "x_norm2": ("\\lVert x \\rVert^{2}", "‖x‖²"),
    ]

    /// The special typeset forms of a name, if it has them.
    public static func specialForm(_ name: String) -> (latex: String, unicode: String)? { special[name] }

    /// `name` split into base, accent, subscript and superscript.
    public static func parts(_ name: String) -> Parts {
        if name.hasSuffix("_hat") {
            var p = parts(String(name.dropLast(4)))
            p.accent = .hat
            return p
        }
        // `htilde_1` → h̃ with subscript 1: the GRU's candidate state h̃_t.
        if let t = name.range(of: "tilde"), t.lowerBound != name.startIndex {
            var p = parts(String(name[..<t.lowerBound]) + String(name[t.upperBound...]))
            p.accent = .tilde
            return p
        }
        var base = Substring(name)
        var superscript = ""
        if let caret = base.firstIndex(of: "^") {
            superscript = String(base[base.index(after: caret)...])
            base = base[..<caret]
        }
        while superscript.isEmpty, let last = base.last, last == "+" || last == "−" || last == "'" {
            superscript = String(last) + superscript
            base.removeLast()
        }
        var subscriptText = ""
        if let underscore = base.firstIndex(of: "_") {
            subscriptText = String(base[base.index(after: underscore)...])
            base = base[..<underscore]
        } else if let firstDigit = base.firstIndex(where: { $0.isNumber }),
                  base[firstDigit...].allSatisfy({ $0.isNumber }), firstDigit != base.startIndex {
            subscriptText = String(base[firstDigit...])
            base = base[..<firstDigit]
        }
        let g = greek[String(base)]
        return Parts(base: g?.letter ?? String(base), isGreek: g != nil, accent: nil, subscript: subscriptText,
                     superscript: superscript == "'" ? "′" : superscript)
    }

    /// The LaTeX form of a symbol name: `w_{5}^{+}`, `\mathrm{net}_{h1}`, `E_{\text{total}}`, `\delta_{o1}`.
    public static func latex(_ name: String) -> String {
        if let special = special[name] { return special.latex }
        let p = parts(name)
        var out: String
        if p.isGreek { out = greek[p.base]!.latex } else if p.baseIsWord { out = "\\mathrm{\(escaped(p.base))}" } else { out = escaped(p.base) }
        switch p.accent {
        case .hat?: out = "\\hat{\(out)}"
        case .tilde?: out = "\\tilde{\(out)}"
        case nil: break
        }
        if !p.subscript.isEmpty {
            let needsText = p.subscriptIsWord || p.subscript.contains("_")
            out += needsText ? "_{\\text{\(escaped(p.subscript))}}" : "_{\(p.subscript)}"
        }
        if !p.superscript.isEmpty { out += "^{\(p.superscript == "′" ? "\\prime" : p.superscript)}" }
        return out
    }

    /// `_` escaped for LaTeX.
    static func escaped(_ s: String) -> String { s.replacingOccurrences(of: "_", with: "\\_") }

    /// The LaTeX form of a function name (`tanh` → `\tanh`, `S` → `S`, `ReLU` → `\mathrm{ReLU}`).
    public static func latexFunction(_ name: String) -> String {
        switch name {
        case "exp", "ln", "log", "tanh", "max", "min", "sin", "cos", "arctan": return "\\" + name
        case "σ": return "\\sigma"
        default: return name.count == 1 ? name : "\\mathrm{\(name)}"
        }
    }
}
