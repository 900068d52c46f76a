import LearnCore

/// How a derivation's worked example becomes a fresh exercise: which parameters are drawn from which
/// hand-friendly grid, which quantities the learner computes, and which draws are good practice.
///
/// A variant is drawn from a seed with `SplitMix64`, so the same seed gives the same sheet on every
/// machine: each draw in order, then `accepts` judges the parameters and the trace they give; a draw it
/// rejects (a saturated sigmoid, a perceptron update that changes nothing) is drawn again.
public struct Exercise: Sendable {
    /// One parameter's grid: evenly spaced values (`−1…1` in steps of 0.01) or a list of words or numbers.
    public struct Draw: Sendable {
        public var parameter: String
        /// The values it may take, as a lesson's `run` line would write them.
        public var values: [String]

        /// `low`, `low + step`, … `high`, each written with the step's decimals; `excluding` values are left out.
        public static func number(_ parameter: String, in range: ClosedRange<Double>, step: Double,
                                  excluding: Set<Double> = []) -> Draw {
            precondition(step > 0 && range.upperBound >= range.lowerBound, "Draw.number \(parameter): bad grid")
            var decimals = 0
            while decimals < 6, abs((step * power(decimals)).rounded() - step * power(decimals)) > 1e-9 { decimals += 1 }
            let count = Int(((range.upperBound - range.lowerBound) / step + 1e-9).rounded(.down))
            var values: [String] = []
            for k in 0...count {
                let x = range.lowerBound + Double(k) * step
                let rounded = (x * Self.power(decimals)).rounded() / Self.power(decimals)
                if excluding.contains(rounded) { continue }
                values.append(Self.text(rounded, decimals: decimals))
            }
            return Draw(parameter: parameter, values: values)
        }

        /// Whole numbers `low`, `low + step`, … `high`.
        public static func count(_ parameter: String, in range: ClosedRange<Int>, step: Int = 1) -> Draw {
            Draw(parameter: parameter, values: stride(from: range.lowerBound, through: range.upperBound, by: step).map(String.init))
        }

        /// One of the listed values.
        public static func one(_ parameter: String, of values: [String]) -> Draw {
            Draw(parameter: parameter, values: values)
        }

        static func power(_ decimals: Int) -> Double {
            var p = 1.0
            for _ in 0..<decimals { p *= 10 }
            return p
        }

        /// `x` with exactly `decimals` decimals, `-0` written as `0`.
        static func text(_ x: Double, decimals: Int) -> String {
            let scaled = Int64((x * power(decimals)).rounded())
            let sign = scaled < 0 ? "-" : ""
            let digits = String(scaled.magnitude)
            guard decimals > 0 else { return sign + digits }
            let padded = String(repeating: "0", count: Swift.max(0, decimals + 1 - digits.count)) + digits
            let cut = padded.index(padded.endIndex, offsetBy: -decimals)
            return sign + padded[..<cut] + "." + padded[cut...]
        }
    }

    /// The parameters drawn, in order.
    public var draws: [Draw]
    /// Values every variant uses, whatever the slides' (`steps=0` to leave out a long training run).
    public var fixed: [Argument]
    /// The parameters a sheet lists as its givens, drawn or not, in order.
    public var givens: [String]
    /// Quantities of the trace that the sheet lists as givens after the parameters, with their values in the
    /// variant's trace: numbers the learner takes as given that are no parameter (gradient descent's data
    /// points, the optimizers' gradients of the 2-2-2 network).
    public var givenQuantities: [String]
    /// The names (in the trace) of the quantities the learner computes, in the order of the worked example.
    public var asked: [String]
    /// When the given quantities depend on the parameters (the delta rule's weights follow its `layers`): they,
    /// for a variant's parameters. Nil: `givenQuantities` for every variant.
    public var givenQuantitiesFor: (@Sendable (Parameters) -> [String])?
    /// When the asked names depend on the parameters (the delta rule's follow its `layers`, RPROP's its
    /// `batches`): they, for a variant's parameters. Nil: `asked` for every variant.
    public var askedFor: (@Sendable (Parameters) -> [String])?
    /// The sections of the trace that the key's worked solution shows.
    public var sections: [String]
    /// Whether a variant is good practice: judged on its parameters and the trace they give.
    public var accepts: @Sendable (Parameters, Trace) -> Bool

    public init(draws: [Draw], fixed: [Argument] = [], givens: [String], givenQuantities: [String] = [],
                asked: [String], sections: [String],
                givenQuantitiesFor: (@Sendable (Parameters) -> [String])? = nil,
                askedFor: (@Sendable (Parameters) -> [String])? = nil,
                accepts: @escaping @Sendable (Parameters, Trace) -> Bool = { _, _ in true }) {
        self.draws = draws; self.fixed = fixed; self.givens = givens; self.givenQuantities = givenQuantities
        self.asked = asked; self.sections = sections
        self.givenQuantitiesFor = givenQuantitiesFor; self.askedFor = askedFor; self.accepts = accepts
    }

    /// The given quantities of a variant with these parameters.
    public func givenQuantities(for parameters: Parameters) -> [String] { givenQuantitiesFor?(parameters) ?? givenQuantities }

    /// The asked names of a variant with these parameters.
    public func asked(for parameters: Parameters) -> [String] { askedFor?(parameters) ?? asked }

    /// How many draws `variant` tries before it gives up (an exercise whose `accepts` is that strict is a bug).
    public static let attempts = 10_000

    /// The variant of `derivation` for `seed`.
    ///
    /// `fixing` sets parameters the learner chose (`layers=2-3-1`): they are not drawn, and replace the
    /// exercise's own fixed values; the rest is drawn from the same seed as always.
    public func variant(of derivation: any Derivation.Type, seed: UInt64,
                        fixing: [Argument] = []) throws(DerivationError) -> ExerciseVariant {
        var check = Parameters(derivation.parameters)
        for a in fixing { try check.set(a.name, to: a.value) }
        let chosen = Set(fixing.map(\.name))
        var random = SplitMix64(seed: seed)
        for _ in 0..<Self.attempts {
            var parameters = Parameters(derivation.parameters)
            var arguments = fixed.filter { !chosen.contains($0.name) } + fixing
            for draw in draws {
                guard !chosen.contains(draw.parameter) else { continue }
                let text = draw.values[Int(random.next() % UInt64(draw.values.count))]
                arguments.append(Argument(name: draw.parameter, value: text))
            }
            for a in arguments { try parameters.set(a.name, to: a.value) }
            guard let trace = try? derivation.run(parameters), accepts(parameters, trace) else { continue }
            return ExerciseVariant(seed: seed, arguments: arguments, parameters: parameters, trace: trace,
                                   givenQuantities: givenQuantities(for: parameters), asked: asked(for: parameters))
        }
        let with = fixing.isEmpty ? "" : " with " + fixing.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
        throw .invalid("no exercise of \(derivation.name)\(with) for seed \(seed) keeps its numbers hand-friendly (\(Self.attempts) draws tried); choose other values")
    }
}

/// One drawn exercise: its seed, the values it sets, and the trace that holds its answers.
public struct ExerciseVariant: Sendable {
    public var seed: UInt64
    /// The parameters it sets (fixed ones first, then the drawn ones), as text: a `run` line's arguments.
    public var arguments: [Argument]
    public var parameters: Parameters
    public var trace: Trace
    /// The trace's quantities the sheet gives after the parameters (the exercise's, for these parameters).
    public var givenQuantities: [String]
    /// The names the learner computes, in order (the exercise's, for these parameters).
    public var asked: [String]
}

/// `name=value` on a `run` line, a `--set` or an exercise: a parameter's name and its value as text.
public struct Argument: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) { self.name = name; self.value = value }
}
