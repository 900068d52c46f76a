import Foundation
import Testing
import LearnCore
import LearnCourse
import LearnText
@testable import LearnNotebook

/// Every lesson stays true when a learner changes a parameter: run with each numeric parameter changed,
/// no output (terminal, Markdown, HTML) shows the slides' value of a quantity whose value changed,
/// outside the places labelled as the slides' (the banner, a "slides" column, a notice).
///
/// How a stale number is found: every number written in an output with at least three significant
/// digits (or a whole number of three digits or more) is read with the decimals it is written with. It
/// is stale when it is what a changed quantity's default value rounds to at those decimals, and nothing
/// of the changed run (no quantity, no parameter) rounds to it.
@Suite struct HonestUnderSetTests {
    static let library = LessonLibrary()

    @Test(arguments: library.names.filter { !LessonGoldenTests.datasetLessons.contains($0) })
    func everyParameterChangedShowsNoStaleNumber(_ name: String) throws {
        try Self.check(name)
    }

    @Test(.enabled(if: LessonGoldenTests.mnistGiven, "needs MNIST: set LEARN_TEST_MNIST=DIR"),
          arguments: LessonGoldenTests.datasetLessons.sorted())
    func everyParameterChangedShowsNoStaleNumberOnMNIST(_ name: String) throws {
        try Self.check(name)
    }

    /// The acceptance example: `--set i1=0.2` shows 0.2 in the parameter table, the slides' 0.05 only in
    /// the column labelled as the slides', and no sentence about the slides' out_h2.
    @Test func backpropWithAnotherInput() throws {
        let lesson = try Self.library.lesson("backprop")
        let d = try LessonEvaluator(overrides: [Argument(name: "i1", value: "0.2")]).evaluate(lesson)
        let text = TerminalRenderer(style: TerminalStyle(colour: false, width: 100)).render(d)
        #expect(d.changes == [ParameterChange(name: "i1", meaning: "input i1", value: "0.2", slides: "0.05")])
        #expect(text.contains("slides: 0.05"), "the banner names the slides' value")
        let tableRow = text.split(separator: "\n").first { $0.contains("i₁") && $0.contains("input i1") }
        #expect(tableRow?.contains("0.2") == true && tableRow?.contains("0.05") == true, "\(String(describing: tableRow))")
        #expect(!text.contains("0.596884378"), "the slides' out_h2 is not shown")
        #expect(text.contains("0.605873668"), "this run's out_h2 is")
    }

    // MARK: The check

    static func check(_ name: String) throws {
        let lesson = try library.lesson(name)
        let base = try LessonEvaluator().evaluate(lesson)
        let baseValues = values(base)
        for parameter in LessonEvaluator.parameters(of: lesson) {
            guard let (value, changed) = try changedRun(lesson, parameter) else { continue }
            let newValues = values(changed)
            // The quantities whose value changed, with their slides' values.
            var stale: [(name: String, value: Double)] = []
            for (q, x0) in baseValues.quantities {
                guard let x1 = changed.quantity(q)?.value else { stale.append((q, x0)); continue }
                if !(abs(x1 - x0) <= 1e-12 * max(1, abs(x0))) { stale.append((q, x0)) }
            }
            guard !stale.isEmpty else { continue }
            // Numbers this run computed: its quantities, and every number its traces show (a table row
            // of a changed run may equal an old quantity's value and still be this run's).
            let current = newValues.all + computedNumbers(changed)
            let shown = exemptionsRemoved(changed)
            let outputs = [("terminal", TerminalRenderer(style: TerminalStyle(colour: false, width: 100)).render(shown)),
                           ("markdown", MarkdownRenderer().render(shown)),
                           ("html", HTMLText.visibleText(HTMLRenderer().render(shown)))]
            for (format, text) in outputs {
                for word in nonFiniteWords(in: text).prefix(2) {
                    Issue.record("\(name) --set \(parameter.name)=\(value): \(format) prints \(word)")
                }
                var reported = 0
                for token in WrittenToken.all(in: text) where token.isSpecific {
                    guard let q = stale.first(where: { token.matches($0.value) }) else { continue }
                    if current.contains(where: { token.matches($0) }) { continue }
                    reported += 1
                    if reported <= 3 {
                        let now = changed.quantity(q.name).map { NumberFormat().string($0.value) } ?? "not computed"
                        let slides = NumberFormat().string(q.value)
                        Issue.record("\(name) --set \(parameter.name)=\(value): \(format) shows \(token.text), the slides' \(q.name) (\(slides), now \(now)), in: \(token.context)")
                    }
                }
            }
        }
    }

    /// The words of `text` that are a non-finite number as Swift or C print one (nan, inf, -inf): a
    /// number `learn` prints is never one (an overflow shown on purpose reads "overflows").
    static func nonFiniteWords(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "(?<![A-Za-z_\\\\])(-?nan|[-+]?inf(inity)?)(?![A-Za-z_])", options: [.caseInsensitive])
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            ns.substring(with: NSRange(location: max(0, m.range.location - 30), length: min(ns.length - max(0, m.range.location - 30), m.range.length + 60)))
        }
    }

    /// No lesson, with the slides' numbers, prints nan or inf in any format.
    @Test(arguments: library.names.filter { !LessonGoldenTests.datasetLessons.contains($0) })
    func noOutputPrintsANonFiniteNumber(_ name: String) throws {
        let d = try LessonEvaluator().evaluate(try Self.library.lesson(name))
        for (format, text) in [("terminal", TerminalRenderer(style: TerminalStyle(colour: false, width: 100)).render(d)),
                               ("markdown", MarkdownRenderer().render(d)), ("html", HTMLText.visibleText(HTMLRenderer().render(d)))] {
            for word in Self.nonFiniteWords(in: text).prefix(3) { Issue.record("\(name): \(format) prints \(word)") }
        }
    }

    /// The lesson run with `parameter` changed to a value it accepts, or nil if it is not a number.
    static func changedRun(_ lesson: Lesson, _ parameter: Parameter) throws -> (String, Document)? {
        for candidate in candidates(parameter) {
            do {
                return (candidate, try LessonEvaluator(overrides: [Argument(name: parameter.name, value: candidate)]).evaluate(lesson))
            } catch is OverrideError {
                continue
            }
        }
        if !candidates(parameter).isEmpty { Issue.record("\(lesson.name): no changed value of \(parameter.name) runs") }
        return nil
    }

    /// A few other values of a numeric parameter, inside its range.
    static func candidates(_ p: Parameter) -> [String] {
        switch p.kind {
        case .number(let d, let range):
            let tries = [d == 0 ? 0.1 : d * 1.1 + 0.01, d == 0 ? -0.1 : d * 0.9 - 0.01,
                         range.lowerBound + 0.37 * (range.upperBound - range.lowerBound)]
            return tries.map { min(max($0, range.lowerBound), range.upperBound) }.filter { $0 != d }
                .map { NumberFormat(digits: 6).string($0) }
        case .count(let d, let range):
            return [d + 1, d - 1, range.lowerBound].filter { range.contains($0) && $0 != d }.map(String.init)
        case .choice, .text:
            return []
        }
    }

    /// The document without what is labelled as the slides' (the banner, the slides' columns and values,
    /// notices about left-out passages) and without pictures, which are drawn from the run's own data
    /// (an axis label may match a changed quantity's old value by chance).
    static func exemptionsRemoved(_ d: Document) -> Document {
        var out = d
        out.changes = []
        out.parts = d.parts.map { part in
            var p = part
            p.blocks = part.blocks.compactMap { block -> Block? in
                switch block {
                case .notice, .plot, .image, .regions: return nil
                case .table(var t):
                    let keep = t.columns.indices.filter { !t.columns[$0].isSlides }
                    t.columns = keep.map { t.columns[$0] }
                    t.rows = t.rows.map { row in keep.map { $0 < row.count ? withoutSlidesValues(row[$0]) : [] } }
                    return .table(t)
                case .paragraph(let text): return .paragraph(withoutSlidesValues(text))
                default: return block
                }
            }
            return p
        }
        return out
    }

    static func withoutSlidesValues(_ inlines: [Inline]) -> [Inline] {
        inlines.map { x in
            switch x {
            case .slidesValue: return .text("")
            case .emphasis(let i): return .emphasis(withoutSlidesValues(i))
            case .strong(let i): return .strong(withoutSlidesValues(i))
            default: return x
            }
        }
    }

    /// Every number in the document's trace parts: table cells and the numbers in steps.
    static func computedNumbers(_ d: Document) -> [Double] {
        var out: [Double] = []
        func numbers(_ inlines: [Inline]) {
            for x in inlines {
                switch x {
                case .number(let v): out.append(v)
                case .emphasis(let i), .strong(let i): numbers(i)
                default: break
                }
            }
        }
        func numbers(_ f: Formula) {
            switch f {
            case .number(let v): out.append(v)
            case .sum(let t), .product(let t), .function(_, let t): t.forEach(numbers)
            case .difference(let a, let b), .quotient(let a, let b), .power(let a, let b): numbers(a); numbers(b)
            case .negation(let a), .parentheses(let a): numbers(a)
            default: break
            }
        }
        for part in d.parts where part.kind == .trace {
            for block in part.blocks {
                switch block {
                case .table(let t): t.rows.forEach { $0.forEach(numbers) }
                case .step(let s): out.append(s.value); s.forms.forEach(numbers)
                default: break
                }
            }
        }
        return out
    }

    /// Every named number of a run: its quantities, and every parameter value.
    static func values(_ d: Document) -> (quantities: [(String, Double)], all: [Double]) {
        let q = d.quantities.map { ($0.name, $0.value) }
        return (q, q.map(\.1))
    }
}

/// A number as written in an output, with the precision the writing implies.
struct WrittenToken {
    var text: String
    /// Its magnitude (signs are not read: a minus may be typeset apart from its number).
    var value: Double
    /// Digits after the decimal point, counted in the mantissa and shifted by the exponent.
    var decimals: Int
    var significant: Int
    var context: String

    /// A number specific enough that matching it is no coincidence: three significant digits or more.
    var isSpecific: Bool { significant >= 3 }

    /// Whether `x` rounds to this number at its precision.
    func matches(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        let unit = pow(10, Double(-decimals))
        return abs(abs(x) - value) <= 0.5 * unit * (1 + 1e-9)
    }

    /// Every number in `text`: `0.593269992`, `10,000`, `3.51e-5`, `3.51×10⁻⁵`, `3.51 \times 10^{-5}`.
    static func all(in text: String) -> [WrittenToken] {
        let pattern = #"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:e(-?\d+)|×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)| \\times 10\^\{(-?\d+)\})?(?![\w])"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        var out: [WrittenToken] = []
        for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            func group(_ k: Int) -> String? {
                let r = m.range(at: k)
                return r.location == NSNotFound ? nil : ns.substring(with: r)
            }
            let whole = group(1)!.replacingOccurrences(of: ",", with: "")
            let fraction = group(2) ?? ""
            var exponent = 0
            if let e = group(3) ?? group(5) { exponent = Int(e) ?? 0 }
            if let s = group(4) { exponent = Int(String(s.map { superscriptDigit($0) })) ?? 0 }
            guard let mantissa = Double(whole + (fraction.isEmpty ? "" : "." + fraction)) else { continue }
            let digits = (whole + fraction).drop { $0 == "0" }
            let significant = fraction.isEmpty && exponent == 0 ? String(whole.drop { $0 == "0" }).count : digits.count
            let start = max(0, m.range.location - 40), end = min(ns.length, m.range.location + m.range.length + 40)
            out.append(WrittenToken(text: ns.substring(with: m.range), value: mantissa * pow(10, Double(exponent)),
                                    decimals: fraction.count - exponent, significant: significant,
                                    context: ns.substring(with: NSRange(location: start, length: end - start)).replacingOccurrences(of: "\n", with: " ")))
        }
        return out
    }

    static func superscriptDigit(_ c: Character) -> Character {
        let map: [Character: Character] = ["⁻": "-", "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9"]
        return map[c] ?? c
    }
}

/// The text a reader sees in an HTML page: tags and the contents of `<style>` dropped, entities read.
enum HTMLText {
    static func visibleText(_ html: String) -> String {
        var s = html.replacingOccurrences(of: #"<style[^>]*>[\s\S]*?</style>"#, with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        for (entity, c) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: entity, with: c)
        }
        return s
    }
}
