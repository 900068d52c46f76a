/// Plain text broken into lines of at most a given number of characters, at spaces; a word longer
/// than a line gets a line of its own (and is not cut). For text that is not Markdown: captions, notes.
public enum WordWrap {
    /// The lines of `text` (its own line breaks kept), none wider than `width` unless a word is.
    public static func lines(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph -> [String] in
            var lines: [String] = []
            var line = ""
            for word in paragraph.split(separator: " ") {
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            return lines + [line]
        }
    }
}
