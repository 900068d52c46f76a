import LearnCore
import Testing
@testable import LearnText

@Suite struct RegionTextTests {
    /// A 3 × 3 grid over 0…2 × 0…2, class 1 where x1 ≥ 1, a +1 sample at (2, 2) and a −1 sample at (0, 0).
    let map: TraceRegionMap = {
        let range: ClosedRange<Double> = 0...2
        let cells = TraceRegionMap.cells(x: range, y: range, columns: 3, rows: 3) { x1, _ in x1 >= 1 ? 1 : 0 }
        return TraceRegionMap(title: "t", x: range, y: range, columns: 3, rows: 3, panels: [.init(caption: ["w"], cells: cells)],
                              regionNames: ["no", "yes"], pointNames: ["neg", "pos"],
                              points: [.init(x: 2, y: 2, label: 1), .init(x: 0, y: 0, label: 0)])
    }()

    /// A grid over the whole Double range: its width overflows to ∞, yet every point inside finds its
    /// cell (the ends and the middle), and none traps converting ∞ or NaN to a whole number.
    @Test func aRangeWiderThanTheLargestDoubleStillPlacesPoints() {
        let big = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
        let map = TraceRegionMap(title: "t", x: big, y: big, columns: 3, rows: 3, panels: [.init(cells: Array(repeating: 0, count: 9))],
                                 regionNames: ["no"], pointNames: ["p"], points: [])
        #expect(map.gridPosition(x: big.lowerBound, y: big.upperBound).map { [$0.column, $0.row] } == [0, 0])
        #expect(map.gridPosition(x: 0, y: 0).map { [$0.column, $0.row] } == [1, 1])
        #expect(map.gridPosition(x: big.upperBound, y: big.lowerBound).map { [$0.column, $0.row] } == [2, 2])
    }

    @Test func cellsAreSampledAtGridPointsTopRowFirst() {
        #expect(map.panels[0].cells == [0, 1, 1, 0, 1, 1, 0, 1, 1])
        #expect(TraceRegionMap.coordinate(1, of: 3, in: 0...2) == 1)
        #expect(map.gridPosition(x: 2, y: 2).map { [$0.column, $0.row] } == [2, 0])
        #expect(map.gridPosition(x: 0, y: 0).map { [$0.column, $0.row] } == [0, 2])
        #expect(map.gridPosition(x: 3, y: 0) == nil)
    }

    @Test func asciiDrawsFillsMarkersAxesAndLegend() {
        let lines = RegionText(unicode: false, width: 78).draw(map)
        #expect(lines == [
            "   w",
            " 2 | .@",
            "x2 | ..",
            " 0 |o..",
            "   +---",
            "    0 x1 2",
            "    blank: no   . yes   o neg   @ pos",
        ])
        #expect(lines.joined().allSatisfy { $0.isASCII })
    }

    @Test func unicodeUsesDotsAndDiscs() {
        let lines = RegionText(unicode: true).draw(map)
        #expect(lines[1] == " 2 │ ·●")
        #expect(lines[3] == " 0 │○··")
        #expect(!lines.joined().contains("\u{1B}"))
    }

    @Test func panelsSitSideBySideAndWrapAtTheWidth() {
        var three = map
        three.panels = Array(repeating: map.panels[0], count: 3)
        // Each panel is 7 wide (its x-range line " 0 x1 2"), plus 2 between, after a margin of 3:
        // 3 fit in 50 columns, 2 in 22.
        let wide = RegionText(unicode: false, width: 50).draw(three)
        #expect(wide[1] == " 2 | .@     | .@     | .@")
        let narrow = RegionText(unicode: false, width: 22).draw(three)
        #expect(narrow.filter { $0.hasPrefix(" 2 |") }.count == 2)
        #expect(narrow[1] == " 2 | .@     | .@")
    }
}
