import Foundation

/// Escaping for HTML that also parses as XML: only the five entities XML predefines are written
/// (`&amp;` `&lt;` `&gt;` `&quot;` `&#39;`), every other character as itself in UTF-8.
enum HTMLEscape {
    /// Text content: `&`, `<` and `>` escaped; characters XML forbids (control characters other than
    /// tab, line feed and carriage return) dropped.
    static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" { continue }
                if (0xFFFE...0xFFFF).contains(c.value) { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// An attribute value (to go between double quotes): as `text`, and `"` and `'` escaped.
    static func attribute(_ s: String) -> String {
        text(s).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    /// A link target that cannot run code: `http`, `https`, `mailto`, a fragment or a relative path.
    /// Nil for anything else (`javascript:`, `data:`, …).
    static func safeURL(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if let colon = trimmed.firstIndex(of: ":") {
            let scheme = trimmed[..<colon].lowercased()
            let beforeSlash = !trimmed[..<colon].contains("/") && !trimmed[..<colon].contains("?") && !trimmed[..<colon].contains("#")
            if beforeSlash && !["http", "https", "mailto"].contains(scheme) { return nil }
        }
        return trimmed
    }
}

/// Numbers in SVG coordinates and attributes: at most two decimals, no exponent, never `nan`.
enum SVGNumber {
    static func string(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let rounded = (x * 100).rounded() / 100
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
