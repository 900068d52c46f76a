/// Lays a formula out in lines of a given width, breaking only before operators: first at `=` (then
/// every `=` after the first starts a line), then at `+` and `−`, then at `·` (as many terms to a line as
/// fit), outermost first, each continuation line indented under the first (a hanging indent: under the
/// first `=` when the left-hand side is short) and starting with the operator it broke at. Names and numbers are never split; a
/// single atom wider than the line runs over rather than being cut.
///
/// ```
///     ∂Eₜₒₜₐₗ/∂w₅ = ∂Eₜₒₜₐₗ/∂outₒ₁ · ∂outₒ₁/∂netₒ₁ · ∂netₒ₁/∂w₅
///         = 0.74136507 · 0.186815602 · 0.593269992
///         = 0.082167041
///     netₕ₁ = w₁ · i₁ + w₂ · i₂ + b₁
///           = 0.15 · 0.05 + 0.2 · 0.1 + 0.35
///           = 0.3775
/// ```
public enum FormulaLayout {
    public typealias Piece = FormulaText.Piece

    /// The lines, the first indented by `indent` columns and the others by `indent + hang`, none wider
    /// than `width` unless one atom is. Without a `hang`, continuation lines start under the first `=`
    /// when what stands before it is at most 10 columns wide, else 4 columns in.
    public static func lines(_ pieces: [Piece], width: Int, indent: Int, hang: Int? = nil) -> [String] {
        var lhs = 0
        for p in pieces {
            if case .op(0, _, _) = p { break }
            lhs += FormulaText.flat([p]).count
        }
        let hang = hang ?? (lhs <= 10 ? lhs + 1 : 4)
        let first = String(repeating: " ", count: indent)
        let rest = String(repeating: " ", count: indent + hang)
        return layout(pieces, firstPrefix: first, prefix: rest, width: width, above: -1)
    }

    /// Lays out `pieces`, whose first line starts with `firstPrefix` and whose other lines start with
    /// `prefix`, breaking at operators of a level above `above`.
    static func layout(_ pieces: [Piece], firstPrefix: String, prefix: String, width: Int, above: Int) -> [String] {
        let flat = FormulaText.flat(pieces)
        if firstPrefix.count + flat.count <= width { return [firstPrefix + flat] }
        // The outermost operators of this stretch (not one at its very start).
        let levels = pieces.dropFirst().compactMap { piece -> Int? in
            if case .op(let level, _, _) = piece, level > above { return level }
            return nil
        }
        guard let level = levels.min() else { return [firstPrefix + flat] }
        // Groups: what comes before the first operator of `level`, then each operator with what follows it.
        var groups: [[Piece]] = [[]]
        for (k, piece) in pieces.enumerated() {
            if k > 0, case .op(let l, _, _) = piece, l == level { groups.append([piece]) } else { groups[groups.count - 1].append(piece) }
        }
        var lines: [String] = []
        var line = ""
        var linePrefix = firstPrefix
        let deeper = prefix + "  "
        func fits(_ text: String) -> Bool { linePrefix.count + text.count <= width }
        for (k, group) in groups.enumerated() {
            if k == 0 {
                if fits(FormulaText.flat(group)) {
                    line = FormulaText.flat(group)
                } else {
                    let sub = layout(group, firstPrefix: firstPrefix, prefix: deeper, width: width, above: level)
                    lines += sub.dropLast()
                    linePrefix = ""
                    line = sub.last ?? ""
                }
                continue
            }
            guard case .op(_, let flatOp, let brokenOp) = group[0] else { continue }
            let body = Array(group.dropFirst())
            let appended = flatOp + FormulaText.flat(body)
            // Broken at `=`, every `=` after the first starts a line; other operators pack as many terms as fit.
            if level > 0 || k == 1, fits(line + appended) {
                line += appended
                continue
            }
            // The first right-hand side starts on the first line even when it must break further.
            if level == 0, k == 1, case .atom(let first)? = body.first, fits(line + flatOp + first) {
                let sub = layout(body, firstPrefix: linePrefix + line + flatOp, prefix: deeper, width: width, above: level)
                lines += sub.dropLast()
                linePrefix = ""
                line = sub.last ?? ""
                continue
            }
            lines.append(linePrefix + line)
            linePrefix = prefix
            let broken = brokenOp + FormulaText.flat(body)
            if fits(broken) {
                line = broken
            } else {
                let sub = layout(body, firstPrefix: prefix + brokenOp, prefix: deeper, width: width, above: level)
                lines += sub.dropLast()
                linePrefix = ""
                line = sub.last ?? ""
            }
        }
        lines.append(linePrefix + line)
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }
}

extension FormulaLayout {
    /// Maths already written as one line of Unicode (an author's display maths) as pieces: a space
    /// beside a relation (`=`, `≤`, `→`, …) breaks at level 0, beside `+`, `-`, `−` at 1, beside `·`, `×`
    /// at 2, three deeper for each pair of parentheses around it; a space between factors written side
    /// by side (a product without its dot) breaks last of all. Everything else is an atom.
    public static func pieces(unicode text: String) -> [Piece] {
        let relations: Set<Character> = ["=", "≤", "≥", "≈", "≠", "<", ">", "←", "→", "⇒", "⇔", "∈", "≡", "≔"]
        let sums: Set<Character> = ["+", "-", "−", "±"]
        let products: Set<Character> = ["·", "×", "*"]
        func level(_ c: Character) -> Int? {
            relations.contains(c) ? 0 : sums.contains(c) ? 1 : products.contains(c) ? 2 : nil
        }
        let chars = Array(text)
        var pieces: [Piece] = []
        var atom = ""
        var depth = 0
        var k = 0
        while k < chars.count {
            let c = chars[k]
            // " op " at the outer levels: an operator with a space on each side, not a sign.
            if c == " ", k + 2 < chars.count, chars[k + 2] == " ", let l = level(chars[k + 1]), !atom.isEmpty {
                pieces.append(.atom(atom))
                atom = ""
                pieces.append(.op(level: l + 3 * max(depth, 0), flat: " \(chars[k + 1]) ", broken: "\(chars[k + 1]) "))
                k += 3
                continue
            }
            // A space between two factors written side by side (a product without a dot): the last place to break.
            if c == " ", !atom.isEmpty, k + 1 < chars.count, chars[k + 1] != " " {
                pieces.append(.atom(atom))
                atom = ""
                pieces.append(.op(level: 100 + max(depth, 0), flat: " ", broken: ""))
                k += 1
                continue
            }
            if c == "(" || c == "[" || c == "{" { depth += 1 } else if c == ")" || c == "]" || c == "}" { depth -= 1 }
            atom.append(c)
            k += 1
        }
        if !atom.isEmpty { pieces.append(.atom(atom)) }
        return pieces
    }
}
