/// Inline Markdown after parsing: runs of text with terminal attributes.
///
/// It measures itself in visible characters (Swift `Character`s: a letter with a combining accent counts
/// once, escape sequences are added only when a line is finally written) and wraps at spaces, never
/// inside a word.
struct StyledText {
    /// A stretch of text with one set of attributes. Its spaces are places to break a line unless
    /// `breakable` is false (maths keeps `1 + e^(-x)` on one line).
    struct Run: Equatable {
        var text: String
        var attributes: TerminalStyle.Attributes
        var breakable = true
    }

    /// The pieces of text between two breakable spaces.
    typealias Word = [Run]

    private(set) var runs: [Run] = []

    mutating func append(_ text: String, _ attributes: TerminalStyle.Attributes, breakable: Bool = true) {
        guard !text.isEmpty else { return }
        if let last = runs.last, last.attributes == attributes, last.breakable == breakable {
            runs[runs.count - 1].text += text
        } else {
            runs.append(Run(text: text, attributes: attributes, breakable: breakable))
        }
    }

    mutating func append(_ other: StyledText) {
        for run in other.runs { append(run.text, run.attributes, breakable: run.breakable) }
    }

    /// The words, in order; runs of breakable spaces, tabs and newlines separate them and vanish (a
    /// no-break space does not).
    var words: [Word] {
        var words: [Word] = [], current: Word = []
        for run in runs {
            for c in run.text {
                if run.breakable && (c == " " || c == "\t" || c == "\n") {
                    if !current.isEmpty { words.append(current); current = [] }
                } else if let last = current.last, last.attributes == run.attributes {
                    current[current.count - 1].text.append(c)
                } else {
                    current.append(Run(text: String(c), attributes: run.attributes))
                }
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The visible width of a word.
    static func width(_ word: Word) -> Int { word.reduce(0) { $0 + $1.text.count } }

    /// The width on one line, words separated by single spaces.
    var naturalWidth: Int {
        let all = words
        return all.reduce(0) { $0 + Self.width($1) } + max(0, all.count - 1)
    }

    /// The widest word: no wrapping can make a line narrower.
    var longestWord: Int { words.map(Self.width).max() ?? 0 }

    /// The text as plain characters, words separated by single spaces.
    var plain: String { words.map { $0.map(\.text).joined() }.joined(separator: " ") }

    /// Lines of at most `width` visible characters (a longer word gets a line of its own), each written
    /// with `style` and paired with its visible width. Empty text gives no lines.
    func wrap(_ width: Int, style: TerminalStyle) -> [(text: String, width: Int)] {
        var lines: [[Word]] = [], line: [Word] = [], used = 0
        for word in words.flatMap({ Self.width($0) > width ? Self.split($0) : [$0] }) {
            let n = Self.width(word)
            if !line.isEmpty && used + 1 + n > width {
                lines.append(line)
                line = []
                used = 0
            }
            used += (line.isEmpty ? 0 : 1) + n
            line.append(word)
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { Self.write($0, style: style) }
    }

    /// A word too long for a line, cut after each dash, slash or arrow in it, after a hyphen that
    /// follows a letter or digit, and after a dot that follows a letter (a URL's `MLPClassifier.html`;
    /// never inside a number or a name, never after a minus sign):
    /// `253,440–186,624` becomes `253,440–` and `186,624`.
    static func split(_ word: Word) -> [Word] {
        var pieces: [Word] = [], current: Word = []
        for run in word {
            var text = ""
            for c in run.text {
                let hyphen = c == "-" && (text.last.map { $0.isLetter || $0.isNumber } ?? false)
                let dot = c == "." && (text.last?.isLetter ?? false)
                text.append(c)
                if "–—/→".contains(c) || hyphen || dot {
                    current.append(Run(text: text, attributes: run.attributes))
                    pieces.append(current)
                    current = []
                    text = ""
                }
            }
            if !text.isEmpty { current.append(Run(text: text, attributes: run.attributes)) }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// One line of words: a space between two words takes the attributes both sides share, then runs
    /// with equal attributes are painted together.
    static func write(_ words: [Word], style: TerminalStyle) -> (text: String, width: Int) {
        var merged: [Run] = []
        func add(_ run: Run) {
            if let last = merged.last, last.attributes == run.attributes {
                merged[merged.count - 1].text += run.text
            } else {
                merged.append(run)
            }
        }
        for (k, word) in words.enumerated() {
            if k > 0, let before = merged.last, let after = word.first {
                add(Run(text: " ", attributes: before.attributes.intersection(after.attributes)))
            }
            word.forEach(add)
        }
        let text = merged.map { style.paint($0.text, $0.attributes) }.joined()
        return (text, merged.reduce(0) { $0 + $1.text.count })
    }
}
