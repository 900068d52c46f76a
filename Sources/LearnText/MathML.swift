/// A MathML element, built by the formula and LaTeX writers and written out as well-formed markup.
///
/// Tokens (`mi`, `mn`, `mo`, `mtext`) hold text; the other elements hold children. Only elements and
/// attributes of MathML Core are used (Chromium renders those natively): `mi`, `mn`, `mo`, `mtext`,
/// `mspace`, `mrow`, `mfrac`, `msqrt`, `mroot`, `msub`, `msup`, `msubsup`, `munder`, `mover`,
/// `munderover`, `mtable`, `mtr`, `mtd`, `semantics`, `annotation`.
///
/// A multi-letter `mi` (`<mi>net</mi>`) is upright in MathML Core, a one-letter `mi` italic; a one-letter
/// name that must be upright (a capital Greek letter, `\mathrm{d}`) carries `mathvariant="normal"`, the
/// one value of that attribute MathML Core (and Chromium) supports.
struct MathNode: Sendable, Equatable {
    var name: String
    var attributes: [Attribute]
    /// The text of a token element; nil for the others.
    var text: String?
    var children: [MathNode]

    struct Attribute: Sendable, Equatable {
        var name: String
        var value: String
    }

    init(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil, children: [MathNode] = []) {
        self.name = name
        self.attributes = attributes.map { Attribute(name: $0.0, value: $0.1) }
        self.text = text
        self.children = children
    }

    // MARK: Tokens

    /// An identifier: italic when it is one letter, upright when it is longer or `upright` is set.
    static func mi(_ text: String, upright: Bool = false) -> MathNode {
        MathNode("mi", upright && text.count == 1 ? [("mathvariant", "normal")] : [], text: text)
    }

    static func mn(_ text: String) -> MathNode { MathNode("mn", text: text) }

    static func mo(_ text: String, _ attributes: [(String, String)] = []) -> MathNode { MathNode("mo", attributes, text: text) }

    static func mtext(_ text: String) -> MathNode { MathNode("mtext", text: text) }

    /// Horizontal space, `width` in em.
    static func space(_ width: Double) -> MathNode {
        MathNode("mspace", [("width", SVGNumber.string(width) + "em")])
    }

    // MARK: Layout

    /// The children in an `mrow`; one child stands alone.
    static func row(_ children: [MathNode]) -> MathNode {
        children.count == 1 ? children[0] : MathNode("mrow", children: children)
    }

    static func fraction(_ numerator: MathNode, _ denominator: MathNode) -> MathNode {
        MathNode("mfrac", children: [numerator, denominator])
    }

    /// `base` with a subscript, a superscript or both (nil: none).
    static func scripts(_ base: MathNode, sub: MathNode?, sup: MathNode?, limits: Bool = false) -> MathNode {
        switch (sub, sup) {
        case (nil, nil): return base
        case (let s?, nil): return MathNode(limits ? "munder" : "msub", children: [base, s])
        case (nil, let t?): return MathNode(limits ? "mover" : "msup", children: [base, t])
        case (let s?, let t?): return MathNode(limits ? "munderover" : "msubsup", children: [base, s, t])
        }
    }

    /// `inner` between two fences, which stretch only around something tall (a fraction, a table, a
    /// large operator with limits), as `\left( … \right)` would; around scripts they keep their size.
    static func fenced(_ open: String, _ inner: [MathNode], _ close: String) -> MathNode {
        let attributes: [(String, String)] = inner.contains(where: \.isTall) ? [] : [("stretchy", "false")]
        var children: [MathNode] = []
        if !open.isEmpty { children.append(.mo(open, attributes)) }
        children += inner
        if !close.isEmpty { children.append(.mo(close, attributes)) }
        return MathNode("mrow", children: children)
    }

    /// Whether the node holds a fraction, a root, a table or limits under and over.
    var isTall: Bool {
        if text != nil { return false }
        if ["mfrac", "msqrt", "mroot", "mtable", "munderover", "munder"].contains(name) { return true }
        return children.contains(where: \.isTall)
    }

    /// An accent over `base`: `^` (hat), `~` (tilde), `¯` (bar), `→` (vector).
    static func accent(_ base: MathNode, _ mark: String, stretchy: Bool = false) -> MathNode {
        MathNode("mover", [("accent", "true")], children: [base, .mo(mark, [("stretchy", stretchy ? "true" : "false")])])
    }

    // MARK: Writing

    /// The `<math>` element around `content`: `display="block"` for display maths; `displayStyle` sets
    /// fractions and limits at full size in running text.
    static func math(_ content: MathNode, display: Bool, displayStyle: Bool = false, annotation: String? = nil) -> String {
        var attributes: [(String, String)] = []
        if display { attributes.append(("display", "block")) } else if displayStyle { attributes.append(("displaystyle", "true")) }
        var body = content
        if let annotation {
            body = MathNode("semantics", children: [content, MathNode("annotation", [("encoding", "application/x-tex")], text: annotation)])
        }
        return MathNode("math", attributes, children: [body]).markup
    }

    /// The element as markup: every element closed, attributes quoted, text escaped.
    var markup: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        out += "<" + name
        for a in attributes { out += " " + a.name + "=\"" + HTMLEscape.attribute(a.value) + "\"" }
        if let text {
            out += ">" + HTMLEscape.text(text) + "</" + name + ">"
        } else if children.isEmpty {
            out += "/>"
        } else {
            out += ">"
            for c in children { c.write(to: &out) }
            out += "</" + name + ">"
        }
    }

    /// A rough width in characters, for deciding where to break a long equation: tokens count their
    /// characters (operators with their spacing), a fraction its wider part, scripts at 70 %.
    var width: Double {
        if let text { return Double(text.count) + (name == "mo" ? 1 : 0) }
        switch name {
        case "mfrac", "munder", "mover", "munderover":
            return children.map(\.width).max() ?? 0
        case "msub", "msup", "msubsup":
            return (children.first?.width ?? 0) + 0.7 * (children.dropFirst().map(\.width).max() ?? 0)
        case "mspace":
            return 2
        case "semantics":
            return children.first?.width ?? 0
        default:
            return children.map(\.width).reduce(0, +)
        }
    }

    /// Every token's text, in order (for tests and width estimates).
    var tokens: [String] {
        if let text { return [text] }
        return children.flatMap(\.tokens)
    }
}
