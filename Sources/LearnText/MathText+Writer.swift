extension MathText {
    /// The text a `Parser` writes: collapses runs of spaces, and puts a space on each side of an operator
    /// (not before punctuation or a closing bracket, and none for an operator used as a sign).
    struct Writer {
        private(set) var text = ""
        private var spaceAfterOperator = false

        /// The text without leading or trailing spaces.
        var finished: String {
            String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        }

        /// Whether the text ends in something a fraction written next to it would multiply.
        var endsWithOperand: Bool {
            guard let last = text.last else { return false }
            return last.isLetter || last.isNumber || last == ")" || last == "]"
        }

        mutating func append(_ s: String) {
            let s = text.isEmpty || text.last == " " ? s.drop { $0 == " " } : s[...]
            guard let first = s.first else { return }
            if spaceAfterOperator {
                spaceAfterOperator = false
                if !",;.:)]}!?′".contains(first) { space() }
            }
            text += s
        }

        mutating func space() {
            if let last = text.last, last != " " { text.append(" ") }
        }

        /// `count` spaces, as `\quad` gives.
        mutating func gap(_ count: Int) {
            trimTrailingSpace()
            if !text.isEmpty { text += String(repeating: " ", count: count) }
        }

        /// A binary operator or relation, spaced; as a sign (at the start, after an opening bracket, a comma
        /// or another operator) it sticks to its operand.
        mutating func binary(_ op: String) {
            let previous = text.last { $0 != " " }
            let sign = previous.map { "([{,;=<>+-−".contains($0) || MathText.operators.values.contains(String($0)) } ?? true
            if sign {
                append(op)
            } else {
                space()
                append(op)
                spaceAfterOperator = true
            }
        }

        mutating func trimTrailingSpace() {
            while text.last == " " { text.removeLast() }
            spaceAfterOperator = false
        }
    }
}
