import LearnCore

extension HTMLRenderer {
    /// One block as HTML.
    func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text):
            let h = min(max(level, 1), 6)
            let id = level == 2 ? " id=\"section-\(HTMLEscape.attribute(Self.slug(text)))\"" : ""
            return "<h\(h)\(id)>" + inline(text) + "</h\(h)>"
        case .paragraph(let text):
            return "<p>" + inline(text) + "</p>"
        case .list(let items):
            return list(items)
        case .quote(let blocks):
            return "<blockquote>\n" + render(blocks: blocks) + "</blockquote>"
        case .code(let language, let lines):
            let cls = language.map { " class=\"language-\(HTMLEscape.attribute($0))\"" } ?? ""
            return "<pre><code\(cls)>" + HTMLEscape.text(lines.joined(separator: "\n")) + "</code></pre>"
        case .math(let latex):
            return displayMath(latex)
        case .table(let t):
            return table(t)
        case .rule:
            return "<hr/>"
        case .step(let s):
            return step(s)
        case .plot(let p):
            return figure("plot", title: p.title, SVGPlot().draw(p))
        case .image(let i):
            return figure("picture", title: i.title, SVGImage().draw(i))
        case .regions(let m):
            return figure("regions", title: m.title, SVGRegions().draw(m))
        case .network(let n):
            var key = "<p class=\"key\"><span class=\"w\">weight</span>"
            if n.edges.contains(where: { $0.gradient != nil }) {
                key += " · <span class=\"grad\">" + MathNode.math(FormulaMathML.gradientSymbol, display: false) + " gradient</span>"
            }
            if n.edges.contains(where: { $0.updated != nil }) {
                key += " · <span class=\"upd\">" + MathNode.math(formulas.symbol("w+"), display: false) + " updated weight</span>"
            }
            key += "</p>"
            return figure("network", title: n.title, SVGNetwork(format: format).draw(n) + key)
        case .checks(let checks):
            return self.checks(checks)
        case .notice(let n):
            let assumed = n.assumes.map { MathNode.math(formulas.symbol($0.name), display: false) + " = " + HTMLEscape.text($0.slides) }
            return "<p class=\"notice\">⋯ A passage about the slides' numbers is left out: it assumes "
                + assumed.joined(separator: ", ") + ".</p>"
        }
    }

    /// A figure with its title as caption above it.
    func figure(_ kind: String, title: String, _ body: String) -> String {
        let caption = title.isEmpty ? "" : "<figcaption>" + HTMLEscape.text(title) + "</figcaption>"
        return "<figure class=\"\(kind)\">" + caption + body + "</figure>"
    }

    /// Nested lists from the items' levels; numbered items make an `<ol>` that starts at their number.
    func list(_ items: [ListItem]) -> String {
        var out = ""
        var open: [(tag: String, level: Int)] = []
        for item in items {
            let tag = item.number == nil ? "ul" : "ol"
            while let last = open.last, last.level > item.level {
                out += "</li></\(last.tag)>"
                open.removeLast()
            }
            if let last = open.last, last.level == item.level {
                if last.tag == tag {
                    out += "</li>"
                } else {
                    out += "</li></\(last.tag)>"
                    open.removeLast()
                }
            }
            if open.last.map({ $0.level < item.level }) ?? true {
                let start = item.number.map { $0 != 1 ? " start=\"\($0)\"" : "" } ?? ""
                out += "<\(tag)\(start)>"
                open.append((tag, item.level))
            }
            out += "<li>" + inline(item.text)
        }
        while let last = open.popLast() { out += "</li></\(last.tag)>" }
        return out
    }

    func table(_ t: Table) -> String {
        var out = t.columns.count >= 6 ? "<div class=\"table wide\">" : "<div class=\"table\">"
        // The title above the table, as wide as the page (a <caption> would be as narrow as the table).
        if let title = t.title { out += "<p class=\"table-title\">" + inline(title) + "</p>" }
        out += "<table>"
        let numeric = t.columns.indices.map { c in Self.isNumeric(t.rows.map { c < $0.count ? $0[c] : [] }) }
        func attributes(_ c: Int) -> String {
            var classes: [String] = []
            let column = t.columns[c]
            switch column.alignment {
            case .left: if numeric[c] { classes.append("num") }
            case .right: classes.append("num")
            case .center: classes.append("centre")
            }
            if column.isSlides { classes.append("slides") }
            var out = classes.isEmpty ? "" : " class=\"" + classes.joined(separator: " ") + "\""
            if column.isSlides { out += " title=\"the slides' value\"" }
            return out
        }
        out += "<thead><tr>"
        for (c, column) in t.columns.enumerated() {
            let mark = column.isSlides ? "<span class=\"slides-mark\"> (slides)</span>" : ""
            let header = inline(column.header)
            let alreadySaid = column.isSlides && PlainInlines.text(column.header).lowercased().contains("slides")
            out += "<th\(attributes(c))>" + header + (alreadySaid ? "" : mark) + "</th>"
        }
        out += "</tr></thead><tbody>"
        for row in t.rows {
            out += "<tr>"
            for c in t.columns.indices { out += "<td\(attributes(c))>" + (c < row.count ? inline(row[c]) : "") + "</td>" }
            out += "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    /// Whether a column holds numbers only (empty cells and dashes aside).
    static func isNumeric(_ cells: [[Inline]]) -> Bool {
        var any = false
        for cell in cells {
            let content = cell.filter { if case .text(let t) = $0 { return !t.trimmingCharacters(in: .whitespaces).isEmpty } else { return true } }
            if content.isEmpty { continue }
            if content.count == 1, case .text(let t) = content[0], t.trimmingCharacters(in: .whitespaces) == "—" { continue }
            guard content.allSatisfy({ x in
                switch x {
                case .number, .quantity, .slidesValue: return true
                case .strong(let inner), .emphasis(let inner): return inner.allSatisfy { if case .number = $0 { return true }; return false }
                default: return false
                }
            }) else { return false }
            any = true
        }
        return any
    }

    /// The `expect` lines of a cell: what was reproduced, then each number that was not.
    func checks(_ checks: [CheckResult]) -> String {
        var out = "<ul class=\"checks\">"
        let passed = checks.filter(\.passed), failed = checks.filter { !$0.passed }
        if !passed.isEmpty {
            out += "<li class=\"pass\"><span class=\"mark\">✓ Reproduced:</span> "
            out += passed.map { "<code>" + HTMLEscape.text($0.name) + " = " + HTMLEscape.text($0.published) + "</code>" }.joined(separator: ", ")
            out += "</li>"
        }
        for f in failed {
            let computed = f.computed.map { SVGText.number($0, format: format) } ?? "nothing"
            out += "<li class=\"fail\"><span class=\"mark\">✗ " + HTMLEscape.text(f.name) + ":</span> published "
                + HTMLEscape.text(f.published) + ", computed " + HTMLEscape.text(computed) + "</li>"
        }
        return out + "</ul>"
    }

    /// A heading's text as an anchor name: `1-the-forward-pass`.
    static func slug(_ text: [Inline]) -> String {
        var out = ""
        for c in PlainInlines.text(text).lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) { out.append(c) } else if out.last != "-" { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        while out.hasPrefix("-") { out.removeFirst() }
        return out.isEmpty ? "section" : out
    }
}

/// Inline content as plain text, for anchors and tests.
enum PlainInlines {
    static func text(_ inlines: [Inline]) -> String {
        inlines.map { x -> String in
            switch x {
            case .text(let t), .code(let t), .math(let t), .slidesValue(let t): return t
            case .emphasis(let i), .strong(let i): return text(i)
            case .link(let label, _): return text(label)
            case .formula(let f): return f.plainText()
            case .number(let n): return NumberFormat().string(n)
            case .quantity(let q): return NumberFormat().string(q.value)
            case .lineBreak: return " "
            }
        }.joined()
    }
}
