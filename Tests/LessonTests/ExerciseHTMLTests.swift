import Testing
import LearnNotebook
import LearnText

/// Every exercise sheet and key exported as HTML (`learn exercise NAME --format html`) passes the checks
/// of a lesson's page: well-formed, maths as MathML, every figure as SVG, no raw LaTeX, no `nan`.
@Suite struct ExerciseHTMLTests {
    /// Every lesson with an exercise: an exercise runs only its own derivation, so none needs a dataset.
    @Test(arguments: ExerciseSheet.lessons(in: LessonGoldenTests.library))
    func sheetsAndKeysAreWellFormedPages(_ name: String) throws {
        for seed: UInt64 in [1, 7] {
            let exercise = try ExerciseSheet(lesson: try LessonGoldenTests.library.lesson(name), seed: seed)
            HTMLExportTests.check(exercise.sheet, name: "\(name) sheet, seed \(seed)")
            HTMLExportTests.check(exercise.key, name: "\(name) key, seed \(seed)")
        }
    }
}
