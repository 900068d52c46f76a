import LearnCore
import LearnNotebook
import LearnText

/// The lines `learn verify` prints for a sheet of verdicts: one entry per answer in the lesson's order,
/// the formula of each first wrong step, and a one-line summary; every line fits `width`.
struct VerifyReport {
    var format: NumberFormat
    var width: Int
    var colour: Bool
    var unicode: Bool
    var minimumDigits: Int

    private func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    func lines(_ verdicts: [Verifier.Verdict]) -> [String] {
        var lines: [String] = []
        let formulas = FormulaText(format: format, unicode: unicode)
        for v in verdicts {
            let answer = "\(v.name) = \(v.written.text)"
            let expected = format.string(v.quantity.value)
            switch v.judgement {
            case .right:
                lines += entry(paint("✓", "32"), answer, "right (lesson: \(expected))")
            case .rightFromYourNumbers(let names):
                lines += entry(paint("✓", "32"), answer,
                               "right from your rounded \(names.joined(separator: ", ")) (lesson: \(expected))")
            case .tooFewDigits(let digits):
                let had = digits == 1 ? "1 significant digit" : "\(digits) significant digits"
                lines += entry(paint("?", "33"), answer, "too few digits to check: \(had), at least \(minimumDigits) needed")
            case .ambiguous(let slips):
                let others = slips.prefix(3).map { "\(format.string($0.value)) (\($0.description))" }
                lines += entry(paint("?", "33"), answer,
                               "rounds to the lesson's \(expected), but also to what a slip gives: \(others.joined(separator: ", ")); write more digits")
            case .consequential(let roots):
                lines += entry(paint("→", "36"), answer,
                               "follows from your \(roots.joined(separator: ", "))\(Self.giving(v, format)); lesson: \(expected)")
            case .wrong(let slip):
                var why = "expected \(paint(expected, "1"))"
                if let slip {
                    let place = slip.step == v.name ? "" : " in \(slip.step), which you did not write down"
                    why += "; likely slip\(place): \(slip.description)"
                } else if let hint = v.roundingHint {
                    why += "; your digits are truncated: rounded, it is \(hint)"
                }
                lines += entry(paint("✗", "31"), answer, why)
                if let step = v.quantity.step {
                    let pieces = formulas.step(symbol: step.symbol, forms: step.forms, value: step.value)
                    lines += FormulaLayout.lines(pieces, width: width, indent: 4)
                }
            }
        }
        lines += summary(verdicts)
        return lines
    }

    /// The first wrong step with its slip, then `12 answers: 9 right, 2 consequential, 1 wrong, 0 to redo with more digits`.
    /// How a consequential answer follows from the learner's numbers, and the value (or values) it
    /// gives: each one that its written precision matches, so the line never claims what is not so.
    static func giving(_ v: Verifier.Verdict, _ format: NumberFormat) -> String {
        if let digits = v.roundedDigits, let value = v.recomputed {
            return ", with the steps you did not write down rounded to \(digits) significant digits, giving \(format.string(value))"
        }
        if let range = v.recomputedRange {
            return ", which give \(format.string(range.lowerBound)) to \(format.string(range.upperBound)) within the digits you wrote"
        }
        return v.recomputed.map { ", giving \(format.string($0))" } ?? ""
    }

    func summary(_ verdicts: [Verifier.Verdict]) -> [String] {
        var lines: [String] = []
        if let first = verdicts.first(where: { if case .wrong = $0.judgement { return true } else { return false } }) {
            var text = "First wrong step: \(first.name)"
            if case .wrong(let s?) = first.judgement { text += " (\(s.kind.name))" }
            lines += WordWrap.lines(text, width: width)
        }
        let t = Verifier.Tally(verdicts)
        let count = "\(verdicts.count) answer\(verdicts.count == 1 ? "" : "s")"
        let long = "\(count): \(t.right) right, \(t.consequential) consequential, \(t.wrong) wrong, \(t.tooFewDigits) need more digits"
        let short = "\(t.right) right, \(t.consequential) conseq., \(t.wrong) wrong, \(t.tooFewDigits) need digits"
        let marks = "\(count): ✓ \(t.right)  → \(t.consequential)  ✗ \(t.wrong)  ? \(t.tooFewDigits)"
        lines.append([long, short].first { $0.count <= width } ?? marks)
        return lines
    }

    /// `mark answer   note`, the note on the same line when it fits, else wrapped under it.
    private func entry(_ mark: String, _ answer: String, _ note: String) -> [String] {
        let head = "\(mark) \(answer)"
        let headWidth = 2 + answer.count
        if headWidth + 3 + visible(note) <= width { return ["\(head)   \(note)"] }
        return [head] + WordWrap.lines(note, width: max(20, width - 4)).map { "    " + $0 }
    }

    private func visible(_ text: String) -> Int {
        var count = 0, escape = false
        for c in text {
            if c == "\u{1B}" { escape = true; continue }
            if escape { if c == "m" { escape = false }; continue }
            count += 1
        }
        return count
    }
}
