/// Items laid out in rows that fill a width, each row as many as fit, in order (legends of plots and
/// decision-region maps).
enum SVGRows {
    /// `items` in rows whose widths (by `width(item)`) add up to at most `available`; an item wider
    /// than that gets a row of its own.
    static func fill<Item>(_ items: [Item], available: Double, width: (Item) -> Double) -> [[Item]] {
        var rows: [[Item]] = []
        var used = 0.0
        for item in items {
            let w = width(item)
            if rows.isEmpty || used + w > available {
                rows.append([item])
                used = w
            } else {
                rows[rows.count - 1].append(item)
                used += w
            }
        }
        return rows
    }
}
