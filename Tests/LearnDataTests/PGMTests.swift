import Testing
@testable import LearnData

@Suite struct PGMTests {
    @Test func binaryP5WithAComment() throws {
        let bytes = Array("P5\n# a digit\n3 2\n255\n".utf8) + [0, 51, 255, 255, 102, 0]
        let image = try PGMImage(bytes: bytes, file: "d.pgm")
        #expect(image.width == 3 && image.height == 2)
        #expect(image.pixels == [0, 0.2, 1, 1, 0.4, 0])
    }

    @Test func textP2() throws {
        let image = try PGMImage(bytes: Array("P2 2 2 4\n0 1\n2 4\n".utf8), file: "d.pgm")
        #expect(image.pixels == [0, 0.25, 0.5, 1])
    }

    @Test func badFilesAreNamed() {
        #expect(throws: PGMError.notPGM(file: "x.png")) { try PGMImage(bytes: [0x89, 0x50, 0x4E, 0x47], file: "x.png") }
        #expect(throws: PGMError.badHeader(file: "d.pgm")) { try PGMImage(bytes: Array("P5 0 2 255\n".utf8), file: "d.pgm") }
        #expect(throws: PGMError.truncated(file: "d.pgm", expected: 4, got: 2)) {
            try PGMImage(bytes: Array("P5 2 2 255\n".utf8) + [1, 2], file: "d.pgm")
        }
        #expect(throws: PGMError.cannotRead(file: "/nonexistent/d.pgm", reason: "No such file or directory")) { try PGMImage(contentsOf: "/nonexistent/d.pgm") }
    }

    @Test func aDarkDigitOnWhitePaperIsInverted() {
        let paper = PGMImage(width: 3, height: 3, pixels: [1, 1, 1, 1, 0, 1, 1, 1, 1])
        #expect(paper.inkOnBlack().pixels == [0, 0, 0, 0, 1, 0, 0, 0, 0])
        let mnist = PGMImage(width: 3, height: 3, pixels: [0, 0, 0, 0, 1, 0, 0, 0, 0])
        #expect(mnist.inkOnBlack() == mnist)
    }
}
