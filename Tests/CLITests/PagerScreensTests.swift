import Testing
@testable import learn

/// A page taller than the window is shown a screen at a time, each at most `height − 2` lines (a blank
/// line and the status line take the rest), the later parts following without a blank line.
@Suite struct PagerScreensTests {
    @Test func aTallPageIsCutIntoScreens() {
        let tall = (1...70).map { "line \($0)" }.joined(separator: "\n")
        let screens = Pager.screens(["short\npage", tall, "last"], height: 30)
        #expect(screens.map(\.continues) == [false, false, true, true, false])
        #expect(screens.map { $0.text.split(separator: "\n").count } == [2, 28, 28, 14, 1])
        #expect(screens[1...3].map(\.text).joined(separator: "\n") == tall, "nothing lost or repeated")
        #expect(screens[2].text.hasPrefix("line 29\n"))
    }

    @Test func pagesThatFitStayWhole() {
        let pages = ["a\nb\nc", String(repeating: "x\n", count: 21) + "x"]
        #expect(Pager.screens(pages, height: 24) == pages.map { Pager.Screen(text: $0, continues: false) })
    }
}
