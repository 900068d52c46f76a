/// A class's answer sheets, each judged by `Verifier`, and what the class got wrong step by step.
public struct ClassReport: Sendable {
    /// One learner's sheet, judged.
    public struct Sheet: Sendable {
        /// The file it came from, as given.
        public var file: String
        /// The exercise it answers; nil for the lesson's own numbers.
        public var seed: UInt64?
        public var verdicts: [Verifier.Verdict]

        public init(file: String, seed: UInt64?, verdicts: [Verifier.Verdict]) {
            self.file = file; self.seed = seed; self.verdicts = verdicts
        }

        public var tally: Verifier.Tally { Verifier.Tally(verdicts) }

        /// The first wrong step (in the lesson's order) and the slip named for it, if any.
        public var firstWrong: (step: String, slip: Slip?)? {
            for v in verdicts { if case .wrong(let slip) = v.judgement { return (v.name, slip) } }
            return nil
        }
    }

    /// How the class did on one quantity.
    public struct Step: Sendable, Equatable {
        public var name: String
        /// Sheets that answered it, that got it wrong (not counting consequential answers), and whose
        /// answer followed from an earlier wrong one.
        public var answered = 0, wrong = 0, consequential = 0
        /// The slip named most often for it, and how many sheets it was named on.
        public var commonSlip: SlipKind?
        public var commonSlipCount = 0
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// Each quantity that some sheet answered, in the order the sheets first answer them (the lesson's).
    public var steps: [Step] {
        var order: [String] = [], steps: [String: Step] = [:], slips: [String: [SlipKind: Int]] = [:]
        for sheet in sheets {
            for v in sheet.verdicts {
                if steps[v.name] == nil { order.append(v.name); steps[v.name] = Step(name: v.name) }
                steps[v.name]!.answered += 1
                switch v.judgement {
                case .wrong(let slip):
                    steps[v.name]!.wrong += 1
                    if let slip { slips[v.name, default: [:]][slip.kind, default: 0] += 1 }
                case .consequential: steps[v.name]!.consequential += 1
                default: break
                }
            }
        }
        return order.map { name in
            var step = steps[name]!
            let rank = Dictionary(uniqueKeysWithValues: SlipKind.allCases.enumerated().map { ($1, $0) })
            if let best = slips[name]?.max(by: { ($0.value, -rank[$0.key]!) < ($1.value, -rank[$1.key]!) }) {
                step.commonSlip = best.key
                step.commonSlipCount = best.value
            }
            return step
        }
    }
}
