extension StringProtocol {
    /// The text's lines, whatever ends them: `\n`, `\r\n` (Windows) or a lone `\r`; empty lines kept.
    ///
    /// Swift reads `\r\n` as one character, so splitting at `"\n"` alone leaves a file written on Windows
    /// in one piece: every file `learn` reads as lines (lessons, answer sheets, checksum lists) uses this.
    public var textLines: [SubSequence] {
        split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }
}
