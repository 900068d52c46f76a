/// The Swift source that embeds texts exactly: raw string literals with enough `#` delimiters.
enum EmbeddedSource {
    /// The generated file: `enum EmbeddedLessons` with `texts`, name → text, in name order.
    static func file(_ lessons: [(name: String, text: String)]) -> String {
        let entries = lessons.map { "\(escaped($0.name)):\n\(literal($0.text)),\n" }.joined()
        return """
            // Generated at build time by EmbedLessonsTool (the EmbedLessons plugin) from lessons/*.md.
            // Do not edit: edit the lesson files.

            /// The lessons built into `learn`: name (the file name without `.md`) → the file's text.
            enum EmbeddedLessons {
                static let texts: [String: String] = \(entries.isEmpty ? "[:]" : "[\n" + entries + "]")
            }

            """
    }

    /// A Swift string literal whose value is exactly `text`.
    ///
    /// A multi-line raw literal with one `#` more than the longest run of `#` in the text: then neither
    /// its closing `"""#…` nor an escape `\#…` can occur inside, and every character stands for itself.
    /// Its closing delimiter is in column 0, so no indentation is stripped; the line break before the
    /// closing delimiter is not part of the value, so the text goes in unchanged. Swift reads a carriage
    /// return in a multi-line literal as a line break and rejects most control characters in source, so a
    /// text with any control character other than tab and line feed is written escaped instead.
    static func literal(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0 == "\n" || $0 == "\t" || $0.properties.generalCategory != .control }
        guard plain else { return escaped(text) }
        var longest = 0, run = 0
        for c in text.unicodeScalars {
            run = c == "#" ? run + 1 : 0
            longest = max(longest, run)
        }
        let hashes = String(repeating: "#", count: longest + 1)
        return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
    }

    /// An ordinary one-line literal: `\`, `"` and every control character escaped.
    static func escaped(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.properties.generalCategory == .control {
                    out += "\\u{" + String(c.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
