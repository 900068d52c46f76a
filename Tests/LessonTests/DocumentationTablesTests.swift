import Foundation
import Testing
@testable import LearnNotebook
import LearnCourse

/// The tables in README.md and lessons/README.md say what the registry and the lessons say: one source
/// of truth, checked.
@Suite struct DocumentationTablesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

    static func rows(of file: String, header: String) throws -> [[String]] {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else {
            Issue.record("\(file) has no table starting '\(header)'")
            return []
        }
        return lines[(start + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            var cells: [String] = [], cell = "", escaped = false
            for c in line.dropFirst().dropLast() {
                if c == "|" && !escaped { cells.append(cell.trimmingCharacters(in: .whitespaces)); cell = "" } else { cell.append(c) }
                escaped = c == "\\" && !escaped
            }
            cells.append(cell.trimmingCharacters(in: .whitespaces))
            return cells.map { $0.replacingOccurrences(of: "\\|", with: "|") }
        }
    }

    /// `` `a`, `b` `` → ["a", "b"]; `` `a` `b` `` too.
    static func codes(_ cell: String) -> [String] {
        cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// The row a derivation should have in lessons/README.md.
    static func expectedRow(_ e: DerivationCatalog.Entry) -> String {
        func code(_ names: [String]) -> String { names.isEmpty ? "—" : names.map { "`\($0)`" }.joined(separator: " ") }
        return "| `\(e.name)` | \(e.summary.replacingOccurrences(of: "|", with: "\\|")) | \(code(e.sections)) | \(code(e.parameters.map(\.name))) |"
    }

    @Test func theDerivationsTableIsTheRegistry() throws {
        let rows = try Self.rows(of: "lessons/README.md", header: "| derivation |")
        let entries = DerivationCatalog.entries
        let documented = rows.map { Self.codes($0[0]).first ?? $0[0] }
        #expect(documented == entries.map(\.name), "lessons/README.md lists the derivations in the registry's order")
        for e in entries {
            guard let row = rows.first(where: { (Self.codes($0[0]).first ?? "") == e.name }), row.count == 4 else {
                Issue.record("lessons/README.md: no row for \(e.name); it should read:\n\(Self.expectedRow(e))")
                continue
            }
            let ok = row[1] == e.summary && Self.codes(row[2]) == e.sections && Self.codes(row[3]) == e.parameters.map(\.name)
            #expect(ok, "lessons/README.md's row for \(e.name) should read:\n\(Self.expectedRow(e))")
        }
    }

    /// Every lesson once in README.md's table of lessons, under its part.
    @Test func theLessonsTableIsTheCourse() throws {
        let rows = try Self.rows(of: "README.md", header: "| part | lesson |")
        let lessons = try LessonLibrary().lessons()
        var part = ""
        var listed: [(String, String)] = []
        for row in rows {
            if !row[0].isEmpty { part = row[0] }
            listed.append((Self.codes(row[1]).first ?? row[1], part))
        }
        #expect(listed.map(\.0) == lessons.map(\.name), "README.md lists the lessons in course order")
        for lesson in lessons {
            let documented = listed.first { $0.0 == lesson.name }?.1
            #expect(documented == lesson.header.part, "README.md puts \(lesson.name) under '\(documented ?? "nothing")', its header says '\(lesson.header.part ?? "")'")
        }
    }

    /// Each derivation's declared sections are the sections of its trace (for those that need no dataset).
    @Test func declaredSectionsAreTheTraces() throws {
        let datasetDerivations: Set<String> = ["mnist-mlp", "mnist-training", "prewitt", "overfitting", "autoencoder-mnist"]
        for d in Course.derivations where !datasetDerivations.contains(d.name) {
            let trace = try d.run(Parameters(d.parameters))
            // A section may appear only for some parameters (pca-mlp's picture needs two dimensions).
            let declared = d.sections.filter(trace.sections.contains)
            #expect(declared == trace.sections, "\(d.name) declares the sections \(d.sections), its trace has \(trace.sections)")
        }
    }
}
