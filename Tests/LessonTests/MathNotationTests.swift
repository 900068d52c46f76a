import Foundation
import Testing
@testable import LearnNotebook

/// The maths lessons write is read by KaTeX, MathJax and GitHub as well as by `learn`: a name of several
/// letters must be upright (`\mathrm{net}_{h1}`, `E_{\text{total}}`), or those set it as the italic
/// product n·e·t.
@Suite struct MathNotationTests {
    @Test(arguments: LessonLibrary().names)
    func multiLetterNamesAreUpright(_ name: String) throws {
        let lesson = try LessonLibrary().lesson(name)
        var prose: [(String, Int)] = []
        for block in lesson.blocks {
            switch block {
            case .prose(let text, let line): prose.append((text, line))
            case .passage(let p): prose.append((p.markdown, p.line))
            case .cell: break
            }
        }
        for (text, line) in prose {
            for (k, textLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for maths in Self.maths(in: String(textLine)) {
                    for word in Self.italicWords(maths) {
                        Issue.record("\(lesson.file):\(line + k): '\(word)' in $\(maths)$ is set as a product of letters; write \\mathrm{\(word)} or \\text{\(word)}")
                    }
                }
            }
        }
    }

    /// The maths of a line: between `$$ … $$` or `$ … $` (code spans skipped).
    static func maths(in line: String) -> [String] {
        let noCode = line.replacingOccurrences(of: #"`[^`]*`"#, with: "", options: .regularExpression)
        let regex = try! NSRegularExpression(pattern: #"\$\$(.+?)\$\$|\$([^$\s](?:[^$]*[^$\s])?)\$(?!\d)"#)
        let ns = noCode as NSString
        return regex.matches(in: noCode, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            for k in [1, 2] where m.range(at: k).location != NSNotFound { return ns.substring(with: m.range(at: k)) }
            return nil
        }
    }

    /// Runs of three or more letters outside commands and outside `\mathrm{…}`, `\text{…}`,
    /// `\operatorname{…}` (two letters may be a product, `Wx`, or a pair of indices, `w_{jk}`).
    static func italicWords(_ latex: String) -> [String] {
        var s = latex.replacingOccurrences(of: #"\\(begin|end)\{[^{}]*\}"#, with: " ", options: .regularExpression)
        for command in ["mathrm", "text", "operatorname", "textrm", "textit", "textbf", "mathbf", "mbox"] {
            s = s.replacingOccurrences(of: "\\\\\(command)\\{[^{}]*\\}", with: " ", options: .regularExpression)
        }
        s = s.replacingOccurrences(of: #"\\[A-Za-z]+"#, with: " ", options: .regularExpression)
        let regex = try! NSRegularExpression(pattern: #"[A-Za-z]{3,}"#)
        let ns = s as NSString
        return regex.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }
}
