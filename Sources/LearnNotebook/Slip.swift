/// A known slip of hand calculation, with the name `learn verify` gives it.
///
/// The cases are in the order the diagnosis prefers them when several explain the same wrong number.
public enum SlipKind: String, Sendable, CaseIterable, Equatable {
    case signFlipped = "sign flipped"
    case updateNotApplied = "the update not applied (w⁺ = w)"
    case learningRateMissing = "η left out"
    case learningRateTwice = "η applied twice"
    case derivativeOmitted = "σ′ left out"
    case derivativeOnePlus = "σ′ written out(1 + out)"
    case derivativeAtNet = "σ′ taken at net instead of out"
    case netForOut = "net used for out"
    case outForNet = "out used for net"
    case factorTwo = "a factor 2 (the ½ not cancelled)"
    case neighbour = "a neighbouring weight or transposed indices"
    case updatedForOriginal = "an updated weight where the original belongs"
    case originalForUpdated = "the original weight where the updated one belongs"
    case biasOmitted = "the bias left out"
    case biasTwice = "the bias counted twice"
    case roundedEarly = "an intermediate rounded or truncated early"

    /// Its name in a report or a CSV cell.
    public var name: String { rawValue }
}

/// A slip that explains a wrong number: what it is, the step where it happened, and what it gives.
public struct Slip: Sendable, Equatable {
    public var kind: SlipKind
    /// The particular case, in the trace's names: `w6 for w5`, `out_h1 rounded to 0.59`.
    public var detail: String?
    /// The lesson-wide name of the step where it happened: the answer's own, or an earlier step the
    /// learner did not write down.
    public var step: String
    /// The number the slip gives.
    public var value: Double

    public init(kind: SlipKind, detail: String?, step: String, value: Double) {
        self.kind = kind; self.detail = detail; self.step = step; self.value = value
    }

    /// `sign flipped`, `a neighbouring weight or transposed indices (w6 for w5)`.
    public var description: String { detail.map { "\(kind.name) (\($0))" } ?? kind.name }
}
