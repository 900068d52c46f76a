/// One step of a worked derivation: `name = formula = substituted formula = value`.
///
/// `net_h1 = w1·i1 + w2·i2 + b1 = 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775` is a step whose `name` is
/// `net_h1`, whose `forms` are the symbolic and the substituted formula, and whose `value` is 0.3775.
/// A chain-rule step has the product of derivatives as its symbolic form.
public struct Step: Sendable, Equatable {
    /// The key a learner types in `learn verify` and a lesson uses in `expect`: `out_h1`, `w5+`, `dE/dw5`.
    public var name: String
    /// The left-hand side as typeset; by default the symbol `name`.
    public var symbol: Formula
    /// The right-hand sides, from symbols to numbers; the value follows them.
    public var forms: [Formula]
    public var value: Double
    /// A sentence of explanation, in Markdown.
    public var note: String?

    public init(_ name: String, symbol: Formula? = nil, forms: [Formula] = [], value: Double, note: String? = nil) {
        self.name = name
        self.symbol = symbol ?? .symbol(name)
        self.forms = forms
        self.value = value
        self.note = note
    }
}

/// A table in a trace: a title, column headings and rows of cells.
public struct TraceTable: Sendable, Equatable {
    /// One cell: text, or a number printed with the trace's format.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case formula(Formula)
    }
    public var title: String?
    public var columns: [String]
    public var rows: [[Cell]]

    public init(title: String? = nil, columns: [String], rows: [[Cell]] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// A curve or scatter to be drawn: named series of (x, y) points.
public struct TracePlot: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public init(name: String, points: [(x: Double, y: Double)]) { self.name = name; self.points = points }
        public static func == (a: Series, b: Series) -> Bool {
            a.name == b.name && a.points.elementsEqual(b.points) { $0.x == $1.x && $0.y == $1.y }
        }
    }
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var logY: Bool
    public init(title: String, xLabel: String, yLabel: String, series: [Series], logY: Bool = false) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series; self.logY = logY
    }
}

/// A small greyscale picture to be drawn: a digit, a kernel, a feature map.
public struct TraceImage: Sendable, Equatable {
    public var title: String
    public var rows: Int
    public var columns: Int
    /// `rows · columns` intensities in row-major order, 0 (background) to 1 (ink); others are clamped.
    public var pixels: [Double]
    public init(title: String, rows: Int, columns: Int, pixels: [Double]) {
        precondition(rows >= 0 && columns >= 0 && pixels.count == rows * columns,
                     "TraceImage: \(rows) × \(columns) needs \(rows * columns) pixels, got \(pixels.count)")
        self.title = title; self.rows = rows; self.columns = columns; self.pixels = pixels
    }
}

/// What a trace holds, in order: steps, tables, plots, pictures, region maps, network drawings and short notes.
public enum TraceItem: Sendable, Equatable {
    case step(Step)
    case table(TraceTable)
    case plot(TracePlot)
    case image(TraceImage)
    /// A map of decision regions with samples marked.
    case regions(TraceRegionMap)
    /// A network drawn as a graph, with values and gradients on it.
    case network(TraceNetwork)
    /// A remark in Markdown (may contain `$…$` math).
    case note(String)
}

/// Why a quantity of a trace is not a finite number, on purpose.
public enum NonFinite: Sendable, Equatable {
    /// The maths gives it no value (0/0, the derivative of the step at 0); the reason says why.
    case undefined(String)
    /// Its value exceeds the largest Double (about 1.8·10³⁰⁸), and the lesson shows that on purpose.
    case overflow(String)

    /// What is printed in place of the value.
    public var word: String {
        switch self {
        case .undefined: return "undefined"
        case .overflow: return "overflows"
        }
    }

    /// Why, in a sentence.
    public var reason: String {
        switch self {
        case .undefined(let why), .overflow(let why): return why
        }
    }
}

/// The ordered record of a worked derivation, in named sections, with every named quantity it computed.
///
/// A lesson shows a trace section by section (`show forward`), checks its numbers (`expect out_h1 =
/// 0.593269992`) and compares a learner's answers with it (`learn verify`). Every step's value is a
/// quantity; `record` adds quantities that appear only in tables.
public struct Trace: Sendable, Equatable {
    public private(set) var items: [(section: String, item: TraceItem)] = []
    /// Quantity names in the order they were defined.
    public private(set) var names: [String] = []
    private var valueByName: [String: Double] = [:]
    /// The section that `add` puts items in.
    public var section: String = "main"
    /// Given numbers that formulas use by name but that are not quantities (inputs, weights, η): with the
    /// quantities they let anyone recompute a step from other numbers (`learn verify`'s diagnosis).
    public var givens: [String: Double] = [:]
    /// Quantities whose value is not a finite number on purpose, and why: the notebook prints the
    /// reason's word ("undefined", "overflows") instead of nan or inf.
    public private(set) var nonFinite: [String: NonFinite] = [:]

    public init() {}

    public static func == (a: Trace, b: Trace) -> Bool {
        a.names == b.names && a.valueByName.count == b.valueByName.count
            && a.valueByName.allSatisfy { name, x in b.valueByName[name].map { $0 == x || ($0.isNaN && x.isNaN) } ?? false } && a.nonFinite == b.nonFinite
            && a.items.elementsEqual(b.items) { $0.section == $1.section && $0.item == $1.item }
    }

    /// The section names in order of first appearance.
    public var sections: [String] {
        var seen = Set<String>()
        return items.compactMap { seen.insert($0.section).inserted ? $0.section : nil }
    }

    /// The value of a named quantity.
    public func value(_ name: String) -> Double? { valueByName[name] }

    /// The step that defines `name`, if it is a step.
    public func step(_ name: String) -> Step? {
        for (_, item) in items { if case .step(let s) = item, s.name == name { return s } }
        return nil
    }

    /// Appends a step to the current section and records its value under its name.
    public mutating func add(_ step: Step) {
        items.append((section, .step(step)))
        record(step.name, step.value)
    }

    public mutating func add(_ table: TraceTable) { items.append((section, .table(table))) }
    public mutating func add(_ plot: TracePlot) { items.append((section, .plot(plot))) }
    public mutating func add(_ image: TraceImage) { items.append((section, .image(image))) }
    public mutating func add(_ map: TraceRegionMap) { items.append((section, .regions(map))) }
    public mutating func add(_ network: TraceNetwork) { items.append((section, .network(network))) }
    public mutating func note(_ markdown: String) { items.append((section, .note(markdown))) }

    /// Marks the quantity `name` as not finite on purpose (its value is NaN or ±∞), and why.
    public mutating func mark(_ name: String, _ why: NonFinite) { nonFinite[name] = why }

    /// Records a named quantity without a step (a table entry, a count). A later value replaces an earlier one.
    public mutating func record(_ name: String, _ value: Double) {
        if valueByName.updateValue(value, forKey: name) == nil { names.append(name) }
    }

    /// The items of the given sections (all items when `sections` is empty), in order.
    public func items(in sections: [String]) -> [TraceItem] {
        items.filter { sections.isEmpty || sections.contains($0.section) }.map(\.item)
    }
}
