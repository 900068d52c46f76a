import LearnNotebook
import LearnText

/// What `learn grade` prints (a line or two per learner, then the class's statistics step by step,
/// fitted to `width`) and the CSV it writes.
struct GradeReport {
    var width: Int

    func lines(_ report: ClassReport, lesson: String, failed: Int) -> [String] {
        let sheets = report.sheets
        var lines = ["\(lesson): \(sheets.count) sheet\(sheets.count == 1 ? "" : "s") graded" + (failed > 0 ? ", \(failed) not (see above)" : "")]
        guard !sheets.isEmpty else { return lines }
        lines.append("")
        // A file's name, or its path as given where two sheets share a name (a/alice.txt, b/alice.txt).
        let short = sheets.map { Self.shortName($0.file) }
        let names = sheets.indices.map { i in short.filter { $0 == short[i] }.count > 1 ? sheets[i].file : short[i] }
        let column = min(24, names.map(\.count).max() ?? 0)
        for (i, sheet) in sheets.enumerated() {
            let t = sheet.tally
            let name = names[i]
            let seed = sheet.seed.map { " (seed \($0))" } ?? ""
            let score = "\(t.right)/\(sheet.verdicts.count) right, \(t.consequential) consequential, \(t.wrong) wrong, \(t.tooFewDigits) need digits"
            let head = name.padding(toLength: max(column, name.count), withPad: " ", startingAt: 0) + seed
            if head.count + 2 + score.count <= width {
                lines.append("\(head)  \(score)")
            } else {
                lines.append(head)
                lines += WordWrap.lines(score, width: width - 4).map { "    " + $0 }
            }
            if let first = sheet.firstWrong {
                let slip = first.slip.map { ": \($0.kind.name)" } ?? ""
                lines += WordWrap.lines("first wrong: \(first.step)\(slip)", width: width - 4).map { "    " + $0 }
            }
        }
        let steps = report.steps
        lines.append("")
        lines.append("Step by step: wrong of answered (+ consequential), most common slip")
        let nameWidth = min(28, steps.map(\.name.count).max() ?? 0)
        for step in steps {
            let name = step.name.padding(toLength: max(nameWidth, step.name.count), withPad: " ", startingAt: 0)
            var text = "  \(name)  \(step.wrong)/\(step.answered)"
            if step.consequential > 0 { text += " (+\(step.consequential))" }
            if let slip = step.commonSlip { text += "  \(slip.name) ×\(step.commonSlipCount)" }
            lines += text.count <= width ? [text] : WordWrap.lines(text, width: width - 4).enumerated().map { $0 == 0 ? $1 : "    " + $1 }
        }
        return lines
    }

    /// The file's name without its folders.
    static func shortName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// One RFC 4180 row per learner, after a header row; CRLF line ends, fields quoted where needed.
    static func csv(_ report: ClassReport) -> String {
        var rows = [["file", "seed", "right", "consequential", "wrong", "too few digits", "first slip"]]
        for sheet in report.sheets {
            let t = sheet.tally
            let first = sheet.firstWrong.map { "\($0.step): \($0.slip?.kind.name ?? "no known slip")" } ?? ""
            rows.append([sheet.file, sheet.seed.map(String.init) ?? "", String(t.right), String(t.consequential),
                         String(t.wrong), String(t.tooFewDigits), first])
        }
        return rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A CSV field: quoted when it holds a comma, a quote or a line break; quotes doubled.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
