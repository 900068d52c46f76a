import LearnCore
import Testing
@testable import LearnText

/// ``PlotText`` fitted to a number of columns.
@Suite struct PlotTextTests {
    static let plot = TracePlot(title: "loss", xLabel: "epoch", yLabel: "loss", series: [
        .init(name: "train", points: [(1, 2.302585), (2, 0.61), (3, 0.3304)]),
        .init(name: "test", points: [(1, 0.9), (2, 0.45), (3, 0.2999)]),
    ])

    @Test(arguments: [30, 40, 80, 100])
    func aFittedPlotFillsTheColumnsExactly(columns: Int) {
        let style = PlotText(width: 60, height: 8, unicode: true, format: NumberFormat(digits: 3))
        let lines = style.fitted(to: columns, for: Self.plot).draw(Self.plot)
        // The y labels are 2.303 and 0.3 (5 columns), then a space and the axis: 7 columns before the area.
        #expect(style.fitted(to: columns, for: Self.plot).width == columns - 7)
        #expect(lines.map(\.count).max() == columns, "\(lines)")
        #expect(lines[0].hasPrefix("2.303 │") && lines[7].hasPrefix("  0.3 │"), "\(lines)")
        #expect(lines.last == "       ● train   ○ test")
    }

    /// Points spanning the whole Double range (their span overflows to ∞): the ends land in the first
    /// and last columns and rows, the middle in the middle, and nothing traps on ∞ or NaN.
    @Test func aSpanWiderThanTheLargestDoubleIsDrawn() {
        let m = Double.greatestFiniteMagnitude
        let plot = TracePlot(title: "wide", xLabel: "x", yLabel: "y", series: [.init(name: "s", points: [(-m, -m), (0, 0), (m, m)])])
        let lines = PlotText(width: 11, height: 5, unicode: false, format: NumberFormat(digits: 3)).draw(plot)
        let area = lines.prefix(5).map { String($0.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).last ?? "") }
        #expect(area == ["          *", "", "     *", "", "*"].map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }, "\(lines)")
    }

    @Test func asciiWhenAsked() {
        let lines = PlotText(width: 10, height: 4, unicode: false, format: NumberFormat(digits: 3)).fitted(to: 40, for: Self.plot).draw(Self.plot)
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(lines)")
        #expect(lines.map(\.count).max() == 40)
    }
}
