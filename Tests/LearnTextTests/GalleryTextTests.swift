import LearnCore
import Testing
@testable import LearnText

/// Pictures side by side to a width (``GalleryText``), framed pictures, and plain word wrapping.
@Suite struct GalleryTextTests {
    /// Four framed 28 × 28 pictures (30 columns each) with two-line captions.
    static let items = (0..<4).map { k in
        GalleryText.Item(picture: ImageText(unicode: true).framed(TraceImage(title: "", rows: 28, columns: 28, pixels: Array(repeating: 0, count: 784))),
                         caption: ["#\(k): is 9 (Ankle boot)", "said 7 (Sneaker) (85 %)"])
    }

    /// How many cells the first line holds: the frames' top-left corners.
    static func perRow(_ lines: [String]) -> Int { lines.first?.filter { $0 == "┌" }.count ?? 0 }

    @Test(arguments: [(40, 1), (62, 1), (63, 2), (80, 2), (96, 3), (128, 3), (129, 4), (200, 4)])
    func asManyAsFitPerRow(width: Int, expected: Int) {
        // Each cell is 30 wide, 3 apart: n cells take 33n − 3 columns.
        let lines = GalleryText(width: width).draw(Self.items)
        #expect(Self.perRow(lines) == expected, "\(width)")
        #expect(lines.allSatisfy { $0.count <= width }, "\(width): \(lines.map(\.count).max() ?? 0)")
        // Every caption is there once, whatever the layout.
        #expect(lines.filter { $0.contains("said 7 (Sneaker)") }.map { $0.components(separatedBy: "said").count - 1 }.reduce(0, +) == 4)
    }

    @Test func rowsAreSeparatedAndCaptionsSitUnderTheirPicture() {
        let lines = GalleryText(width: 40).draw(Self.items)
        // 16 frame lines + 2 caption lines per picture, an empty line between.
        #expect(lines.count == 4 * 18 + 3)
        #expect(lines[16] == "#0: is 9 (Ankle boot)" && lines[17] == "said 7 (Sneaker) (85 %)")
        #expect(lines[18].isEmpty)
    }

    @Test func captionsWiderThanTheCellWrapAtSpaces() {
        let item = GalleryText.Item(picture: ["####"], caption: ["said 0 (T-shirt/top) (100 %)"])
        #expect(GalleryText(width: 40).draw([item]) == ["####", "said 0", "(T-shirt/top)", "(100 %)"])
        #expect(GalleryText(width: 40).draw([]) == [])
    }

    @Test func framesShowWherePicturesEnd() {
        let image = TraceImage(title: "", rows: 2, columns: 3, pixels: [1, 0, 0, 1, 0, 0])
        #expect(ImageText(unicode: true).framed(image) == ["┌───┐", "│█  │", "└───┘"])
        #expect(ImageText(unicode: false).framed(image) == ["+---+", "|@  |", "+---+"])
    }

    @Test func wordWrapBreaksAtSpacesAndKeepsLongWords() {
        #expect(WordWrap.lines("one two three", width: 7) == ["one two", "three"])
        #expect(WordWrap.lines("a incomprehensibilities b", width: 5) == ["a", "incomprehensibilities", "b"])
        #expect(WordWrap.lines("x\ny", width: 10) == ["x", "y"])
    }
}
