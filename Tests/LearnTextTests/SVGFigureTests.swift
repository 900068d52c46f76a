import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import LearnCore
@testable import LearnText

/// The SVG figures, read back with an XML parser: a tiny plot's axes hold its points, a log axis ticks
/// at powers of ten, a picture has one rectangle per run of ink, a region map marks every sample.
@Suite struct SVGFigureTests {
    /// Every element of an SVG document: its name and attributes, in order.
    final class Elements: NSObject, XMLParserDelegate {
        var list: [(name: String, attributes: [String: String])] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            list.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        static func parse(_ markup: String) -> Elements? {
            let e = Elements()
            let parser = XMLParser(data: Data(markup.utf8))
            parser.delegate = e
            return parser.parse() ? e : nil
        }

        func all(_ name: String) -> [[String: String]] { list.filter { $0.name == name }.map(\.attributes) }
    }

    static func number(_ s: String?) -> Double { Double(s ?? "") ?? .nan }

    @Test func aTinyPlotKeepsItsPointsInsideTheAxes() throws {
        let plot = TracePlot(title: "tiny", xLabel: "x", yLabel: "y",
                             series: [.init(name: "y", points: [(0, 0), (1, 2), (2, 1), (3, .nan)])])
        let svg = SVGPlot().draw(plot)
        let e = try #require(Elements.parse(svg))
        let area = try #require(e.list.first { $0.attributes["class"] == "plot-area" }?.attributes)
        let (left, top) = (Self.number(area["x"]), Self.number(area["y"]))
        let (right, bottom) = (left + Self.number(area["width"]), top + Self.number(area["height"]))
        let markers = e.all("circle")
        #expect(markers.count == 3, "the NaN point is left out")
        for m in markers {
            let (x, y) = (Self.number(m["cx"]), Self.number(m["cy"]))
            #expect(x >= left && x <= right && y >= top && y <= bottom, "(\(x), \(y)) outside \(area)")
        }
        // The first point (0, 0) sits on the bottom-left corner: the axes start at round numbers holding it.
        let first = markers[0]
        #expect(abs(Self.number(first["cx"]) - left) < 0.01 && abs(Self.number(first["cy"]) - bottom) < 0.01)
        // Ticks 0…2 on y, 0…3 on x; no label shows nan.
        #expect(e.text.contains("0.5") && e.text.contains("2.0"))
        #expect(!e.text.contains("nan"))
        #expect(e.all("path").count == 1, "sorted points are joined by one line")
        // One series named like the y axis: no legend.
        #expect(e.all("line").filter { $0["stroke-width"] == "2" }.isEmpty)
    }

    @Test func linearAxisStepsByOneTwoFive() {
        let axis = SVGAxis.linear(-0.48, 0.91)
        #expect(axis.lower <= -0.48 && axis.upper >= 0.91)
        #expect(axis.ticks.map(\.label) == ["−0.5", "0", "0.5", "1.0"])
        #expect(SVGAxis.linear(0, 7, count: 8).ticks.map(\.label) == ["0", "1", "2", "3", "4", "5", "6", "7"])
        #expect(SVGAxis.linear(0.00012, 0.00049).ticks.map(\.label).prefix(2) == ["10⁻⁴", "2×10⁻⁴"])
        let flat = SVGAxis.linear(5, 5)
        #expect(flat.lower < 5 && flat.upper > 5)
    }

    @Test func logAxisTicksAtPowersOfTen() {
        let axis = SVGAxis.logScale(log10(0.002), log10(0.9))
        #expect(axis.lower <= log10(0.002) && axis.upper >= log10(0.9))
        #expect(axis.ticks.filter { $0.value == $0.value.rounded() }.map(\.label) == ["0.001", "0.01", "0.1", "1"])
        let wide = SVGAxis.logScale(-12, 3)
        #expect(wide.ticks.first?.label == "10⁻¹²")
        #expect(wide.ticks.count <= 9)
    }

    @Test func aLogPlotLeavesOutWhatItCannotDraw() throws {
        let plot = TracePlot(title: "loss", xLabel: "epoch", yLabel: "loss",
                             series: [.init(name: "a", points: [(1, 1), (2, 0.1), (3, 0)]), .init(name: "b", points: [(1, 0.5), (2, 0.05)])],
                             logY: true)
        let e = try #require(Elements.parse(SVGPlot().draw(plot)))
        // Series a's two drawable points and its legend sample (series b's markers are squares).
        #expect(e.all("circle").count == 3, "y = 0 cannot be drawn on a log scale")
        #expect(e.text.contains("(log scale)"))
        #expect(e.text.contains("a") && e.text.contains("b"), "two series: a legend")
    }

    @Test func nothingToDrawSaysSo() throws {
        let plot = TracePlot(title: "empty", xLabel: "x", yLabel: "y", series: [.init(name: "y", points: [(.nan, 1)])])
        let e = try #require(Elements.parse(SVGPlot().draw(plot)))
        #expect(e.text.contains("nothing to draw"))
    }

    @Test func aPictureIsRectanglesOfInk() throws {
        let image = TraceImage(title: "2 × 3", rows: 2, columns: 3, pixels: [0, 1, 1, 0.5, 0, .nan])
        let e = try #require(Elements.parse(SVGImage().draw(image)))
        // Paper, the frame, one run of two black pixels, one grey pixel.
        let fills = e.all("rect").compactMap { $0["fill"] }
        #expect(fills == ["white", "#000000", "#7d7d7d", "none"])
    }

    @Test func aRegionMapMarksEverySampleOnEveryPanel() throws {
        let cells = TraceRegionMap.cells(x: -0.5...1.5, y: -0.5...1.5, columns: 5, rows: 5) { x, y in x + y > 1 ? 1 : 0 }
        let map = TraceRegionMap(title: "AND", x: -0.5...1.5, y: -0.5...1.5, columns: 5, rows: 5,
                                 panels: [.init(caption: ["before"], cells: cells), .init(caption: ["after"], cells: cells)],
                                 regionNames: ["ŷ = −1", "ŷ = +1"], pointNames: ["y = −1", "y = +1"],
                                 points: [.init(x: 0, y: 0, label: 0), .init(x: 1, y: 1, label: 1)])
        let e = try #require(Elements.parse(SVGRegions().draw(map)))
        // Two samples on two panels, and two markers in the legend.
        #expect(e.all("circle").count == 6)
        #expect(e.text.contains("before") && e.text.contains("after") && e.text.contains("region ŷ = +1"))
    }

    @Test func theNetworkShowsEveryWeightGradientAndUpdate() throws {
        let network = TraceNetwork(title: "1-1", nodes: [.init(name: "i1", layer: 0, labels: [.init("i1", 0.05)]),
                                                         .init(name: "o1", layer: 1, labels: [.init("out_o1", 0.75)]),
                                                         .init(name: "b1", layer: 0, isBias: true)],
                                   edges: [.init(from: "i1", to: "o1", weight: .init("w1", 0.15), gradient: .init("dE_total/dw1", 0.0004),
                                                 updated: .init("w1+", 0.1498)),
                                           .init(from: "b1", to: "o1", weight: .init("b1", 0.35))])
        let e = try #require(Elements.parse(SVGNetwork().draw(network)))
        #expect(e.all("circle").count == 2)
        for number in ["0.05", "0.75", "0.15", "0.0004", "0.1498", "0.35"] { #expect(e.text.contains(number), "\(number)") }
        #expect(e.text.contains("∂E"))
    }
}
