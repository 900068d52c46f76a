import LearnCore

extension ImageText {
    /// The picture inside a frame that shows where it ends (its background is blank): box-drawing lines
    /// with `unicode`, else `+`, `-` and `|`. `columns + 2` wide, `(rows + 1) / 2 + 2` lines.
    public func framed(_ image: TraceImage) -> [String] {
        let (top, bottom, edge, side) = unicode ? (("┌", "┐"), ("└", "┘"), "─", "│") : (("+", "+"), ("+", "+"), "-", "|")
        let rule = String(repeating: edge, count: image.columns)
        let inside = draw(image).map { side + $0 + String(repeating: " ", count: max(0, image.columns - $0.count)) + side }
        return [top.0 + rule + top.1] + inside + [bottom.0 + rule + bottom.1]
    }
}
