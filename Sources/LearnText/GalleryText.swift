/// Pictures with captions under them, as many side by side as fit in a width, in rows separated by an
/// empty line: the mistakes a model made, drawn with what it said.
///
/// Every cell is as wide as the widest picture (captions wrap to that width, or to the whole width
/// when a picture is narrower than a caption's longest word would need); cells are `gap` columns
/// apart. At least one cell per row: a picture wider than `width` runs over, nothing else does.
public struct GalleryText: Sendable {
    /// A picture (lines of text, e.g. from ``ImageText``) and its caption (lines, wrapped as needed).
    public struct Item: Sendable, Equatable {
        public var picture: [String]
        public var caption: [String]
        public init(picture: [String], caption: [String]) { self.picture = picture; self.caption = caption }
    }

    /// Columns available.
    public var width: Int
    /// Spaces between cells.
    public var gap: Int

    public init(width: Int, gap: Int = 3) {
        self.width = max(1, width); self.gap = max(1, gap)
    }

    /// The rows of cells, trailing spaces removed.
    public func draw(_ items: [Item]) -> [String] {
        guard !items.isEmpty else { return [] }
        let pictureWidth = items.flatMap { $0.picture.map(\.count) }.max() ?? 0
        let cell = max(pictureWidth, min(width, items.flatMap { $0.caption.flatMap { $0.split(separator: " ").map(\.count) } }.max() ?? 0))
        let perRow = max(1, (width + gap) / (cell + gap))
        let wrapped = items.map { $0.picture + $0.caption.flatMap { WordWrap.lines($0, width: cell) } }
        var lines: [String] = []
        for start in stride(from: 0, to: wrapped.count, by: perRow) {
            let row = wrapped[start..<min(start + perRow, wrapped.count)]
            if start > 0 { lines.append("") }
            let height = row.map(\.count).max() ?? 0
            for k in 0..<height {
                var line = row.map { k < $0.count ? $0[k] + String(repeating: " ", count: max(0, cell - $0[k].count)) : String(repeating: " ", count: cell) }
                    .joined(separator: String(repeating: " ", count: gap))
                while line.last == " " { line.removeLast() }
                lines.append(line)
            }
        }
        return lines
    }
}
