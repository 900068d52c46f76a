import LearnText
import LearnCore
import LearnCourse

/// Runs a lesson's cells in order and turns prose and traces into Markdown units.
public struct LessonRunner {
    /// How numbers are printed.
    public var format: NumberFormat
    /// `--set name=value`, applied to every run whose derivation has that parameter.
    public var overrides: [Argument]
    /// Whether pictures may use Unicode drawing characters (plain ASCII otherwise).
    public var unicodePictures: Bool

    public init(format: NumberFormat = NumberFormat(), overrides: [Argument] = [], unicodePictures: Bool = true) {
        self.format = format
        self.overrides = overrides
        self.unicodePictures = unicodePictures
    }

    /// The parameters the lesson's runs accept, in order of first appearance.
    public static func parameters(of lesson: Lesson) -> [Parameter] {
        var seen = Set<String>(), result: [Parameter] = []
        for case .run(let name, _, _, _) in lesson.statements {
            guard let d = try? Course.derivation(named: name) else { continue }
            for p in d.parameters where seen.insert(p.name).inserted { result.append(p) }
        }
        return result
    }

    /// Runs `lesson`. Throws `UsageError` for a bad `--set`, `LessonError` for a bad lesson,
    /// `LessonInputError` when a derivation's dataset cannot be found or read.
    public func run(_ lesson: Lesson) throws -> LessonRun {
        let known = Self.parameters(of: lesson)
        for o in overrides where !known.contains(where: { $0.name == o.name }) {
            let names = known.map(\.name).joined(separator: ", ")
            throw UsageError("--set \(o.name): lesson '\(lesson.name)' has no parameter '\(o.name)' (parameters: \(names))")
        }
        var result = LessonRun(lesson: lesson)
        let writer = TraceMarkdown(format: format, unicodePictures: unicodePictures)
        result.units.append(.init(kind: .header, markdown: writer.header(lesson.header)))
        var current: (name: String, trace: Trace, overridden: Bool)? = nil
        for block in lesson.blocks {
            switch block {
            case .prose(let text, _):
                result.units.append(.init(kind: .prose, markdown: text))
            case .cell(let cell):
                var checks: [LessonRun.Check] = []
                for statement in cell.statements {
                    switch statement {
                    case .run(let name, let arguments, let prefix, let line):
                        let (trace, overridden) = try runDerivation(name, arguments, line: line, lesson: lesson)
                        current = (name, trace, overridden)
                        result.overridden = result.overridden || overridden
                        for q in trace.names {
                            result.quantities.append(.init(name: prefix.map { "\($0).\(q)" } ?? q, value: trace.value(q)!,
                                                           step: trace.step(q), derivation: name))
                        }
                    case .show(let targets, let line):
                        guard let run = current else { throw LessonError(file: lesson.file, line: line, "'show' before any 'run'") }
                        let select = { try self.select(targets, from: run.trace, derivation: run.name, line: line, file: lesson.file) }
                        // The learner's parameters can leave a section empty (no training with steps = 0).
                        let items = run.overridden ? ((try? select()) ?? [.note("*(Nothing to show here for these parameters.)*")])
                                                   : try select()
                        for item in items { result.units.append(writer.unit(item)) }
                    case .expect(let e):
                        guard let run = current else { throw LessonError(file: lesson.file, line: e.line, "'expect' before any 'run'") }
                        if run.overridden {
                            // The published numbers are about the slides' values: with the learner's own, skip them.
                            checks.append(LessonRun.Check(expectation: e, computed: nil, passed: true))
                            continue
                        }
                        guard let value = run.trace.value(e.name) else {
                            throw LessonError(file: lesson.file, line: e.line,
                                              "expect: \(run.name) has no quantity '\(e.name)' (it has: \(run.trace.names.prefix(40).joined(separator: ", ")))")
                        }
                        checks.append(LessonRun.Check(expectation: e, computed: value, passed: Self.holds(e.bound, value)))
                    }
                }
                result.checks += checks
                if let line = writer.checks(checks) { result.units.append(.init(kind: .checks, markdown: line)) }
            }
        }
        return result
    }

    /// Whether `value` satisfies an expectation's bound.
    public static func holds(_ bound: Expectation.Bound, _ value: Double) -> Bool {
        switch bound {
        case .asWritten(let text): return WrittenNumber(text)?.matches(value) ?? false
        case .tolerance(let x, let tolerance): return abs(value - x) <= tolerance
        case .range(let low, let high): return value >= low && value <= high
        }
    }

    private func runDerivation(_ name: String, _ arguments: [Argument], line: Int, lesson: Lesson) throws -> (Trace, Bool) {
        let derivation: any Derivation.Type
        do { derivation = try Course.derivation(named: name) } catch {
            throw LessonError(file: lesson.file, line: line, error.description)
        }
        var parameters = Parameters(derivation.parameters)
        for a in arguments {
            do { try parameters.set(a.name, to: a.value) } catch { throw LessonError(file: lesson.file, line: line, error.description) }
        }
        var overridden = false
        for o in overrides where parameters.declares(o.name) {
            do { try parameters.set(o.name, to: o.value) } catch { throw UsageError("--set \(o.name)=\(o.value): \(error.description)") }
            overridden = true
        }
        do {
            return (try derivation.run(parameters), overridden)
        } catch .missingInput(let why) {
            throw LessonInputError(lesson: lesson.name, why)
        } catch {
            if overridden { throw UsageError("--set: \(error.description)") }
            throw LessonError(file: lesson.file, line: line, error.description)
        }
    }

    private func select(_ targets: [String], from trace: Trace, derivation: String, line: Int, file: String) throws(LessonError) -> [TraceItem] {
        if targets == ["all"] { return trace.items(in: []) }
        var items: [TraceItem] = []
        for target in targets {
            if trace.sections.contains(target) {
                items += trace.items(in: [target])
            } else if let step = trace.step(target) {
                items.append(.step(step))
            } else {
                throw LessonError(file: file, line: line,
                                  "show: \(derivation) has no section or step '\(target)' (sections: \(trace.sections.joined(separator: ", ")))")
            }
        }
        return items
    }
}
