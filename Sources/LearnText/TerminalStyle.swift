/// How `TerminalRenderer` draws a document: with ANSI colours or as plain text, the width to lay it out
/// in, whether the terminal shows Unicode at all, and whether pictures use Unicode drawing characters.
///
/// With `colour` false the output holds no escape sequence at all; with `unicode` false it is ASCII
/// throughout (maths, tables, box drawing, pictures), for a locale that is not UTF-8 (`LANG=C`).
public struct TerminalStyle: Sendable, Equatable {
    /// ANSI SGR colours and emphasis; plain text when false.
    public var colour: Bool
    /// Columns to lay text, formulas, tables and pictures out in (at least 20 are used).
    public var width: Int
    /// Unicode text (sub- and superscripts, Greek, box drawing); ASCII only when false.
    public var unicode: Bool
    /// Pictures (plots, digits, region maps) with Unicode blocks and markers; ASCII characters when false.
    public var unicodePictures: Bool

    public init(colour: Bool = false, width: Int = 80, unicode: Bool = true, unicodePictures: Bool? = nil) {
        self.colour = colour
        self.width = width
        self.unicode = unicode
        self.unicodePictures = unicode && (unicodePictures ?? true)
    }

    /// Unicode sub- and superscripts in maths.
    var unicodeSubscripts: Bool { unicode }

    /// `text` as the terminal can show it: without control characters (an escape sequence in a lesson
    /// cannot reach the terminal), and in ASCII when the terminal is not UTF-8.
    func characters(_ text: String) -> String {
        var clean = text
        if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F }) {
            clean = String(String.UnicodeScalarView(text.unicodeScalars.filter { !($0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F) }))
        }
        return unicode ? clean : ASCIIText.transliterated(clean)
    }

    /// The width actually wrapped at.
    var columns: Int { max(width, 20) }

    /// What a piece of text is: each attribute maps to one SGR code.
    struct Attributes: OptionSet, Hashable, Sendable {
        let rawValue: Int
        static let bold = Attributes(rawValue: 1 << 0)
        static let dim = Attributes(rawValue: 1 << 1)
        static let italic = Attributes(rawValue: 1 << 2)
        static let underline = Attributes(rawValue: 1 << 3)
        /// Inline code: yellow.
        static let code = Attributes(rawValue: 1 << 4)
        /// Headings: bright cyan.
        static let heading = Attributes(rawValue: 1 << 5)
        /// A reproduced published number: green.
        static let success = Attributes(rawValue: 1 << 6)
        /// A published number not reproduced: red.
        static let failure = Attributes(rawValue: 1 << 7)
        /// A link target: blue.
        static let link = Attributes(rawValue: 1 << 8)
    }

    /// `text` switched to `attributes` and back; `text` itself when colour is off.
    func paint(_ text: String, _ attributes: Attributes) -> String {
        guard colour, !attributes.isEmpty, !text.isEmpty else { return text }
        var codes: [String] = []
        if attributes.contains(.bold) { codes.append("1") }
        if attributes.contains(.dim) { codes.append("2") }
        if attributes.contains(.italic) { codes.append("3") }
        if attributes.contains(.underline) { codes.append("4") }
        if attributes.contains(.heading) { codes.append("96") }
        if attributes.contains(.link) { codes.append("34") }
        if attributes.contains(.code) { codes.append("33") }
        if attributes.contains(.success) { codes.append("32") }
        if attributes.contains(.failure) { codes.append("31") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }
}
