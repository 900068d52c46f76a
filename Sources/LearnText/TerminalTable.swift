/// A table laid out for a terminal: columns aligned, separated by `│`, the header underlined with `─┼─`
/// (`|` and `-+-` in ASCII).
///
/// Widths are measured in visible characters. When the table is wider than the line, cells wrap at
/// spaces, columns that want the most room giving up the most, but no column gets narrower than its
/// longest word; rows that wrap are set apart by an empty row. A table that still cannot fit is split
/// into narrower tables that each repeat the first column, or, when even that cannot fit, shown as
/// records, one block per row, each cell after its column's heading.
struct TerminalTable {
    typealias Alignment = Table.Alignment

    var header: [StyledText]
    var alignments: [Alignment]
    var rows: [[StyledText]]

    /// Columns before the table.
    static let indent = 2

    /// The table as lines, none wider than `width` unless a word is.
    func lines(width: Int, style: TerminalStyle) -> [String] {
        let n = alignments.count
        guard n > 0 else { return [] }
        let all = [header] + rows
        func cell(_ row: [StyledText], _ c: Int) -> StyledText { c < row.count ? row[c] : StyledText() }
        let natural = (0..<n).map { c in all.map { cell($0, c).naturalWidth }.max() ?? 0 }
        let least = (0..<n).map { c in max(1, all.map { cell($0, c).longestWord }.max() ?? 0) }
        var indent = Self.indent
        if indent + least.reduce(0, +) + 3 * (n - 1) > width { indent = 0 }
        if least.reduce(0, +) + 3 * (n - 1) > width { return split(width: width, style: style, natural: natural, least: least) }
        let widths = Self.widths(natural: natural, least: least, room: width - indent - 3 * (n - 1))
        let margin = String(repeating: " ", count: indent)
        let bar = " " + style.paint(style.unicode ? "│" : "|", .dim) + " "
        func layout(_ row: [StyledText]) -> [String] {
            let wrapped = (0..<n).map { cell(row, $0).wrap(widths[$0], style: style) }
            let height = max(1, wrapped.map(\.count).max() ?? 1)
            return (0..<height).map { k in
                let parts = (0..<n).map { c -> String in
                    let (text, used) = k < wrapped[c].count ? wrapped[c][k] : ("", 0)
                    let room = max(0, widths[c] - used)
                    switch alignments[c] {
                    case .left: return text + String(repeating: " ", count: room)
                    case .right: return String(repeating: " ", count: room) + text
                    case .center:
                        return String(repeating: " ", count: room / 2) + text + String(repeating: " ", count: room - room / 2)
                    }
                }
                return Self.trailingSpacesRemoved(margin + parts.joined(separator: bar))
            }
        }

        let dash = style.unicode ? "─" : "-"
        let rule = margin + style.paint(widths.map { String(repeating: dash, count: $0) }.joined(separator: style.unicode ? "─┼─" : "-+-"), .dim)
        var lines = layout(header) + [rule]
        let body = rows.map(layout)
        let spaced = body.contains { $0.count > 1 }
        for (k, row) in body.enumerated() {
            if spaced && k > 0 { lines.append(Self.trailingSpacesRemoved(layout([]).first ?? "")) }
            lines += row
        }
        return lines
    }

    /// A table too wide for the line as several narrower tables, each repeating the row's name (the
    /// leading left-aligned columns, two at most) beside as many of the others as fit; as records when
    /// even one more column does not fit beside the name.
    func split(width: Int, style: TerminalStyle, natural: [Int], least: [Int]) -> [String] {
        let n = alignments.count
        var keys = [0]
        if n > 3, alignments[0] == .left, alignments[1] == .left, least[0] + least[1] + 3 < width / 2 { keys.append(1) }
        let keyWidth = keys.map { least[$0] }.reduce(0, +) + 3 * (keys.count - 1)
        guard n > keys.count + 1, keyWidth + 3 + (least.dropFirst(keys.count).max() ?? 0) <= width else {
            return records(width: width, style: style)
        }
        var groups: [[Int]] = [[]]
        var used = keyWidth
        for c in keys.count..<n {
            let want = min(natural[c], max(least[c], width / 2))
            if !groups[groups.count - 1].isEmpty && used + 3 + want > width {
                groups.append([])
                used = keyWidth
            }
            groups[groups.count - 1].append(c)
            used += 3 + want
        }
        var lines: [String] = []
        for (k, group) in groups.enumerated() {
            let columns = keys + group
            let part = TerminalTable(header: columns.map { $0 < header.count ? header[$0] : StyledText() },
                                     alignments: columns.map { alignments[$0] },
                                     rows: rows.map { row in columns.map { $0 < row.count ? row[$0] : StyledText() } })
            if k > 0 { lines.append("") }
            lines += part.lines(width: width, style: style)
        }
        return lines
    }

    /// The table as records: for each row, every non-empty cell on its own line after its heading (or
    /// under it, indented, when both do not fit on a line); rows separated by an empty line.
    func records(width: Int, style: TerminalStyle) -> [String] {
        var lines: [String] = []
        for (r, row) in rows.enumerated() {
            if r > 0 { lines.append("") }
            for (c, cell) in row.enumerated() where !cell.plain.isEmpty {
                var label = c < header.count ? header[c] : StyledText()
                if label.plain.isEmpty { label.append(String(c + 1), []) }
                var line = label
                line.append(":", [], breakable: false)
                if label.naturalWidth + 2 + cell.naturalWidth <= width {
                    line.append(" ", [])
                    line.append(cell)
                    lines += line.wrap(width, style: style).map(\.text)
                } else {
                    lines += line.wrap(width, style: style).map(\.text)
                    lines += cell.wrap(max(width - 2, 10), style: style).map { "  " + $0.text }
                }
            }
        }
        return lines
    }

    /// Column widths that fit in `room`: each column gets its longest word, and what is left goes to the
    /// columns in proportion to how much more they want (so prose columns wrap before short ones).
    static func widths(natural: [Int], least: [Int], room: Int) -> [Int] {
        let least = zip(natural, least).map { min($0, $1) }
        if natural.reduce(0, +) <= room { return natural }
        let spare = room - least.reduce(0, +)
        guard spare > 0 else { return least }
        let wants = zip(natural, least).map { $0 - $1 }
        let total = wants.reduce(0, +)
        var widths = zip(least, wants).map { $0 + $1 * spare / total }
        var left = room - widths.reduce(0, +)
        for c in widths.indices.sorted(by: { wants[$0] > wants[$1] }) where left > 0 && widths[c] < natural[c] {
            widths[c] += 1
            left -= 1
        }
        return widths
    }

    static func trailingSpacesRemoved(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
