import LearnCore
import LearnCourse
import LearnText

/// Turns a lesson whose runs have finished into its `Document`, block by block in document order.
struct DocumentBuilder {
    let lesson: Lesson
    let runs: [LessonRunRecord]
    /// Every parameter the runs changed, with the slides' values.
    let changes: [ParameterChange]

    private var parts: [Part] = []
    private var quantities: [Quantity] = []
    private var checks: [CheckResult] = []
    /// The number of level-2 headings so far.
    private var section = 0
    /// The index of the run that `show`, `expect` and references in prose refer to.
    private var current: Int? = nil
    /// How many `run` statements have been passed.
    private var runsSeen = 0
    /// Where each quantity was first shown, by lesson-wide name.
    private var shownIn: [String: Int] = [:]

    init(lesson: Lesson, runs: [LessonRunRecord]) {
        self.lesson = lesson
        self.runs = runs
        changes = Self.changes(runs)
    }

    mutating func build() throws -> Document {
        for block in lesson.blocks {
            switch block {
            case .prose(let markdown, let line):
                appendProse(try prose(markdown, line: line), kind: .prose)
            case .passage(let passage):
                try append(passage)
            case .cell(let cell):
                try append(cell)
            }
        }
        for (k, q) in quantities.enumerated() { quantities[k].lessonSection = shownIn[q.name] ?? q.lessonSection }
        let h = lesson.header
        return Document(title: h.title, summary: h.summary, source: h.deck, prerequisites: h.prerequisites,
                        changes: changes, parts: parts, quantities: quantities, checks: checks)
    }

    // MARK: Prose

    /// Markdown of the lesson as blocks, references resolved against the current run (then the others).
    private func prose(_ markdown: String, line: Int) throws(LessonError) -> [Block] {
        let runs = self.runs, current = self.current
        let anyChanged = !changes.isEmpty
        let parser = InlineParser { (name, decimals) throws(InlineParser.ReferenceError) -> Inline in
            if let found = Self.resolve(name, runs: runs, current: current) {
                switch found {
                case .number(let x): return .quantity(QuantityReference(name: name, value: x, decimals: decimals))
                case .text(let t): return .text(t)
                }
            }
            if anyChanged { return .emphasis([.text("(not computed for these parameters)")]) }
            throw InlineParser.ReferenceError("{{\(name)}}: no run of this lesson computes a quantity or has a parameter '\(name)'")
        }
        return try ProseParser(inline: parser, file: lesson.file, firstLine: line).parse(markdown)
    }

    /// The value of `name` in the current run, else in any run (a prefixed name `and.w1` in its own run).
    static func resolve(_ name: String, runs: [LessonRunRecord], current: Int?) -> ParameterValue? {
        func lookup(_ run: LessonRunRecord, _ name: String) -> ParameterValue? {
            if let x = run.trace.value(name) { return .number(x) }
            return run.parameters.value(name)
        }
        let order = (current.map { [$0] } ?? []) + runs.indices.filter { $0 != current }
        for k in order {
            let run = runs[k]
            if let prefix = run.prefix, name.hasPrefix(prefix + ".") {
                if let v = lookup(run, String(name.dropFirst(prefix.count + 1))) { return v }
            } else if k == current || run.prefix == nil, let v = lookup(run, name) {
                return v
            }
        }
        return nil
    }

    /// Prose blocks as parts: a level-2 heading starts a new part and a new section.
    private mutating func appendProse(_ blocks: [Block], kind: Part.Kind) {
        var pending: [Block] = []
        func flush(_ parts: inout [Part], _ section: Int) {
            if !pending.isEmpty { parts.append(Part(kind: kind, section: section, blocks: pending)) }
            pending = []
        }
        for block in blocks {
            if case .heading(2, _) = block {
                flush(&parts, section)
                section += 1
            }
            pending.append(block)
        }
        flush(&parts, section)
    }

    private mutating func append(_ passage: Passage) throws {
        switch passage.kind {
        case .verify:
            appendProse(try prose(passage.markdown, line: passage.line), kind: .practice)
        case .slides(let assumes):
            let known = LessonEvaluator.parameters(of: lesson).map(\.name)
            for name in assumes ?? [] where !known.contains(name) {
                throw LessonError(file: lesson.file, line: passage.line - 1,
                                  "'::: slides' names '\(name)', which is not a parameter of this lesson (parameters: \(known.joined(separator: ", ")))")
            }
            let relevant = changes.filter { assumes?.contains($0.name) ?? true }
            if relevant.isEmpty {
                appendProse(try prose(passage.markdown, line: passage.line), kind: .prose)
            } else {
                parts.append(Part(kind: .prose, section: section, blocks: [.notice(Notice(assumes: relevant))]))
            }
        }
    }

    // MARK: Cells

    private mutating func append(_ cell: Cell) throws {
        var cellChecks: [CheckResult] = []
        for statement in cell.statements {
            switch statement {
            case .run:
                current = runsSeen
                runsSeen += 1
                try recordQuantities(of: runs[current!])
            case .show(let targets, let line):
                guard let k = current else { throw LessonError(file: lesson.file, line: line, "'show' before any 'run'") }
                try show(targets, from: runs[k], line: line)
            case .parameters(let names, let line):
                guard let k = current else { throw LessonError(file: lesson.file, line: line, "'parameters' before any 'run'") }
                parts.append(Part(kind: .trace, section: section, blocks: [.table(try parameterTable(runs[k], names, line: line))]))
            case .expect(let e):
                guard let k = current else { throw LessonError(file: lesson.file, line: e.line, "'expect' before any 'run'") }
                cellChecks.append(try check(e, in: runs[k]))
            }
        }
        checks += cellChecks
        let ran = cellChecks.filter { !$0.skipped }
        if !ran.isEmpty { parts.append(Part(kind: .checks, section: section, blocks: [.checks(ran)])) }
    }

    /// The line of the run that defined each quantity, by lesson-wide name.
    private var definedAt: [String: Int] = [:]

    private mutating func recordQuantities(of run: LessonRunRecord) throws(LessonError) {
        // Returning to an earlier run: its quantities are recorded already.
        guard run.repeatsLine == nil else { return }
        let sections = Dictionary(run.trace.items.compactMap { entry -> (String, String)? in
            if case .step(let s) = entry.item { return (s.name, entry.section) }
            return nil
        }, uniquingKeysWith: { a, _ in a })
        for name in run.trace.names {
            let step = run.trace.step(name).map { documentStep($0, in: run) }
            if let earlier = definedAt[run.qualified(name)] {
                throw LessonError(file: lesson.file, line: run.line,
                                  "this run computes '\(run.qualified(name))', as the run of line \(earlier) does: a name means one quantity in a lesson, so give one of them a prefix ('run \(run.derivation) … as NAME')")
            }
            definedAt[run.qualified(name)] = run.line
            quantities.append(Quantity(name: run.qualified(name), value: run.trace.value(name)!,
                                       symbol: step?.symbol ?? .symbol(name), step: step, derivation: run.derivation,
                                       traceSection: sections[name] ?? "", lessonSection: section))
        }
    }

    private mutating func show(_ targets: [String], from run: LessonRunRecord, line: Int) throws {
        let selected: [TraceItem]?
        if run.changed.isEmpty {
            selected = try select(targets, from: run, line: line)
        } else {
            // The learner's parameters can leave a section empty (no training with steps = 0).
            selected = try? select(targets, from: run, line: line)
        }
        guard let items = selected else {
            parts.append(Part(kind: .trace, section: section,
                              blocks: [.paragraph([.emphasis([.text("(Nothing to show here for these parameters.)")])])]))
            return
        }
        for item in items {
            let blocks = try TraceBlocks(file: lesson.file, line: line).blocks(item, step: { documentStep($0, in: run) })
            if case .step(let s) = item, shownIn[run.qualified(s.name)] == nil { shownIn[run.qualified(s.name)] = section }
            parts.append(Part(kind: .trace, section: section, blocks: blocks))
        }
    }

    private func select(_ targets: [String], from run: LessonRunRecord, line: Int) throws(LessonError) -> [TraceItem] {
        let trace = run.trace
        if targets == ["all"] { return trace.items(in: []) }
        var items: [TraceItem] = []
        for target in targets {
            if trace.sections.contains(target) {
                items += trace.items(in: [target])
            } else if let step = trace.step(target) {
                items.append(.step(step))
            } else {
                throw LessonError(file: lesson.file, line: line,
                                  "show: \(run.derivation) has no section or step '\(target)' (sections: \(trace.sections.joined(separator: ", ")))")
            }
        }
        return items
    }

    /// A trace step with lesson-wide names, its note parsed, and the quantities its formula uses.
    private func documentStep(_ s: Step, in run: LessonRunRecord) -> DocumentStep {
        let uses = (s.forms.first?.quantityNames ?? []).filter { run.trace.value($0) != nil && $0 != s.name }
        let nonFinite = run.trace.nonFinite[s.name]
        // A marked quantity's reason is part of its note: "undefined: … ".
        let noteText = [nonFinite.map { "\($0.word.prefix(1).uppercased() + $0.word.dropFirst()): \($0.reason)." }, s.note]
            .compactMap { $0 }.joined(separator: " ")
        let note = noteText.isEmpty ? nil
            : (try? InlineParser(reference: { _, _ in .text("") }).parse(noteText)) ?? [.text(noteText)]
        var constants: [String: Double] = [:]
        for name in s.forms.first?.quantityNames ?? [] where run.trace.value(name) == nil {
            if let x = run.trace.givens[name] {
                constants[name] = x
            } else if case .number(let x)? = run.parameters.value(name) {
                constants[name] = x
            }
        }
        return DocumentStep(name: run.qualified(s.name), symbol: s.symbol, forms: s.forms, value: s.value, note: note,
                            dependencies: uses.map(run.qualified), prefix: run.prefix, constants: constants,
                            nonFinite: nonFinite)
    }

    private func check(_ e: Expectation, in run: LessonRunRecord) throws(LessonError) -> CheckResult {
        let location = "\(lesson.file):\(e.line)"
        let published = Self.published(e.bound)
        // The published numbers are about the slides' values: with the learner's own, they are not checked.
        if !run.changed.isEmpty { return CheckResult(name: e.name, published: published, computed: nil, passed: true, location: location) }
        guard let value = run.trace.value(e.name) else {
            throw LessonError(file: lesson.file, line: e.line,
                              "expect: \(run.derivation) has no quantity '\(e.name)' (it has: \(run.trace.names.prefix(40).joined(separator: ", ")))")
        }
        return CheckResult(name: run.qualified(e.name), published: published, computed: value,
                           passed: Expectation.holds(e.bound, value), location: location)
    }

    /// The bound as the lesson states it.
    static func published(_ bound: Expectation.Bound) -> String {
        let f = NumberFormat()
        switch bound {
        case .asWritten(let t): return t
        case .tolerance(let x, let tol): return "\(f.string(x)) ± \(f.string(tol))"
        case .range(let lo, let hi): return "\(f.string(lo))…\(f.string(hi))"
        }
    }

    // MARK: Parameters

    /// The run's parameters (all, or `names`), with the slides' values beside them when any changed.
    private func parameterTable(_ run: LessonRunRecord, _ names: [String], line: Int) throws(LessonError) -> Table {
        let declared = run.parameters.declared
        for name in names where !declared.contains(where: { $0.name == name }) {
            throw LessonError(file: lesson.file, line: line,
                              "parameters: \(run.derivation) has no parameter '\(name)' (it has: \(declared.map(\.name).joined(separator: ", ")))")
        }
        let shown = names.isEmpty ? declared : names.compactMap { n in declared.first { $0.name == n } }
        let anyChanged = shown.contains { run.changed.contains($0.name) }
        var columns = [Table.Column(header: [.text("parameter")], alignment: .left),
                       Table.Column(header: [.text("what it is")], alignment: .left),
                       Table.Column(header: [.text(anyChanged ? "this run" : "value")], alignment: .right)]
        if anyChanged { columns.append(Table.Column(header: [.text("slides")], alignment: .right, isSlides: true)) }
        let rows: [[[Inline]]] = shown.map { p in
            var row: [[Inline]] = [[.formula(.symbol(p.name))], [.text(p.meaning)], Self.cell(run.parameters.value(p.name))]
            if anyChanged {
                row[2] = run.changed.contains(p.name) ? [.strong(row[2])] : row[2]
                row.append([.slidesValue(Self.text(run.slides.value(p.name)))])
            }
            return row
        }
        return Table(columns: columns, rows: rows)
    }

    static func cell(_ value: ParameterValue?) -> [Inline] {
        switch value {
        case .number(let x)?: return [.number(x)]
        case .text(let t)?: return [.text(t)]
        case nil: return [.text("—")]
        }
    }

    static func text(_ value: ParameterValue?) -> String {
        switch value {
        case .number(let x)?: return NumberFormat().string(x)
        case .text(let t)?: return t
        case nil: return "—"
        }
    }

    /// Every changed parameter once, with its value and the slides' value(s).
    static func changes(_ runs: [LessonRunRecord]) -> [ParameterChange] {
        var out: [ParameterChange] = []
        for run in runs {
            for name in run.changed {
                let value = text(run.parameters.value(name)), slides = text(run.slides.value(name))
                if let k = out.firstIndex(where: { $0.name == name }) {
                    if !out[k].slides.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).contains(slides) {
                        out[k].slides += ", " + slides
                    }
                } else {
                    out.append(ParameterChange(name: name, meaning: run.parameters.parameter(name)?.meaning ?? name,
                                               value: value, slides: slides))
                }
            }
        }
        return out
    }
}
