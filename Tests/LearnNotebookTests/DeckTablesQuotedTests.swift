import Foundation
import Testing
import LearnNotebook

/// The deck tables that lessons quote rather than compute (the dropout paper's Tables 4 and 7, Glorot et
/// al.'s rectifier table, the ILSVRC 2015 results): every number of the deck's row stands in the lesson's
/// row of the same name, and the differences the lessons' prose draws from them are recomputed here.
///
/// The numbers below are the Kuzovkin deck's (course file 002, the lines given); when the course folder is
/// at hand (`LEARN_TEST_COURSE` or /work/shared/course), each is also checked against that line of the deck.
@Suite struct DeckTablesQuotedTests {
    /// One quoted row: the deck's line, the lesson, the row's first cell as the lesson writes it, its numbers.
    struct Quoted {
        var line: Int
        var lesson: String
        var name: String
        var numbers: [String]
    }

    static let rows: [Quoted] = [
        // Srivastava et al. 2014, Table 4 (CIFAR-10, CIFAR-100).
        Quoted(line: 616, lesson: "overfitting", name: "Conv Net + max pooling (hand tuned)", numbers: ["15.60", "43.48"]),
        Quoted(line: 617, lesson: "overfitting", name: "Conv Net + stochastic pooling (Zeiler and Fergus, 2013)", numbers: ["15.13", "42.51"]),
        Quoted(line: 618, lesson: "overfitting", name: "Conv Net + max pooling (Snoek et al., 2012)", numbers: ["14.98"]),
        Quoted(line: 619, lesson: "overfitting", name: "Conv Net + max pooling + dropout fully connected layers", numbers: ["14.32", "41.26"]),
        Quoted(line: 620, lesson: "overfitting", name: "Conv Net + max pooling + dropout in all layers", numbers: ["12.61", "37.20"]),
        Quoted(line: 621, lesson: "overfitting", name: "Conv Net + maxout (Goodfellow et al., 2013)", numbers: ["11.68", "38.57"]),
        // Table 7 (TIMIT phone error rate).
        Quoted(line: 606, lesson: "overfitting", name: "NN (6 layers) (Mohamed et al., 2010)", numbers: ["23.4"]),
        Quoted(line: 607, lesson: "overfitting", name: "Dropout NN (6 layers)", numbers: ["21.8"]),
        Quoted(line: 608, lesson: "overfitting", name: "DBN-pretrained NN (4 layers)", numbers: ["22.7"]),
        Quoted(line: 609, lesson: "overfitting", name: "DBN-pretrained NN (8 layers) (Mohamed et al., 2010)", numbers: ["20.7"]),
        Quoted(line: 610, lesson: "overfitting", name: "DBN-pretrained NN (4 layers) + dropout", numbers: ["19.7"]),
        Quoted(line: 611, lesson: "overfitting", name: "DBN-pretrained NN (8 layers) + dropout", numbers: ["19.7"]),
        // Glorot, Bordes & Bengio 2011 (MNIST, CIFAR10, NISTP, NORB).
        Quoted(line: 647, lesson: "activations", name: "Rectifier", numbers: ["1.43", "50.86", "32.64", "16.40"]),
        Quoted(line: 648, lesson: "activations", name: "Tanh", numbers: ["1.57", "52.62", "36.46", "19.29"]),
        Quoted(line: 649, lesson: "activations", name: "Softplus", numbers: ["1.77", "53.20", "35.48", "17.68"]),
        // ILSVRC 2015, task 2a (localization error, classification error).
        Quoted(line: 765, lesson: "history", name: "MSRA", numbers: ["0.090178", "0.03567"]),
        Quoted(line: 766, lesson: "history", name: "MSRA", numbers: ["0.090801", "0.03567"]),
        Quoted(line: 767, lesson: "history", name: "MSRA", numbers: ["0.092108", "0.0369"]),
        Quoted(line: 768, lesson: "history", name: "Trimps-Soushen", numbers: ["0.122907", "0.04649"]),
    ]

    static let course: URL? = {
        let given = ProcessInfo.processInfo.environment["LEARN_TEST_COURSE"].flatMap { $0.isEmpty ? nil : $0 }
        let folder = URL(fileURLWithPath: given ?? "/work/shared/course")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }()

    /// The cells of a Markdown table line.
    static func cells(_ line: String) -> [String] {
        line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "%", with: "") }
    }

    @Test func everyQuotedRowHasTheDecksNumbers() throws {
        for row in Self.rows {
            let source = try #require(LessonLibrary.builtIn[row.lesson])
            let candidates = source.components(separatedBy: "\n").filter { $0.hasPrefix("|") }.map(Self.cells)
                .filter { $0.first == row.name && Array($0.dropFirst()).contains(row.numbers[0]) }
            let match = candidates.first { cells in row.numbers.allSatisfy { cells.contains($0) } }
            #expect(match != nil, "lessons/\(row.lesson).md: no table row '\(row.name)' with \(row.numbers)")
        }
    }

    @Test func theNumbersAreTheDecks() throws {
        guard let folder = Self.course else { return }
        let deck = try String(contentsOf: folder.appendingPathComponent("002_acbd9c48dce34e1c.txt"), encoding: .utf8)
            .components(separatedBy: "\n")
        for row in Self.rows {
            let line = deck[row.line - 1]
            for number in row.numbers { #expect(line.contains(number), "deck line \(row.line): \(number) not in '\(line)'") }
        }
    }

    /// The prose's differences, each recomputed from the quoted numbers.
    @Test func theProseDifferences() throws {
        func points(_ a: Double, _ b: Double, decimals: Int) -> String { String(format: "%.\(decimals)f", a - b) }
        // A lesson's text with its lines joined, so that a rewrapped paragraph still matches.
        func text(_ name: String) throws -> String { try #require(LessonLibrary.builtIn[name]).replacingOccurrences(of: "\n", with: " ") }
        let overfitting = try text("overfitting")
        #expect(points(15.60, 12.61, decimals: 2) == "2.99" && overfitting.contains("2.99 points"))
        #expect(points(23.4, 21.8, decimals: 1) == "1.6" && overfitting.contains("(1.6 points)"))
        #expect(points(22.7, 19.7, decimals: 1) == "3.0" && overfitting.contains("(3.0 points)"))
        let activations = try text("activations")
        #expect(points(1.57, 1.43, decimals: 2) == "0.14" && activations.contains("0.14 points"))
        // 0.14 % of 10,000 test digits.
        #expect(Int((0.14 / 100 * 10_000).rounded()) == 14 && activations.contains("14 of the 10,000 test digits"))
        #expect(points(19.29, 16.40, decimals: 2) == "2.89" && activations.contains("2.89 points"))
        let history = try text("history")
        #expect(points(4.649, 3.567, decimals: 2) == "1.08" && history.contains("1.08 points higher"))
        #expect(points(12.2907, 9.0178, decimals: 1) == "3.3" && history.contains("gap is 3.3 points"))
        // AlphaGo: 340 million steps in 3 weeks.
        let seconds = 21 * 24 * 3600
        #expect(seconds == 1_814_400 && history.contains("1,814,400 seconds"))
        #expect(Int((340e6 / Double(seconds)).rounded()) == 187 && history.contains("about 187 steps per second"))
        // He et al. 4.94 % against 5.1 %.
        #expect(points(5.1, 4.94, decimals: 2) == "0.16" && history.contains("a 0.16-point gap"))
        // Grid search over the Keras example's 11 settings, 3 values each.
        let keras = try text("keras-example")
        #expect(Int(pow(3.0, 11)) == 177_147 && keras.contains("$3^{11}$ = 177,147"))
    }
}
