extension MathText {
    /// Commands that stand for one character: Greek letters and ordinary symbols.
    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
        "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "partial": "∂", "nabla": "∇", "infty": "∞", "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮",
        "ddots": "⋱", "sum": "Σ", "prod": "Π", "int": "∫", "oint": "∮", "prime": "′", "ell": "ℓ", "hbar": "ħ",
        "emptyset": "∅", "varnothing": "∅", "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "top": "⊤",
        "bot": "⊥", "angle": "∠", "star": "⋆", "ast": "∗", "degree": "°", "checkmark": "✓",
        "lVert": "‖", "rVert": "‖", "Vert": "‖", "lvert": "|", "rvert": "|", "vert": "|",
        "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "lbrace": "{", "rbrace": "}", "backslash": "\\",
    ]

    /// Binary operators, relations and arrows: written with a space on each side.
    static let operators: [String: String] = [
        "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "circ": "∘", "bullet": "•",
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼",
        "simeq": "≃", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫", "coloneqq": "≔", "mid": "|",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
        "leftrightarrow": "↔", "Leftrightarrow": "⇔", "iff": "⇔", "implies": "⇒", "mapsto": "↦",
        "longrightarrow": "⟶", "longleftarrow": "⟵",
        "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇",
        "cup": "∪", "cap": "∩", "setminus": "∖", "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨",
        "oplus": "⊕", "otimes": "⊗", "odot": "⊙", "parallel": "∥", "perp": "⊥",
    ]

    /// Commands after which the space in the source is dropped when an operand follows, as TeX does:
    /// Greek letters (`\gamma s` → γs), `\partial E` → ∂E, and opening delimiters.
    static let prefixes: Set<String> = Set(symbols.keys.filter { name in
        name != "sum" && name != "prod" && symbols[name]!.unicodeScalars.allSatisfy { (0x370...0x3FF).contains($0.value) }
    }).union(["partial", "nabla", "neg", "lnot", "lVert", "lvert", "langle", "lfloor", "lceil", "lbrace"])

    /// Closing delimiters: the space before them is dropped (`\lVert x \rVert` → ‖x‖).
    static let closers: Set<String> = ["rVert", "rvert", "rangle", "rfloor", "rceil", "rbrace"]

    /// Commands that only change size or layout; they print nothing.
    static let ignored: Set<String> = [
        "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
        "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "middle", "!", "not", "nonumber",
    ]

    /// Combining marks for accents (`\hat{y}` → ŷ).
    static let accents: [String: Character] = [
        "hat": "\u{0302}", "widehat": "\u{0302}", "bar": "\u{0304}", "overline": "\u{0305}", "tilde": "\u{0303}",
        "widetilde": "\u{0303}", "dot": "\u{0307}", "ddot": "\u{0308}", "vec": "\u{20D7}", "check": "\u{030C}",
        "breve": "\u{0306}", "acute": "\u{0301}", "grave": "\u{0300}", "underline": "\u{0332}",
    ]

    /// Commands whose one argument is shown as it is (fonts and operator names).
    static let fonts: Set<String> = [
        "mathrm", "operatorname", "mathbf", "mathit", "mathsf", "mathtt", "mathcal", "boldsymbol", "bm",
        "mathnormal", "mathscr", "mathfrak",
    ]

    /// Commands whose argument is text, not maths.
    static let texts: Set<String> = ["text", "textrm", "textbf", "textit", "textsf", "texttt", "mbox", "emph", "hbox"]

    /// `\mathbb` letters.
    static let doubleStruck: [Character: String] = [
        "R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ", "1": "𝟙",
    ]

    /// Characters with a Unicode subscript form.
    static let subscriptForms: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎",
        "a": "ₐ", "e": "ₑ", "h": "ₕ", "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ", "o": "ₒ",
        "p": "ₚ", "r": "ᵣ", "s": "ₛ", "t": "ₜ", "u": "ᵤ", "v": "ᵥ", "x": "ₓ",
    ]

    /// Characters with a Unicode superscript form (letters only where the Superscripts block has them).
    static let superscriptForms: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ",
        "′": "′", "*": "*", "∘": "°", "°": "°",
    ]

    /// `\frac` arguments that contain one of these outside parentheses get parentheses of their own.
    static let operatorCharacters: Set<Character> = [
        " ", "+", "-", "−", "·", "×", "÷", "/", "=", "<", ">", "≤", "≥", "≠", "≈", "±", "∓", ",", ";", ":",
        "←", "→", "⇒", "⇔", "∈", "|",
    ]
}
