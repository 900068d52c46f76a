import LearnCore
import Testing
@testable import LearnText

@Suite struct ImageTextTests {
    /// Rows: ink only in the top-left, ink in both rows of the middle, ink below on the right.
    let image = TraceImage(title: "t", rows: 2, columns: 3, pixels: [1, 1, 0,
                                                                      0, 1, 0.9])

    @Test func unicodeStacksTwoPixelsPerCharacter() {
        #expect(ImageText(unicode: true).draw(image) == ["▀█▄"])
    }

    @Test func asciiShowsTheMeanOfEachPair() {
        // means 0.5, 1, 0.45 → ramp indices 5, 9 (clamped), 4 of " .:-=+*#%@"
        #expect(ImageText(unicode: false).draw(image) == ["+@="])
    }

    @Test func anOddRowCountAndOutOfRangeValuesAreSafe() {
        let odd = TraceImage(title: "t", rows: 3, columns: 1, pixels: [2, -1, .nan])
        #expect(ImageText(unicode: true).draw(odd) == ["▀", ""])
    }
}
