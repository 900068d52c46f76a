import Foundation
import Testing

/// `learn grade` on a folder of sheets: scores, class statistics, an RFC 4180 CSV, and malformed or
/// unreadable sheets reported by name and line without stopping the others.
@Suite struct GradeCommandTests {
    /// Mazur's numbers: out_h1 = 0.593269992, ∂E_total/∂out_o1 = 0.74136507, w5+ = 0.35891648.
    static let right = "out_h1 = 0.593270\ndE_total/dout_o1 = 0.741365\nw5+ = 0.358916\n"
    /// The sign of ∂E_total/∂out_o1 flipped, then carried on correctly:
    /// −0.741365 · 0.186815602 · 0.593269992 = −0.0821670, w5+ = 0.4 − 0.5 · (−0.0821670) = 0.441084.
    static let signSlip = "# a learner's sheet\nout_h1 = 0.593270\ndE_total/dout_o1 = -0.741365\ndE_total/dw5 = -0.0821670\nw5+ = 0.441084\n"

    func classFolder() throws -> URL {
        let folder = try LearnProcess.temporaryFolder().appendingPathComponent("sheets")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.right.write(to: folder.appendingPathComponent("alice.txt"), atomically: true, encoding: .utf8)
        try Self.signSlip.write(to: folder.appendingPathComponent("bob, jr.txt"), atomically: true, encoding: .utf8)
        try "out_h1 = 0.593270\nthis is not an answer\n".write(to: folder.appendingPathComponent("carol.txt"), atomically: true, encoding: .utf8)
        try Data([0x6F, 0x75, 0x74, 0xFF, 0xFE, 0x0A]).write(to: folder.appendingPathComponent("dave.txt"))
        try "out_h9 = 0.5\n".write(to: folder.appendingPathComponent("erin.txt"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aFolderOfSheetsGivesScoresStatisticsAndACSV() throws {
        let folder = try classFolder()
        let csv = folder.deletingLastPathComponent().appendingPathComponent("class.csv")
        let r = try LearnProcess.run(["grade", "backprop", "--csv", csv.path, folder.path], environment: ["COLUMNS": "80"])
        #expect(r.status == 65, "malformed sheets make the exit status 65: \(r.error)")
        #expect(r.error.contains("carol.txt:2: expected 'name = value'"), "\(r.error)")
        #expect(r.error.contains("dave.txt: not UTF-8"), "\(r.error)")
        #expect(r.error.contains("erin.txt:1: no quantity 'out_h9'"), "\(r.error)")
        #expect(r.output.contains("2 sheets graded, 3 not"), "\(r.output)")
        #expect(r.output.contains("alice.txt"), "\(r.output)")
        #expect(r.output.contains("3/3 right, 0 consequential, 0 wrong"), "\(r.output)")
        #expect(r.output.contains("1/4 right, 2 consequential, 1 wrong"), "\(r.output)")
        #expect(r.output.contains("first wrong: dE_total/dout_o1: sign flipped"), "\(r.output)")
        let stats = try #require(r.output.range(of: "Step by step"))
        let table = r.output[stats.upperBound...]
        #expect(table.contains("dE_total/dout_o1") && table.contains("1/2") && table.contains("sign flipped ×1"), "\(table)")
        for line in r.output.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }

        let text = try String(contentsOf: csv, encoding: .utf8)
        let rows = text.components(separatedBy: "\r\n")
        #expect(rows[0] == "file,seed,right,consequential,wrong,too few digits,first slip")
        #expect(rows.count == 4 && rows[3] == "", "two rows, CRLF-terminated: \(rows)")
        #expect(rows[1].hasSuffix("alice.txt,,3,0,0,0,"), "\(rows[1])")
        #expect(rows[2].hasPrefix("\"") && rows[2].contains("bob, jr.txt\",,1,2,1,0,dE_total/dout_o1: sign flipped"), "\(rows[2])")
    }

    @Test func badInputIsOneLineAndItsStatus() throws {
        let folder = try classFolder()
        let alice = folder.appendingPathComponent("alice.txt").path
        for (arguments, status) in [(["grade"], Int32(64)), (["grade", "backprop"], 64), (["grade", "nosuch", alice], 64),
                                    (["grade", "backprop", "--seed", "x", alice], 64),
                                    (["grade", "backprop", "/no/such/file"], 66)] {
            let r = try LearnProcess.run(arguments)
            #expect(r.status == status, "\(arguments): \(r.status) \(r.error)")
            #expect(r.error.split(separator: "\n").count == 1, "\(arguments): \(r.error)")
        }
    }

    /// A sheet named twice is graded once; two sheets of one name are told apart by their paths; a
    /// sheet without answers is reported, not scored 0/0; a sheet's own mistakes name its line.
    @Test func sheetsAreGradedOnceAndToldApart() throws {
        let root = try LearnProcess.temporaryFolder()
        let sub = root.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        for folder in [root, sub] { try Self.right.write(to: folder.appendingPathComponent("alice.txt"), atomically: true, encoding: .utf8) }
        try "# no answers yet\n".write(to: root.appendingPathComponent("empty.txt"), atomically: true, encoding: .utf8)
        let r = try LearnProcess.run(["grade", "backprop", "alice.txt", "./alice.txt", "sub", "empty.txt"], in: root)
        #expect(r.status == 65, "\(r.error)")
        #expect(r.output.hasPrefix("backprop: 2 sheets graded, 1 not (see above)\n"), "\(r.output)")
        #expect(r.output.contains("\nalice.txt      3/3 right") && r.output.contains("\nsub/alice.txt  3/3 right"), "\(r.output)")
        #expect(r.error == "learn: empty.txt: no answers in it (lines 'name = value')\n", "\(r.error)")

        // A byte-order mark is not part of a name; a name answered twice, two seeds, a setting the
        // derivation cannot take: each is the sheet's line, status 65.
        try Data([0xEF, 0xBB, 0xBF] + Array(Self.right.utf8)).write(to: root.appendingPathComponent("bom.txt"))
        #expect(try LearnProcess.run(["grade", "backprop", "bom.txt"], in: root).status == 0)
        for (name, text, message) in [
            ("twice.txt", "out_h1 = 0.593270\nOUT_H1 = 0.593270\n", "twice.txt:2: OUT_H1 is answered twice (first on line 1)"),
            ("seeds.txt", "# seed: 3\n# seed: 4\nout_h1 = 0.5\n", "seeds.txt:2: '# seed: 4': line 1 names seed 3; a sheet answers one exercise"),
        ] {
            try text.write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let bad = try LearnProcess.run(["verify", "backprop", "--answers", name], in: root)
            #expect(bad.status == 65 && bad.error == "learn: \(message)\n", "\(name): \(bad.status) \(bad.error)")
        }
        try "# set: w1=abc\nout_h1 = 0.5933\n".write(to: root.appendingPathComponent("set.txt"), atomically: true, encoding: .utf8)
        let set = try LearnProcess.run(["verify", "backprop", "--answers", "set.txt"], in: root)
        #expect(set.status == 65 && set.error.hasPrefix("learn: set.txt:1: '# set: w1=abc': "), "\(set.status) \(set.error)")
        let clash = try LearnProcess.run(["verify", "backprop", "--answers", "set.txt", "--set", "w1=0.4"], in: root)
        #expect(clash.status == 64 && clash.error == "learn: verify: --set w1=0.4 but set.txt sets w1=abc\n", "\(clash.error)")
    }
}
