import LearnCore
import LearnCourse
import LearnText

/// Runs a lesson and evaluates it into a `Document`: every cell's derivation runs once, then prose,
/// passages, traces, parameter tables and checks become the document's typed parts, and every live
/// reference in the prose (`{{out_h2:3}}`) becomes this run's number.
///
/// With `overrides` (`--set`), the published numbers are not checked (they are the slides'), passages
/// about the slides' numbers whose parameters changed become a one-line notice, and the document lists
/// the changes beside the slides' values.
public struct LessonEvaluator: Sendable {
    /// Values that replace the lesson's parameters, in every run that has them.
    public var overrides: [Argument]

    public init(overrides: [Argument] = []) { self.overrides = overrides }

    /// The parameters the lesson's runs accept, in order of first appearance.
    public static func parameters(of lesson: Lesson) -> [Parameter] {
        var seen = Set<String>(), result: [Parameter] = []
        for case .run(let name, _, _, _) in lesson.statements {
            guard let d = try? Course.derivation(named: name) else { continue }
            for p in d.parameters where seen.insert(p.name).inserted { result.append(p) }
        }
        return result
    }

    /// Evaluates `lesson`. Throws `OverrideError` for an override the lesson cannot take, `LessonError`
    /// for a malformed lesson (or a published number it states about a quantity it never computes), and
    /// `LessonInputError` when a derivation's dataset cannot be found or read.
    public func evaluate(_ lesson: Lesson) throws -> Document {
        let known = Self.parameters(of: lesson)
        var resolved = self
        resolved.overrides = try overrides.map { o throws(OverrideError) -> Argument in
            if known.contains(where: { $0.name == o.name }) { return o }
            // As `learn verify` reads names: ignoring case when that leaves one parameter.
            let folded = known.filter { $0.name.lowercased() == o.name.lowercased() }
            guard folded.count == 1 else {
                throw OverrideError.unknownParameter(name: o.name, lesson: lesson.name, known: known.map(\.name))
            }
            return Argument(name: folded[0].name, value: o.value)
        }
        let runs = try resolved.execute(lesson)
        var builder = DocumentBuilder(lesson: lesson, runs: runs)
        return try builder.build()
    }

    /// Runs every `run` statement of the lesson, in order. A `run` line that repeats an earlier one
    /// (same derivation, values and prefix) returns to that run rather than running it again.
    private func execute(_ lesson: Lesson) throws -> [LessonRunRecord] {
        var runs: [LessonRunRecord] = []
        for case .run(let name, let arguments, let prefix, let line) in lesson.statements {
            if let earlier = runs.first(where: { $0.derivation == name && $0.arguments == arguments && $0.prefix == prefix }) {
                var again = earlier
                again.repeatsLine = earlier.line
                again.line = line
                runs.append(again)
                continue
            }
            runs.append(try execute(name, arguments, prefix: prefix, line: line, lesson: lesson))
        }
        return runs
    }

    private func execute(_ name: String, _ arguments: [Argument], prefix: String?, line: Int, lesson: Lesson) throws -> LessonRunRecord {
        let derivation: any Derivation.Type
        do { derivation = try Course.derivation(named: name) } catch {
            throw LessonError(file: lesson.file, line: line, error.description)
        }
        var slides = Parameters(derivation.parameters)
        for a in arguments {
            do { try slides.set(a.name, to: a.value) } catch { throw LessonError(file: lesson.file, line: line, error.description) }
        }
        var parameters = slides
        var changed: [String] = []
        for o in overrides where parameters.declares(o.name) {
            do { try parameters.set(o.name, to: o.value) } catch {
                throw OverrideError.badValue(name: o.name, value: o.value, reason: error.description)
            }
            if parameters.value(o.name) != slides.value(o.name), !changed.contains(o.name) { changed.append(o.name) }
        }
        let trace: Trace
        do {
            trace = try derivation.run(parameters)
        } catch .missingInput(let why) {
            throw LessonInputError(lesson: lesson.name, why)
        } catch {
            if !changed.isEmpty { throw OverrideError.rejected(reason: error.description) }
            throw LessonError(file: lesson.file, line: line, error.description)
        }
        return LessonRunRecord(derivation: name, arguments: arguments, prefix: prefix, line: line, trace: trace,
                               parameters: parameters, slides: slides, changed: changed)
    }
}

/// A `--set` that the lesson cannot take.
public enum OverrideError: Error, Equatable, CustomStringConvertible {
    /// No run of the lesson has a parameter of that name.
    case unknownParameter(name: String, lesson: String, known: [String])
    /// The value is not one the parameter takes.
    case badValue(name: String, value: String, reason: String)
    /// The derivation cannot run with the changed values.
    case rejected(reason: String)

    public var description: String {
        switch self {
        case .unknownParameter(let name, let lesson, let known):
            return "lesson '\(lesson)' has no parameter '\(name)' (parameters: \(known.joined(separator: ", ")))"
        case .badValue(let name, let value, let reason):
            return "\(name)=\(value): \(reason)"
        case .rejected(let reason):
            return reason
        }
    }
}

/// One `run` of a lesson: its derivation, its trace, and its parameters beside the lesson's own.
struct LessonRunRecord: Sendable {
    var derivation: String
    var arguments: [Argument]
    var prefix: String?
    var line: Int
    /// The line of the earlier, identical `run` this one returns to.
    var repeatsLine: Int? = nil
    var trace: Trace
    /// The values it ran with, and the values the lesson gives it (the slides').
    var parameters: Parameters
    var slides: Parameters
    /// The parameters whose value differs from the lesson's.
    var changed: [String]

    /// The lesson-wide name of one of its quantities.
    func qualified(_ name: String) -> String { prefix.map { "\($0).\(name)" } ?? name }
}
