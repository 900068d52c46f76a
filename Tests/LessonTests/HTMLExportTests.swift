import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import LearnCore
import LearnCourse
import LearnNotebook
import LearnText

/// Every lesson exported as HTML (`learn lesson NAME --format html`) is a page a browser and an XML
/// parser both read: well-formed after its doctype, maths as MathML, every figure as SVG, and no raw
/// LaTeX (outside the `<annotation>` that keeps an author's source), no `$` delimiters, no `nan` or `inf`
/// anywhere a reader looks. The MNIST lessons run only when the data is at hand (as in LessonGoldenTests).
@Suite struct HTMLExportTests {
    @Test(arguments: LessonGoldenTests.library.names.filter { !LessonGoldenTests.datasetLessons.contains($0) })
    func everyLessonExportsAWellFormedPage(_ name: String) throws {
        try Self.check(name)
    }

    @Test(.enabled(if: LessonGoldenTests.mnistGiven, "needs MNIST: set LEARN_TEST_MNIST=DIR"),
          arguments: LessonGoldenTests.datasetLessons.sorted())
    func everyMNISTLessonExportsAWellFormedPage(_ name: String) throws {
        try Self.check(name)
    }

    /// A section alone and a run with a changed parameter (the banner) are pages too.
    @Test func aSectionAndAChangedRun() throws {
        let lesson = try LessonGoldenTests.library.lesson("backprop")
        let changed = try LessonEvaluator(overrides: [Argument(name: "i1", value: "0.2")]).evaluate(lesson)
        let html = HTMLRenderer().render(changed)
        let page = try #require(Page.parse(html))
        #expect(page.text.contains("Your values, not the slides'"))
        #expect(page.text.contains("(slides: 0.05)"))
        let table = Table(columns: [.init(header: [.text("parameter")], alignment: .left), .init(header: [.text("this run")], alignment: .right),
                                    .init(header: [.text("slides")], alignment: .right, isSlides: true)],
                          rows: [[[.formula(.symbol("i1"))], [.strong([.number(0.2)])], [.slidesValue("0.05")]]])
        #expect(HTMLRenderer().render(blocks: [.table(table)]).contains("<th class=\"num slides\" title=\"the slides' value\">slides</th>"),
                "the slides' column is marked")
        let section = try #require(try LessonEvaluator().evaluate(lesson).section(3))
        let one = try #require(Page.parse(HTMLRenderer().render(section)))
        #expect(one.text.contains("The backward pass: the output layer"))
        #expect(!one.text.contains("The forward pass"))
    }

    /// The 2-2-2 network drawn: every weight, gradient and update of the backprop example on it.
    @Test func theNetworkDrawingCarriesEveryNumber() throws {
        let trace = try Backprop.run(Parameters(Backprop.parameters))
        let network = try #require(trace.items.compactMap { if case .network(let n) = $0.item { return n } else { return nil } }.first)
        let html = HTMLRenderer().render(blocks: [.network(network)])
        let page = try #require(Page.parse("<div>" + html + "</div>"))
        #expect(page.elements.contains("svg"))
        for e in network.edges {
            #expect(page.text.contains(NumberFormat().string(e.weight.value)), "\(e.weight.name)")
            if let g = e.gradient { #expect(page.text.contains(NumberFormat().string(abs(g.value))), "\(g.name)") }
            if let u = e.updated { #expect(page.text.contains(NumberFormat().string(u.value)), "\(u.name)") }
        }
        #expect(page.text.contains("0.593269992"), "out_h1 beside h1")
    }

    static func check(_ name: String) throws {
        check(try LessonEvaluator().evaluate(try LessonGoldenTests.library.lesson(name)), name: name)
    }

    /// The checks above on any document (a lesson, an exercise sheet, its key); `name` labels failures.
    static func check(_ document: Document, name: String) {
        let html = HTMLRenderer().render(document)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html"))
        guard let page = Page.parse(html) else {
            Issue.record("\(name): the HTML is not well-formed XML")
            return
        }
        #expect(page.elements.contains("math"), "\(name): no MathML")
        let blocks = document.parts.flatMap(\.blocks)
        let figures = blocks.filter { b in
            switch b { case .plot, .image, .regions, .network: return true; default: return false }
        }.count
        #expect(page.count("svg") == figures, "\(name): \(figures) figures, \(page.count("svg")) SVG elements")
        // What a reader sees: the text outside annotations and the stylesheet.
        let seen = page.text
        for latex in ["\\frac", "\\partial", "\\mathrm", "\\text", "\\cdot", "_{", "^{", "$$"] {
            if let r = seen.range(of: latex) {
                let start = seen.index(r.lowerBound, offsetBy: -40, limitedBy: seen.startIndex) ?? seen.startIndex
                Issue.record("\(name): raw LaTeX '\(latex)' in: …\(seen[start..<r.upperBound])")
            }
        }
        // `$` only in code (an environment variable such as $LEARN_DATA), never around maths.
        #expect(!page.textOutsideCode.contains("$"), "\(name): a $ outside code")
        let words = seen.split { !$0.isLetter }.map { $0.lowercased() }
        #expect(!words.contains("nan") && !words.contains("inf"), "\(name): nan or inf printed")
    }
}

/// A page read by `XMLParser`: its element names, and its text outside `<annotation>` and `<style>`.
final class Page: NSObject, XMLParserDelegate {
    private(set) var elements: [String] = []
    private(set) var text = ""
    private(set) var textOutsideCode = ""
    private var skipping = 0, code = 0

    static func parse(_ html: String) -> Page? {
        let page = Page()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = page
        return parser.parse() ? page : nil
    }

    func count(_ name: String) -> Int { elements.filter { $0 == name }.count }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(name)
        if name == "annotation" || name == "style" { skipping += 1 }
        if name == "code" || name == "pre" { code += 1 }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "annotation" || name == "style" { skipping -= 1 }
        if name == "code" || name == "pre" { code -= 1 }
        text += " "
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard skipping == 0 else { return }
        text += string
        if code == 0 { textOutsideCode += string }
    }
}
