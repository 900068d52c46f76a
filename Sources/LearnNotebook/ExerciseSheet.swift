import LearnCore
import LearnCourse
import LearnText

/// A lesson's worked example with fresh numbers: a worksheet to do by hand, and its key.
///
/// The exercise is that of the lesson's first `run` whose derivation declares one
/// (`Derivation.exercise`), under that run's prefix, so names are the lesson's (`and.w1`). Its variant
/// for `seed` is drawn, then a lesson of one cell is evaluated like any other:
///
/// ```
/// run DERIVATION <the variant's fixed and drawn values> [as PREFIX]
/// show <the exercise's sections>
/// ```
///
/// so every number of the key is that run's own (no `--set` banner: the variant's values are the run's
/// values). The same lesson and seed always give the same sheet and key.
public struct ExerciseSheet: Sendable {
    /// A value the sheet gives: a parameter's name as a `run` line writes it, its value, and what it is.
    public struct Given: Sendable, Equatable {
        public var name: String
        public var value: String
        public var meaning: String
    }

    /// The lesson's name (`learn exercise NAME`).
    public let lesson: String
    /// Which variant: the same lesson and seed always give the same sheet.
    public let seed: UInt64
    /// The derivation the exercise is drawn from, and its run's prefix in the lesson.
    public let derivation: String
    public let prefix: String?
    /// The drawn variant: its `run` arguments, parameters and trace.
    public let variant: ExerciseVariant
    /// What the sheet gives, in the exercise's order: the parameters (named as a `run` line names them),
    /// then the trace's quantities the learner takes as given (lesson-wide names, their symbol as meaning).
    public let givens: [Given]
    /// The lesson-wide names of the quantities the learner computes, in the worked example's order.
    public let asked: [String]
    /// The key: the answers as `name = value` lines (the `learn verify --answers` format), then the
    /// worked solution. Its `quantities` are the variant's, which `learn verify NAME --seed N` checks against.
    public let key: Document
    /// The worksheet: the givens, then each quantity to compute with its symbol and a blank.
    public let sheet: Document

    /// Draws the exercise of `lesson` for `seed` and works it. Throws `ExerciseError.noExercise` (naming
    /// the lessons of `library` that have one) when no run of the lesson has an exercise, `LessonError`
    /// when the lesson's run cannot be evaluated, and `DerivationError` when no acceptable variant is found.
    /// `settings` are parameters the learner chose (`layers=2-3-1`), kept instead of drawn; a setting
    /// the exercise's derivation does not take, or a value it refuses, throws `ExerciseError.badSetting`.
    public init(lesson: Lesson, seed: UInt64, settings: [Argument] = [], library: LessonLibrary = LessonLibrary()) throws {
        guard let found = Self.exercise(of: lesson) else {
            throw ExerciseError.noExercise(lesson: lesson.name, lessonsWithExercises: Self.lessons(in: library))
        }
        let (derivation, prefix, exercise) = found
        let variant: ExerciseVariant
        do { variant = try exercise.variant(of: derivation, seed: seed, fixing: settings) } catch {
            throw ExerciseError.badSetting(error.description)
        }
        let chosen = settings.map { " \($0.name)=\($0.value)" }.joined()
        let title = "\(lesson.header.title): exercise, seed \(seed)\(chosen.isEmpty ? "" : ",\(chosen)")"
        let cell = Cell(line: 1, statements: [.run(derivation: derivation.name, arguments: variant.arguments, prefix: prefix, line: 1),
                                              .show(targets: exercise.sections, line: 2)])
        let synthetic = Lesson(name: lesson.name, file: "\(lesson.file) (exercise, seed \(seed))",
                               header: LessonHeader(title: title, summary: lesson.header.summary, deck: lesson.header.deck,
                                                    part: nil, order: nil, prerequisites: []),
                               blocks: [.cell(cell)])
        let worked = try LessonEvaluator().evaluate(synthetic)
        func qualified(_ name: String) -> String { prefix.map { "\($0).\(name)" } ?? name }
        let asked = variant.asked.map(qualified)
        for name in asked + variant.givenQuantities.map(qualified) where worked.quantity(name) == nil {
            preconditionFailure("the exercise of \(derivation.name) names '\(name)', which its trace does not compute")
        }

        self.lesson = lesson.name
        self.seed = seed
        self.derivation = derivation.name
        self.prefix = prefix
        self.variant = variant
        let symbols = FormulaText()
        self.givens = exercise.givens.map { name in
            Given(name: name, value: Self.text(variant.parameters.value(name)),
                  meaning: variant.parameters.parameter(name)?.meaning ?? name)
        } + variant.givenQuantities.map { name in
            let q = worked.quantity(qualified(name))!
            return Given(name: q.name, value: NumberFormat().string(q.value), meaning: symbols.string(q.symbol))
        }
        self.asked = asked
        let documents = ExerciseDocuments(lesson: lesson.name, title: title, deck: lesson.header.deck, seed: seed,
                                          settings: settings, givens: givens, asked: asked, worked: worked)
        self.key = documents.key()
        self.sheet = documents.sheet()
    }

    /// The first run of `lesson` whose derivation has an exercise: the derivation, the run's prefix, the exercise.
    static func exercise(of lesson: Lesson) -> (any Derivation.Type, String?, Exercise)? {
        for case .run(let name, _, let prefix, _) in lesson.statements {
            if let d = try? Course.derivation(named: name), let exercise = d.exercise { return (d, prefix, exercise) }
        }
        return nil
    }

    /// The lessons of `library` that have an exercise, sorted by name (a lesson that cannot be read is left out).
    public static func lessons(in library: LessonLibrary) -> [String] {
        library.names.filter { name in (try? library.lesson(name)).flatMap(exercise(of:)) != nil }
    }

    /// A parameter's value as a sheet writes it: a number in the lesson's format, or the word.
    static func text(_ value: ParameterValue?) -> String {
        switch value {
        case .number(let x)?: return NumberFormat().string(x)
        case .text(let t)?: return t
        case nil: return "—"
        }
    }

    /// An answer as the key writes it: the lesson's format (9 decimals, or 9 significant digits in
    /// scientific notation), with trailing zeros kept up to three significant digits (`0.250`, not `0.25`),
    /// so that every answer is the true value at the precision printed and carries enough digits to check.
    /// Whole numbers are written as they are (`-2`).
    public static func answer(_ x: Double) -> String {
        let text = NumberFormat().string(x)
        guard x.isFinite, x != x.rounded(), !text.contains("e") else { return text }
        let significant = text.drop { !("1"..."9").contains($0) }.filter(\.isNumber).count
        guard significant < 3 else { return text }
        return text + (text.contains(".") ? "" : ".") + String(repeating: "0", count: 3 - significant)
    }
}

/// Why a lesson has no exercise sheet.
public enum ExerciseError: Error, Equatable, CustomStringConvertible {
    /// No run of the lesson has an exercise; the lessons that have one, sorted.
    case noExercise(lesson: String, lessonsWithExercises: [String])
    /// A chosen parameter the exercise cannot take, or no hand-friendly variant with it.
    case badSetting(String)

    public var description: String {
        switch self {
        case .noExercise(let lesson, let others):
            let list = others.isEmpty ? "" : " (lessons with one: \(others.joined(separator: ", ")))"
            return "lesson '\(lesson)' has no exercise\(list)"
        case .badSetting(let why):
            return "--set: \(why)"
        }
    }
}
