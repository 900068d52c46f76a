import Testing
@testable import LearnText

/// A code line too long for the terminal continues on the next line, marked, and nothing is lost.
@Suite struct CodeBlockTextTests {
    static let signature = "Perceptron(*, penalty=None, alpha=0.0001, l1_ratio=0.15, fit_intercept=True, max_iter=1000, tol=0.001,"

    @Test(arguments: [true, false], [12, 36, 76])
    func aLongLineIsCutToTheWidthAndKeepsEveryCharacter(unicode: Bool, width: Int) {
        let renderer = TerminalRenderer(style: TerminalStyle(colour: false, width: width + 4, unicode: unicode))
        let lines = renderer.codeLines(Self.signature, width: width)
        #expect(lines.count > 1)
        for line in lines { #expect(line.count <= width, "'\(line)' is wider than \(width)") }
        let mark = unicode ? "↩" : "\\"
        for line in lines.dropLast() { #expect(line.hasSuffix(mark)) }
        // The pieces, without their marks and continuation indents, are the line (cuts fall after
        // a comma or a space, and the spaces at a cut are dropped).
        let joined = lines.enumerated().map { k, line in
            var piece = k == 0 ? line : String(line.dropFirst(2))
            if k < lines.count - 1 { piece = String(piece.dropLast()) }
            return piece
        }
        #expect(joined.joined().filter { $0 != " " } == Self.signature.filter { $0 != " " })
    }

    @Test func aLineThatFitsIsLeftAlone() {
        let renderer = TerminalRenderer(style: TerminalStyle(colour: false, width: 80, unicode: true))
        #expect(renderer.codeLines("model.add(Dropout(0.5))", width: 40) == ["model.add(Dropout(0.5))"])
    }
}
