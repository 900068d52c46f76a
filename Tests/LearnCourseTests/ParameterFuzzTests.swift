import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// Every parameter of every derivation, set one at a time (the others at their defaults) to zeros, both
/// signs, tiny and huge values and the edges of its declared range: the derivation either refuses the
/// value with a `DerivationError` that names the parameter, or gives a trace whose every number is
/// finite, or is marked undefined with its reason (`Trace.undefined`).
///
/// A trap (a precondition failure) would end this test process: none may happen for a value that
/// `Parameter.parse` lets through.
@Suite struct ParameterFuzzTests {
    /// Derivations that read MNIST, run here on a small synthetic stand-in (64 training and 32 test
    /// images of 28 × 28) instead of the real files, which the tests never need.
    static let datasetRuns: [String: @Sendable (Parameters) -> Result<Trace, DerivationError>] = [
        "mnist-mlp": { p in Result { () throws(DerivationError) in try MNISTMLP.run(p, data: synthetic) } },
        "mnist-training": { p in Result { () throws(DerivationError) in try MNISTTraining.run(p, data: synthetic) } },
        "prewitt": { p in Result { () throws(DerivationError) in try Prewitt.run(p, data: synthetic) } },
        "overfitting": { p in Result { () throws(DerivationError) in try Overfitting.run(p, data: synthetic) } },
        "autoencoder-mnist": { p in Result { () throws(DerivationError) in try AutoencoderMNIST.run(p, data: synthetic) } },
    ]
    static let synthetic = SyntheticDigits.dataset(train: 64, test: 32)

    /// Settings that fit the synthetic set, under the one parameter being fuzzed (the defaults ask for
    /// more images than it has, which is refused, correctly but before anything else is tried).
    static let datasetBase: [String: [String: String]] = [
        "overfitting": ["samples": "40", "validation": "20", "test": "20"],
    ]

    /// A whole-number parameter of a dataset derivation is tried up to this value: the synthetic set has
    /// 64 training images, so an index of 100 is still refused, while sizes (hidden units, epochs) that
    /// only make a training run longer stay small enough to fuzz.
    static let datasetCountCap = 100

    /// The values tried for a number parameter declared on `range`, as text `Parameter.parse` reads.
    static func numbers(in range: ClosedRange<Double>) -> [Double] {
        let candidates: [Double] = [
            0, -0.0, range.upperBound, range.lowerBound, 1e300, -1e300, Double.greatestFiniteMagnitude,
            -Double.greatestFiniteMagnitude, 1, -1, -0.5, -2, 1e-300, -1e-300, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude,
            Double.leastNormalMagnitude, 1e-12, -1e-12, 1e6, -1e6, 1e300, -1e300,
            Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude,
            range.lowerBound, range.upperBound, range.lowerBound.nextUp, range.upperBound.nextDown,
        ]
        var seen = Set<UInt64>()
        return candidates.filter { range.contains($0) && seen.insert($0.bitPattern).inserted }
    }

    /// The values tried for a whole-number parameter: the range's ends and its neighbours.
    static func counts(in range: ClosedRange<Int>, cap: Int?) -> [Int] {
        var values = [range.lowerBound, range.upperBound, 0, 1, -1, range.lowerBound + 1, 2]
        if let cap { values = values.map { min($0, cap) } }
        var seen = Set<Int>()
        return values.filter { range.contains($0) && seen.insert($0).inserted }
    }

    /// Every derivation of the course.
    static let fuzzed = Course.derivations.map { $0.name }

    /// The values tried for each parameter, most extreme first; every option of a choice; for free
    /// text, the empty string, blanks, control characters and a long string (the parameter's check lets
    /// through only what it accepts).
    static func values(of p: Parameter, countCap: Int? = nil) -> [String] {
        switch p.kind {
        case .number(_, let range): return numbers(in: range).map { "\($0)" }
        case .count(_, let range): return counts(in: range, cap: countCap).map { "\($0)" }
        case .choice(_, let options): return options
        case .text(let value, _, _): return [value, "", " ", "\u{1B}[2J", String(repeating: "x", count: 10_000)]
        }
    }

    /// Each derivation's parameters one at a time over `values(of:)`. A derivation whose default run is
    /// slow (a training run) gets the values in rounds (every parameter's first value, then every
    /// parameter's second, …) until `budget` is spent, so the suite stays well under a minute per derivation.
    @Test(arguments: fuzzed)
    func everyParameterAtItsExtremesGivesFiniteNumbersOrOneReason(_ name: String) throws {
        let d = try Course.derivation(named: name)
        let dataset = Self.datasetRuns[name]
        let runner: (Parameters) -> Result<Trace, DerivationError>
        if let dataset { runner = dataset } else { runner = { Self.run(d, $0) } }
        let countCap = dataset == nil ? nil : Self.datasetCountCap
        let budget = Duration.seconds(20)
        let clock = ContinuousClock()
        let began = clock.now
        var problems: [String] = []
        let perParameter = d.parameters.map { p in Self.values(of: p, countCap: countCap).map { (p.name, $0) } }
        let rounds = perParameter.map(\.count).max() ?? 0
        var tried = 0
        roundLoop: for round in 0..<rounds {
            for list in perParameter where round < list.count {
                if clock.now - began > budget { break roundLoop }
                let (parameter, value) = list[round]
                var parameters = Parameters(d.parameters)
                for (other, base) in Self.datasetBase[name] ?? [:] where other != parameter { try parameters.set(other, to: base) }
                do { try parameters.set(parameter, to: value) } catch { continue }
                let c = "\(name) \(parameter)=\(value)"
                if ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil {
                    FileHandle.standardError.write("fuzz \(c)\n".data(using: .utf8)!)
                }
                tried += 1
                let trace: Trace
                switch runner(parameters) {
                case .success(let t):
                    trace = t
                case .failure(let error):
                    if !error.description.contains(parameter) {
                        problems.append("\(c): refused without naming \(parameter): \(error.description)")
                    }
                    continue
                }
                problems += Self.nonFinite(trace).map { "\(c): \($0)" }
            }
        }
        #expect(tried > 0 || d.parameters.allSatisfy { Self.values(of: $0).isEmpty }, "\(name): nothing tried")
        for p in problems.prefix(12) { Issue.record("\(p)") }
    }

    /// Issue 11's example: scores whose exponentials are each finite but sum past the largest Double
    /// trapped in the worksheet's formula check (e^z₁/S as written is 0, the stable p₁ is not); now S is
    /// labelled an overflow and the probabilities are the stable ones.
    @Test func softmaxWhoseExponentialsSumPastTheLargestDouble() throws {
        let trace = try runDerivation(Softmax.self, ["z1": "709.5", "z2": "709.5", "z3": "709.5"])
        #expect(trace.value("S") == .infinity)
        #expect(trace.nonFinite["S"]?.word == "overflows")
        for j in 1...3 { #expect(abs(trace.value("p\(j)")! - 1.0 / 3) < 1e-12) }
        #expect(Self.nonFinite(trace).isEmpty, "\(Self.nonFinite(trace))")
    }

    static func run(_ d: any Derivation.Type, _ parameters: Parameters) -> Result<Trace, DerivationError> {
        do { return .success(try d.run(parameters)) } catch { return .failure(error) }
    }

    /// The numbers of `trace` that are neither finite nor marked undefined.
    static func nonFinite(_ trace: Trace) -> [String] {
        var found: [String] = []
        for name in trace.names {
            guard let x = trace.value(name), !x.isFinite, trace.nonFinite[name] == nil else { continue }
            found.append("\(name) = \(x)")
        }
        for (section, item) in trace.items {
            switch item {
            case .step(let s) where !s.value.isFinite && trace.nonFinite[s.name] == nil:
                if !found.contains(where: { $0.hasPrefix("\(s.name) =") }) { found.append("step \(s.name) = \(s.value)") }
            case .table(let t) where trace.nonFinite.isEmpty:
                // A trace that labels an overflow on purpose (softmax as written) shows it in its tables too.
                for row in t.rows {
                    for cell in row {
                        if case .number(let x) = cell, !x.isFinite {
                            found.append("\(section): table \(t.title ?? t.columns.joined(separator: "|")) has \(x)")
                        }
                    }
                }
            default:
                continue
            }
        }
        return Array(found.prefix(4))
    }
}
