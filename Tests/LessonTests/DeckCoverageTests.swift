import Foundation
import Testing
import LearnText
import LearnNotebook

/// The deck coverage tables (`docs/coverage/*.md`, one per deck; docs/coverage/README.md describes them)
/// hold one row per item of a course deck: the line of the deck's text file, the lesson that covers it,
/// a string that lesson shows, and whether a test asserts it (`asserted`), the lesson only shows it
/// (`shown`), or the deck's number is wrong or rounded and the lesson says so (`erratum`).
///
/// For every row: the line lies within the deck's file (when the course folder is at hand), the lesson
/// exists, the status is one of the three, and the lesson's default Markdown rendering (what
/// `learn lesson NAME --format markdown` writes) contains the `shows` string. For an `asserted` row, the
/// string, or each number in it, also appears in a file under Tests/ or in an `expect` line of the lesson.
///
/// The lessons that read MNIST (LessonGoldenTests.datasetLessons) are rendered only when the dataset is
/// given (`LEARN_TEST_MNIST` or `LEARN_DATA`, as LessonGoldenTests); their rows are always checked against
/// the lesson's own file, so they must point at text the lesson file holds (its prose), not at a number
/// computed from the data.
@Suite struct DeckCoverageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardizedFileURL
    static let coverage = repository.appendingPathComponent("docs/coverage")

    /// The decks' text files: `LEARN_TEST_COURSE` if set, else /work/shared/course where it exists.
    /// Without them the line numbers are checked only to be positive and in order.
    static let course: URL? = {
        let given = ProcessInfo.processInfo.environment["LEARN_TEST_COURSE"].flatMap { $0.isEmpty ? nil : $0 }
        let folder = URL(fileURLWithPath: given ?? "/work/shared/course")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }()

    static let statuses: Set<String> = ["asserted", "shown", "erratum"]

    /// One row of a coverage table.
    struct Row: CustomStringConvertible {
        var file: String
        var fileLine: Int
        var lines: ClosedRange<Int>
        var item: String
        var lesson: String
        var shows: String
        var status: String
        var description: String { "docs/coverage/\(file):\(fileLine) (deck line \(lines.lowerBound), \(lesson))" }
    }

    /// A coverage file: the deck's text file it names, and its rows.
    struct Table {
        var file: String
        var deck: String?
        var rows: [Row]
        /// Lines that are not rows of the format, each with its location.
        var problems: [String]
    }

    /// The table files (README.md aside), sorted.
    static var tableFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: coverage.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
    }

    /// Splits a pipe-table line into its cells; `\|` is a pipe inside a cell (as on GitHub).
    static func cells(_ line: String) -> [String] {
        let escaped = "\u{1}"
        var s = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\|", with: escaped)
        if s.hasPrefix("|") { s.removeFirst() }
        if s.hasSuffix("|") { s.removeLast() }
        return s.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: escaped, with: "|")
        }
    }

    /// `412`, `530–541` or `530-541`.
    static func lineRange(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(whereSeparator: { $0 == "–" || $0 == "-" }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let a = Int(parts[0]), let b = Int(parts.last!), a >= 1, a <= b else { return nil }
        return a...b
    }

    /// The text between the first pair of backticks of a cell.
    static func code(_ cell: String) -> String? {
        guard let open = cell.firstIndex(of: "`") else { return nil }
        let rest = cell[cell.index(after: open)...]
        guard let close = rest.firstIndex(of: "`") else { return nil }
        let inside = String(rest[..<close])
        return inside.isEmpty ? nil : inside
    }

    static func parse(_ file: String) throws -> Table {
        let text = try String(contentsOf: coverage.appendingPathComponent(file), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let deck = text.range(of: #"[0-9]{3}_[0-9a-f]{16}\.txt"#, options: .regularExpression).map { String(text[$0]) }
        var rows: [Row] = []
        var problems: [String] = []
        var header: [String]? = nil
        for (index, line) in lines.enumerated() {
            guard line.trimmingCharacters(in: .whitespaces).hasPrefix("|") else { continue }
            let c = cells(line)
            if header == nil {
                header = c.map { $0.lowercased() }
                if header != ["line", "item", "lesson", "shows", "status"] {
                    problems.append("docs/coverage/\(file):\(index + 1): the table's columns are line | item | lesson | shows | status")
                }
                continue
            }
            if c.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { continue }   // the separator row
            let location = "docs/coverage/\(file):\(index + 1)"
            guard c.count == 5 else {
                problems.append("\(location): \(c.count) cells, expected 5 (line | item | lesson | shows | status)")
                continue
            }
            guard let range = lineRange(c[0]) else {
                problems.append("\(location): line '\(c[0])' is not a line number or a range a–b")
                continue
            }
            guard let shows = code(c[3]) else {
                problems.append("\(location): shows '\(c[3])' holds no `…` string")
                continue
            }
            rows.append(Row(file: file, fileLine: index + 1, lines: range, item: c[1],
                            lesson: c[2].trimmingCharacters(in: CharacterSet(charactersIn: "`")), shows: shows, status: c[4].lowercased()))
        }
        return Table(file: file, deck: deck, rows: rows, problems: problems)
    }

    static let tables: [Table] = tableFiles.map { file in
        do { return try parse(file) } catch {
            return Table(file: file, deck: nil, rows: [], problems: ["docs/coverage/\(file): \(error)"])
        }
    }

    static let library = LessonLibrary()

    /// Each lesson a row names, rendered once as `learn lesson NAME --format markdown` writes it, or why it
    /// could not be (no entry for a lesson that does not exist, nor for the MNIST lessons without the data).
    static let rendered: [String: Result<String, RenderFailure>] = {
        let names = Set(tables.flatMap { $0.rows.map(\.lesson) })
        var result: [String: Result<String, RenderFailure>] = [:]
        for name in names.sorted() where library.names.contains(name) {
            if LessonGoldenTests.datasetLessons.contains(name) && !LessonGoldenTests.mnistGiven { continue }
            do {
                let document = try LessonEvaluator().evaluate(try library.lesson(name))
                result[name] = .success(MarkdownRenderer().render(document))
            } catch {
                result[name] = .failure(RenderFailure(message: "\(error)"))
            }
        }
        return result
    }()

    struct RenderFailure: Error { var message: String }

    /// Every Swift file under Tests/, concatenated (for the `asserted` check).
    static let testSources: String = {
        let tests = repository.appendingPathComponent("Tests")
        var text = ""
        let walker = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            text += (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            text += "\n"
        }
        return text
    }()

    /// The numbers written in `text` (digits with an optional sign, decimal point and thousands commas),
    /// each in the forms a Swift test or an `expect` line could write it: as written, with an ASCII minus,
    /// without thousands separators, and with `_` separators.
    static func numberForms(_ text: String) -> [[String]] {
        let pattern = #"[−-]?[0-9][0-9,]*(\.[0-9]+)?([eE][−-]?[0-9]+)?"#
        var result: [[String]] = []
        var rest = text[...]
        while let r = rest.range(of: pattern, options: .regularExpression) {
            var token = String(rest[r])
            while token.hasSuffix(",") { token.removeLast() }
            rest = rest[r.upperBound...]
            let ascii = token.replacingOccurrences(of: "−", with: "-")
            let plain = ascii.replacingOccurrences(of: ",", with: "")
            let underscored = ascii.replacingOccurrences(of: ",", with: "_")
            result.append(Array(Set([token, ascii, plain, underscored])))
        }
        return result
    }

    // MARK: The checks

    @Test func theCoverageFolderHasItsReadmeAndTables() throws {
        #expect(FileManager.default.fileExists(atPath: Self.coverage.appendingPathComponent("README.md").path))
        #expect(!Self.tableFiles.isEmpty)
        for table in Self.tables {
            for problem in table.problems { Issue.record(Comment(rawValue: problem)) }
            #expect(!table.rows.isEmpty, "docs/coverage/\(table.file) has no rows")
            #expect(table.deck != nil, "docs/coverage/\(table.file) does not name its deck's text file (NNN_hex.txt)")
        }
    }

    @Test func everyRowPointsIntoItsDeck() throws {
        for table in Self.tables {
            guard let deck = table.deck, let folder = Self.course else { continue }
            let url = folder.appendingPathComponent(deck)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                Issue.record("docs/coverage/\(table.file): its deck \(url.path) is not readable")
                continue
            }
            let count = text.components(separatedBy: "\n").count
            for row in table.rows {
                #expect(row.lines.upperBound <= count, "\(row): line \(row.lines.upperBound) is past the end of \(deck) (\(count) lines)")
            }
        }
    }

    @Test func everyRowHasAKnownLessonAndStatus() throws {
        for row in Self.tables.flatMap(\.rows) {
            let known = Self.library.names.contains(row.lesson)
            #expect(known, "\(row): no lesson '\(row.lesson)' (lessons/\(row.lesson).md)")
            let status = Self.statuses.contains(row.status)
            #expect(status, "\(row): status '\(row.status)' is not asserted, shown or erratum")
        }
    }

    @Test func everyLessonShowsItsRows() throws {
        for row in Self.tables.flatMap(\.rows) where Self.library.names.contains(row.lesson) {
            if LessonGoldenTests.datasetLessons.contains(row.lesson) {
                let source = LessonLibrary.builtIn[row.lesson] ?? ""
                let held = source.contains(row.shows)
                #expect(held, "\(row): lessons/\(row.lesson).md does not hold `\(row.shows)` (a lesson that reads MNIST: point at its prose)")
                if !LessonGoldenTests.mnistGiven { continue }
            }
            switch Self.rendered[row.lesson] {
            case .failure(let failure)?: Issue.record("\(row): lesson \(row.lesson) does not render: \(failure.message)")
            case .success(let markdown)?:
                let shown = markdown.contains(row.shows)
                #expect(shown, "\(row): `learn lesson \(row.lesson) --format markdown` does not show `\(row.shows)`")
            case nil: break
            }
        }
    }

    @Test func everyAssertedRowIsPinnedByATest() throws {
        for row in Self.tables.flatMap(\.rows) where row.status == "asserted" {
            let lesson = LessonLibrary.builtIn[row.lesson] ?? ""
            let expects = lesson.components(separatedBy: "\n").filter {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("expect ")
            }.joined(separator: "\n")
            if Self.testSources.contains(row.shows) { continue }
            let numbers = Self.numberForms(row.shows)
            let hasNumbers = !numbers.isEmpty
            #expect(hasNumbers, "\(row): `\(row.shows)` is asserted but no test holds it, and it has no number to look for")
            for forms in numbers {
                let pinned = forms.contains { Self.testSources.contains($0) || expects.contains($0) }
                #expect(pinned, "\(row): asserted, but no file under Tests/ nor an expect line of lessons/\(row.lesson).md holds \(forms.sorted().first!)")
            }
        }
    }

    @Test func theParserReadsTheFormat() {
        #expect(Self.lineRange("412") == 412...412)
        #expect(Self.lineRange("530–541") == 530...541)
        #expect(Self.lineRange("530-541") == 530...541)
        #expect(Self.lineRange("541–530") == nil)
        #expect(Self.lineRange("slide 4") == nil)
        #expect(Self.cells("| 412 | a | backprop | `0.5` | shown |") == ["412", "a", "backprop", "`0.5`", "shown"])
        #expect(Self.code("`0.593269992`") == "0.593269992")
        #expect(Self.numberForms("−0.9 and 50,000") .map { Set($0) } == [["−0.9", "-0.9"], ["50,000", "50000", "50_000"]])
        #expect(Self.numberForms("layer 3").map { Set($0) } == [["3"]])
        #expect(Self.numberForms("no number").isEmpty)
    }
}
