import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The grid a test says a drawn parameter lies on, stated in the test independently of the exercise.
enum Grid {
    /// `low`, `low + step`, … `high`; never 0 when `nonZero`.
    case numbers(ClosedRange<Double>, step: Double, nonZero: Bool = false)
    /// One of these words or numbers, as written.
    case words([String])

    func contains(_ text: String) -> Bool {
        switch self {
        case .words(let words):
            return words.contains(text)
        case .numbers(let range, let step, let nonZero):
            guard let x = Double(text) else { return false }
            return isOnGrid(x, range.lowerBound - 1e-12...range.upperBound + 1e-12, step: step) && !(nonZero && x == 0)
        }
    }
}

/// `checkedVariants` with what the test states beside it: the grid of every drawn parameter, the values
/// every variant fixes, neighbouring seeds giving different variants, and the variant's arguments, put on
/// a `run` line as a lesson does, giving the same trace.
struct GridChecks {
    let derivation: any Derivation.Type
    /// Every drawn parameter's grid.
    let grids: [String: Grid]
    /// The values every variant fixes.
    var fixed: [String: String] = [:]
    var seeds: ClosedRange<UInt64> = 0...14

    @discardableResult
    func check(sourceLocation: SourceLocation = #_sourceLocation) throws -> [ExerciseVariant] {
        let variants = try checkedVariants(derivation, seeds: seeds, sourceLocation: sourceLocation)
        let declared: Exercise? = derivation.exercise
        let exercise = try #require(declared, sourceLocation: sourceLocation)
        let name = derivation.name
        #expect(Set(exercise.draws.map(\.parameter)) == Set(grids.keys), "\(name): the test states a grid for every draw",
                sourceLocation: sourceLocation)
        #expect(Dictionary(uniqueKeysWithValues: exercise.fixed.map { ($0.name, $0.value) }) == fixed, "\(name): fixed values",
                sourceLocation: sourceLocation)
        #expect(Set(exercise.draws.map(\.parameter)).isSubset(of: Set(exercise.givens)), "\(name): every drawn value is given",
                sourceLocation: sourceLocation)
        for v in variants {
            for a in v.arguments {
                if let grid = grids[a.name] {
                    #expect(grid.contains(a.value), "\(name) seed \(v.seed): \(a.name) = \(a.value) is off its grid",
                            sourceLocation: sourceLocation)
                } else {
                    #expect(fixed[a.name] == a.value, "\(name) seed \(v.seed): \(a.name) = \(a.value) is neither drawn nor fixed",
                            sourceLocation: sourceLocation)
                }
            }
            var p = Parameters(derivation.parameters)
            for a in v.arguments { try p.set(a.name, to: a.value) }
            #expect(sameTrace(try derivation.run(p), v.trace), "\(name) seed \(v.seed): the arguments reproduce the trace",
                    sourceLocation: sourceLocation)
        }
        let texts = variants.map { $0.arguments.map { "\($0.name)=\($0.value)" }.joined(separator: " ") }
        for k in 1..<texts.count {
            #expect(texts[k] != texts[k - 1], "\(name): seeds \(variants[k - 1].seed) and \(variants[k].seed) give the same variant",
                    sourceLocation: sourceLocation)
        }
        return variants
    }

    /// Compares every asked quantity of `variant` with `expected`, the test's own computation from the
    /// variant's givens (`expectAgrees`: 1e-12 + 1e-9·|expected|); the test must compute every asked name.
    func compare(_ variant: ExerciseVariant, with expected: [String: Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(expected.keys) == Set(variant.asked), "\(derivation.name): the test computes every asked quantity, no other",
                sourceLocation: sourceLocation)
        for name in variant.asked {
            guard let mine = expected[name] else { continue }
            expectAgrees(variant, name, mine, sourceLocation: sourceLocation)
        }
    }
}
