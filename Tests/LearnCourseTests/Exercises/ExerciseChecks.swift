import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// What every exercise must satisfy, whatever its derivation: checked over `seeds`, returning the variants for
/// the exercise's own test to compare with an independent computation.
///
/// - the course's registry finds the exercise by the derivation's name (the protocol requirement is met);
/// - the same seed gives the same arguments and trace twice, and most seeds give different arguments;
/// - the fixed arguments come first, then one value per draw, each from that draw's grid;
/// - `accepts` holds for the variant it let through;
/// - the givens are declared parameters, the shown sections the derivation's;
/// - every given quantity and every asked name is in the trace, with a finite value, each name once.
func checkedVariants(_ derivation: any Derivation.Type, seeds: ClosedRange<UInt64> = 1...20,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> [ExerciseVariant] {
    let registered = try Course.derivation(named: derivation.name)
    let found: Exercise? = registered.exercise   // through the protocol: the derivation's own, not the default nil
    let exercise = try #require(found, "\(derivation.name) has no exercise", sourceLocation: sourceLocation)
    let declared = Set(derivation.parameters.map(\.name))
    for name in exercise.givens { #expect(declared.contains(name), "given \(name) is no parameter", sourceLocation: sourceLocation) }
    for section in exercise.sections {
        #expect(derivation.sections.contains(section), "section \(section)", sourceLocation: sourceLocation)
    }
    var variants: [ExerciseVariant] = []
    for seed in seeds {
        let v = try exercise.variant(of: registered, seed: seed)
        let again = try exercise.variant(of: registered, seed: seed)
        #expect(v.arguments == again.arguments && sameTrace(v.trace, again.trace), "seed \(seed) is not deterministic",
                sourceLocation: sourceLocation)
        #expect(v.seed == seed, sourceLocation: sourceLocation)
        #expect(Array(v.arguments.prefix(exercise.fixed.count)) == exercise.fixed, sourceLocation: sourceLocation)
        let drawn = Array(v.arguments.dropFirst(exercise.fixed.count))
        #expect(drawn.map(\.name) == exercise.draws.map(\.parameter), sourceLocation: sourceLocation)
        for (argument, draw) in zip(drawn, exercise.draws) {
            #expect(draw.values.contains(argument.value), "\(argument.name) = \(argument.value) is off its grid",
                    sourceLocation: sourceLocation)
        }
        #expect(exercise.accepts(v.parameters, v.trace), "seed \(seed) is not accepted", sourceLocation: sourceLocation)
        #expect(!v.asked.isEmpty, sourceLocation: sourceLocation)
        let names = v.givenQuantities + v.asked
        #expect(Set(names).count == names.count, "a name is listed twice (seed \(seed))", sourceLocation: sourceLocation)
        for name in names {
            let value = v.trace.value(name)
            #expect(value?.isFinite == true, "\(name) is not a finite quantity of the trace (seed \(seed))",
                    sourceLocation: sourceLocation)
        }
        for section in exercise.sections {
            #expect(v.trace.sections.contains(section), "the trace has no section \(section)", sourceLocation: sourceLocation)
        }
        variants.append(v)
    }
    let distinct = Set(variants.map { $0.arguments.map { "\($0.name)=\($0.value)" }.joined(separator: " ") })
    #expect(distinct.count * 4 >= variants.count * 3, "only \(distinct.count) different variants in \(variants.count) seeds",
            sourceLocation: sourceLocation)
    return variants
}

extension ExerciseVariant {
    /// The value of a drawn or fixed argument, read from its text as the sheet prints it.
    func number(_ name: String) -> Double {
        guard let text = arguments.first(where: { $0.name == name })?.value, let x = Double(text) else {
            preconditionFailure("the variant sets no number \(name)")
        }
        return x
    }

    /// The text of a drawn or fixed argument.
    func text(_ name: String) -> String {
        guard let text = arguments.first(where: { $0.name == name })?.value else { preconditionFailure("the variant sets no \(name)") }
        return text
    }
}

/// The same quantities with the same values, bit for bit, so that NaN equals NaN (softmax's naive e^(z + 1000)
/// overflows on purpose, and `Trace.==` finds NaN unequal to itself).
func sameTrace(_ a: Trace, _ b: Trace) -> Bool {
    a.names == b.names && a.names.allSatisfy { a.value($0)!.bitPattern == b.value($0)!.bitPattern }
}

/// Whether `x` is one of `low`, `low + step`, … `high` (to rounding: the grid is written in decimals).
func isOnGrid(_ x: Double, _ range: ClosedRange<Double>, step: Double) -> Bool {
    let k = (x - range.lowerBound) / step
    return range.contains(x) && abs(k - k.rounded()) <= 1e-9
}

/// Expects the trace's `name` to equal an independently computed value: the same formula in Double in another
/// order, so rounding only — 1e-12 absolute (values near 0) plus 1e-9 relative.
func expectAgrees(_ v: ExerciseVariant, _ name: String, _ expected: Double,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    guard let actual = v.trace.value(name) else {
        Issue.record("\(name) is not in the trace (seed \(v.seed))", sourceLocation: sourceLocation)
        return
    }
    #expect(abs(actual - expected) <= 1e-12 + 1e-9 * abs(expected),
            "\(name) = \(actual), independently \(expected) (seed \(v.seed))", sourceLocation: sourceLocation)
}
