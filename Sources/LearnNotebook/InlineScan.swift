/// The text ``InlineParser`` reads, with what its searches for closing delimiters have learned, so that
/// the parse is linear in the length of the text.
///
/// Each search looks at most ``InlineParser/reach`` characters ahead, as before; what changes is the
/// cost. The `]` that closes each `[` and the next `)`, `>` and white space after each place are found
/// once, in passes over the whole text. The other searches (a code span's closing backticks, the `$`
/// that closes maths, the run that closes emphasis) walk forward from one place to the next in a way
/// that depends only on the place, so every place a walk passes is noted with where that walk ended;
/// a later walk that reaches a noted place takes that outcome instead of walking the same stretch
/// again. Without this, 80 KB of `[`, `![`, `<`, `$1` or `*a ` cost 4,000 steps per character.
final class InlineScan {
    let s: [Character]
    /// The work done so far, in steps: a place looked at by a walk, a jump over a noted stretch, and
    /// one per character for each pass over the whole text. Tests count it to show the parse linear
    /// without timing it.
    private(set) var steps = 0

    init(_ s: [Character]) { self.s = s }

    // MARK: Passes over the whole text

    /// For each `[`, the index of the `]` that closes it (nesting counted, a backslash escaping the
    /// character after it), or nil when none does.
    private lazy var closingBracket: [Int?] = {
        steps += s.count
        var result = [Int?](repeating: nil, count: s.count), open: [Int] = []
        var j = 0
        while j < s.count {
            if s[j] == "\\" { j += 2; continue }
            if s[j] == "[" { open.append(j) } else if s[j] == "]", let o = open.popLast() { result[o] = j }
            j += 1
        }
        return result
    }()

    /// For each character searched for with ``next(_:from:)``: at each index, the first index at or after
    /// it holding that character (`s.count` when none).
    private var nextTables: [Character: [Int]] = [:]
    private lazy var nextSpace: [Int] = {
        steps += s.count
        return Self.nextTable(s) { $0.isWhitespace }
    }()

    private static func nextTable(_ s: [Character], where match: (Character) -> Bool) -> [Int] {
        var table = [Int](repeating: s.count, count: s.count + 1)
        for j in stride(from: s.count - 1, through: 0, by: -1) { table[j] = match(s[j]) ? j : table[j + 1] }
        return table
    }

    /// The first index at or after `from` holding `c`, or `s.count`.
    func next(_ c: Character, from: Int) -> Int {
        guard from < s.count else { return s.count }
        if nextTables[c] == nil {
            steps += s.count
            nextTables[c] = Self.nextTable(s) { $0 == c }
        }
        return nextTables[c]![from]
    }

    /// The first index at or after `from` holding white space, or `s.count`.
    func nextWhitespace(from: Int) -> Int { from < s.count ? nextSpace[from] : s.count }

    // MARK: Walks that remember

    /// Which walk: the delimiter looked for, its length, and the end of the text parsed (a walk inside
    /// emphasis or a link's label stops at its end).
    private struct WalkKey: Hashable {
        var kind: Character
        var length: Int
        var end: Int
    }

    /// Where a walk that passed a place went on to: the place it accepted, or the place it stopped
    /// (at or past its limit) without accepting one.
    private enum Outcome {
        case found(Int)
        case stopped(Int)
    }

    /// What one step of a walk at a place says: accept it, or go on at another place (further on).
    enum Step {
        case accept
        case advance(Int)
    }

    private var outcomes: [WalkKey: [Int: Outcome]] = [:]

    /// The first place at or after `from` and before `limit` that `step` accepts, walking as `step`
    /// says. Every place passed but `from` (whose acceptance may depend on the caller) is noted with the
    /// walk's outcome, and a noted place is not walked from again: `step` must depend only on the place.
    private func walk(_ key: WalkKey, from: Int, limit: Int, step: (Int) -> Step) -> Int? {
        var j = from, passed: [Int] = []
        let outcome: Outcome
        while true {
            steps += 1
            if j >= limit { outcome = .stopped(j); break }
            if j != from, let known = outcomes[key]?[j] {
                passed.append(j)
                if case .stopped(let t) = known { j = t; continue }
                outcome = known
                break
            }
            if j != from { passed.append(j) }
            switch step(j) {
            case .accept: outcome = .found(j)
            case .advance(let next): j = next; continue
            }
            break
        }
        // In place (a copy of the table per walk would make this quadratic again).
        for p in passed { outcomes[key, default: [:]][p] = outcome }
        if case .found(let q) = outcome, q < limit { return q }
        return nil
    }

    // MARK: The searches of InlineParser

    /// The length of the run of equal characters at `i`.
    static func run(_ s: [Character], _ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end, s[j] == s[i] { j += 1 }
        return j - i
    }

    /// Where a run of exactly `count` backticks starts at or after `from`.
    func backticks(from: Int, count: Int, end: Int) -> Int? {
        walk(WalkKey(kind: "`", length: count, end: end), from: from, limit: min(end, from + InlineParser.reach)) { j in
            guard s[j] == "`" else { return .advance(j + 1) }
            let n = Self.run(s, j, end)
            return n == count ? .accept : .advance(j + n)
        }
    }

    /// Maths starting at the `$` at `i`: `$$…$$`, or `$…$` whose opening `$` is followed and whose closing
    /// `$` is preceded by a non-space, the closing one not followed by a digit (so "$5 and $6" is text).
    /// The LaTeX and the index after the closing delimiter.
    func maths(_ i: Int, _ end: Int) -> (String, Int)? {
        let limit = min(end, i + InlineParser.reach)
        if i + 1 < end, s[i + 1] == "$" {
            // A `$$` at j needs j + 1 < limit.
            guard let j = walk(WalkKey(kind: "$", length: 2, end: end), from: i + 2, limit: limit - 1, step: { j in
                if s[j] == "\\" { return .advance(j + 2) }
                return s[j] == "$" && s[j + 1] == "$" ? .accept : .advance(j + 1)
            }) else { return nil }
            return j > i + 2 ? (String(s[(i + 2)..<j]), j + 2) : nil
        }
        guard i + 1 < end, !s[i + 1].isWhitespace else { return nil }
        guard let j = walk(WalkKey(kind: "$", length: 1, end: end), from: i + 1, limit: limit, step: { j in
            if s[j] == "\\" { return .advance(j + 2) }
            return s[j] == "$" && !s[j - 1].isWhitespace && (j + 1 == end || !s[j + 1].isNumber) ? .accept : .advance(j + 1)
        }) else { return nil }
        return (String(s[(i + 1)..<j]), j + 1)
    }

    /// Emphasis opened by the run of `n` `*` or `_` at `i`: the range inside it, the index after the
    /// closing run, and its strength (1 emphasis, 2 strong, 3 both).
    func emphasis(_ i: Int, _ n: Int, _ end: Int) -> (Range<Int>, Int, Int)? {
        let c = s[i]
        guard i + n < end, !s[i + n].isWhitespace else { return nil }
        if c == "_", i > 0, s[i - 1].isLetter || s[i - 1].isNumber { return nil }
        for length in stride(from: min(n, 3), through: 1, by: -1) {
            if let close = closer(from: i + length, c, length, end) {
                return ((i + length)..<close, close + length, length)
            }
        }
        return nil
    }

    /// A run of exactly `length` `c` after `from` that can close emphasis: after a non-space, and for `_`
    /// not followed by a letter or digit. Code spans and maths are skipped.
    func closer(from: Int, _ c: Character, _ length: Int, _ end: Int) -> Int? {
        walk(WalkKey(kind: c, length: length, end: end), from: from, limit: min(end, from + InlineParser.reach)) { j in
            let x = s[j]
            if x == "\\" { return .advance(j + 2) }
            if x == "`" {
                let n = Self.run(s, j, end)
                return .advance((backticks(from: j + n, count: n, end: end) ?? j) + n)
            }
            if x == "$" { return .advance(maths(j, end)?.1 ?? j + Self.run(s, j, end)) }
            guard x == c else { return .advance(j + 1) }
            let n = Self.run(s, j, end)
            let after = j + n < end ? s[j + n] : " "
            // Not the walk's first place (`j > from`): the walk never accepts where it starts, as
            // ``walk`` requires of a step that depends on the caller.
            if n == length, j > from, !s[j - 1].isWhitespace, c != "_" || !(after.isLetter || after.isNumber) {
                return .accept
            }
            return .advance(j + n)
        }
    }

    /// `[label](url)` at `i`: the label's range, the url, and the index after the `)`.
    func link(_ i: Int, _ end: Int) -> (Range<Int>, String, Int)? {
        let limit = min(end, i + InlineParser.reach)
        guard let j = closingBracket[i], j < limit, j + 1 < end, s[j + 1] == "(" else { return nil }
        let urlLimit = min(end, j + 2 + InlineParser.reach)
        let close = next(")", from: j + 2)
        guard close < urlLimit else { return nil }
        return ((i + 1)..<j, String(s[(j + 2)..<close]), close + 1)
    }
}
