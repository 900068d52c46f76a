/// The course's symbol names and their typeset forms.
///
/// A name is written the way a learner types it (`w5`, `net_h1`, `out_o1`, `E_total`, `δ_o1`, `w5+`,
/// `eta`); its LaTeX form has the subscript and superscript the slides use (`w_{5}`, `net_{h1}`,
/// `E_{total}`, `\delta_{o1}`, `w_{5}^{+}`, `\eta`, Drchal's `w_12^2` as `w_{12}^{2}`). The rule: the
/// part after `^`, or else a trailing `+`, is a superscript; the
/// part after the first `_` is a subscript (`htilde_1` is `\tilde{h}_{1}`); without `_`, trailing digits are the subscript (`w5`,
/// `i1`, `b2`); Greek letters, spelled out or not, become LaTeX commands.
public enum Symbol {
    static let greek: [String: String] = [
        "alpha": "\\alpha", "beta": "\\beta", "gamma": "\\gamma", "delta": "\\delta", "eta": "\\eta",
        "epsilon": "\\epsilon", "theta": "\\theta", "lambda": "\\lambda", "mu": "\\mu", "rho": "\\rho",
        "sigma": "\\sigma", "tau": "\\tau", "phi": "\\phi", "omega": "\\omega", "Delta": "\\Delta",
        "α": "\\alpha", "β": "\\beta", "γ": "\\gamma", "δ": "\\delta", "η": "\\eta", "ε": "\\epsilon",
        "θ": "\\theta", "λ": "\\lambda", "μ": "\\mu", "ρ": "\\rho", "σ": "\\sigma", "τ": "\\tau",
        "φ": "\\phi", "ω": "\\omega", "Δ": "\\Delta", "Σ": "\\Sigma",
    ]

    /// Names whose typeset form the general rule cannot spell.
    static let special: [String: String] = [
        "x_norm2": "\\lVert x \\rVert^{2}",
    ]

    /// The LaTeX form of a symbol name.
    public static func latex(_ name: String) -> String {
        if let special = special[name] { return special }
        if name.hasSuffix("_hat") { return "\\hat{\(latex(String(name.dropLast(4))))}" }
        // `htilde_1` → \tilde{h}_{1}: the GRU's candidate state h̃_t.
        if let t = name.range(of: "tilde"), t.lowerBound != name.startIndex {
            let rest = name[t.upperBound...]
            return "\\tilde{\(latex(String(name[..<t.lowerBound])))}" + (rest.isEmpty ? "" : latex("x" + rest).dropFirst())
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
        var out = greek[String(base)] ?? String(base)
        if !subscriptText.isEmpty { out += "_{\(subscriptText)}" }
        if !superscript.isEmpty { out += "^{\(superscript == "'" ? "\\prime" : superscript)}" }
        return out
    }

    /// The LaTeX form of a function name (`tanh` → `\tanh`, `S` → `S`, `ReLU` → `\mathrm{ReLU}`).
    public static func latexFunction(_ name: String) -> String {
        switch name {
        case "exp", "ln", "log", "tanh", "max", "min", "sin", "cos", "arctan": return "\\" + name
        case "σ": return "\\sigma"
        default: return name.count == 1 ? name : "\\mathrm{\(name)}"
        }
    }
}
