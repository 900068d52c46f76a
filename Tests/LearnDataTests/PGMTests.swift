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
        #expect(throws: PGMError.badHeader(file: "d.pgm", reason: "the width is '0', expected a whole number from 1 to 4096")) {
            try PGMImage(bytes: Array("P5 0 2 255\n".utf8), file: "d.pgm")
        }
        #expect(throws: PGMError.truncated(file: "d.pgm", expected: 4, got: 2)) {
            try PGMImage(bytes: Array("P5 2 2 255\n".utf8) + [1, 2], file: "d.pgm")
        }
        #expect(throws: PGMError.cannotRead(file: "/nonexistent/d.pgm", reason: "No such file or directory")) { try PGMImage(contentsOf: "/nonexistent/d.pgm") }
    }

    /// A pixel above the header's maximum value is named by its row and column (from 0, row-major as
    /// the format stores them) with both numbers, in both formats and both sample sizes, instead of being
    /// clamped silently.
    @Test func aPixelAboveTheMaximumIsNamed() {
        // 3 × 2, maximum 100: the fifth pixel (row 1, column 1) is 200.
        #expect(throws: PGMError.pixelAboveMaximum(file: "d.pgm", row: 1, column: 1, value: "200", maximum: 100)) {
            try PGMImage(bytes: Array("P5 3 2 100\n".utf8) + [0, 50, 100, 100, 200, 0], file: "d.pgm")
        }
        #expect(throws: PGMError.pixelAboveMaximum(file: "d.pgm", row: 0, column: 2, value: "5", maximum: 4)) {
            try PGMImage(bytes: Array("P2 3 2 4\n0 1 5\n0 0 0\n".utf8), file: "d.pgm")
        }
        // Two bytes per pixel (maximum ≥ 256), big-endian: 0x0401 = 1025 > 1000 at row 0, column 1.
        #expect(throws: PGMError.pixelAboveMaximum(file: "d.pgm", row: 0, column: 1, value: "1025", maximum: 1000)) {
            try PGMImage(bytes: Array("P5 2 1 1000\n".utf8) + [0x03, 0xE8, 0x04, 0x01], file: "d.pgm")
        }
        // More digits than a 64-bit integer holds is above any maximum; the text is quoted, shortened.
        #expect(throws: PGMError.pixelAboveMaximum(file: "d.pgm", row: 0, column: 0, value: "12345678901234567890…", maximum: 255)) {
            try PGMImage(bytes: Array("P2 1 1 255 1234567890123456789012345\n".utf8), file: "d.pgm")
        }
        #expect(throws: PGMError.badPixel(file: "d.pgm", row: 0, column: 1, text: "-3")) {
            try PGMImage(bytes: Array("P2 2 1 255 0 -3\n".utf8), file: "d.pgm")
        }
        // The maximum itself is allowed, and reads as 1.
        #expect((try? PGMImage(bytes: Array("P5 1 1 100\n".utf8) + [100], file: "d.pgm"))?.pixels == [1])
        let message = PGMError.pixelAboveMaximum(file: "d.pgm", row: 1, column: 1, value: "200", maximum: 100).description
        #expect(message == "d.pgm: the pixel at row 1, column 1 (from 0) is 200, above the header's maximum value 100")
    }

    /// Every header field out of its range is refused with its name before any pixel memory is taken:
    /// width and height 1…4096 (a header asking for more is refused, so memory stays bounded), maximum
    /// value 1…65535 (the Netpbm limit), whole numbers only; a missing field or missing data is named.
    @Test func headerEdgesAreNamed() {
        let cases: [(String, String)] = [
            ("P5 2 2 0\n", "the maximum value is '0', expected a whole number from 1 to 65535"),
            ("P5 2 2 65536\n", "the maximum value is '65536', expected a whole number from 1 to 65535"),
            ("P2 2 2 -1\n", "the maximum value is '-1', expected a whole number from 1 to 65535"),
            ("P5 0 2 255\n", "the width is '0', expected a whole number from 1 to 4096"),
            ("P5 2 0 255\n", "the height is '0', expected a whole number from 1 to 4096"),
            ("P5 4097 1 255\n", "the width is '4097', expected a whole number from 1 to 4096"),
            ("P5 1 99999999999999999999999 255\n", "the height is '99999999999999999999…', expected a whole number from 1 to 4096"),
            ("P5 2.5 2 255\n", "the width is '2.5', expected a whole number from 1 to 4096"),
            ("P5 +2 2 255\n", "the width is '+2', expected a whole number from 1 to 4096"),
            ("P5 2 2", "no maximum value (the file ends in the header)"),
            ("P2", "no width (the file ends in the header)"),
        ]
        for (header, reason) in cases {
            #expect(throws: PGMError.badHeader(file: "d.pgm", reason: reason), "\(header)") {
                try PGMImage(bytes: Array(header.utf8), file: "d.pgm")
            }
        }
        // The header ends right after the maximum value: no pixel at all (not a negative count).
        #expect(throws: PGMError.truncated(file: "d.pgm", expected: 4, got: 0)) { try PGMImage(bytes: Array("P5 2 2 255".utf8), file: "d.pgm") }
        // Two-byte pixels: an odd byte left over does not count as a pixel.
        #expect(throws: PGMError.truncated(file: "d.pgm", expected: 2, got: 1)) {
            try PGMImage(bytes: Array("P5 2 1 1000\n".utf8) + [0, 1, 0], file: "d.pgm")
        }
        #expect(throws: PGMError.truncated(file: "d.pgm", expected: 4, got: 3)) { try PGMImage(bytes: Array("P2 2 2 9 1 2 3".utf8), file: "d.pgm") }
        // The largest picture allowed is read (4096 × 4096 P5 bytes).
        let big = Array("P5 4096 4096 255\n".utf8) + [UInt8](repeating: 255, count: 4096 * 4096)
        #expect((try? PGMImage(bytes: big, file: "d.pgm"))?.pixels.count == 4096 * 4096)
    }

    @Test func aDarkDigitOnWhitePaperIsInverted() {
        let paper = PGMImage(width: 3, height: 3, pixels: [1, 1, 1, 1, 0, 1, 1, 1, 1])
        #expect(paper.inkOnBlack().pixels == [0, 0, 0, 0, 1, 0, 0, 0, 0])
        let mnist = PGMImage(width: 3, height: 3, pixels: [0, 0, 0, 0, 1, 0, 0, 0, 0])
        #expect(mnist.inkOnBlack() == mnist)
    }
}
