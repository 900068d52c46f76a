/// A picture prepared by ``ImagePreparation``: the `field × field` image (0 background, 1 ink) and
/// what was done to get it, which ``description`` says in a line.
public struct PreparedImage: Sendable {
    /// The result, `field × field`, values 0…1, ink bright.
    public var image: PGMImage
    public var preparation: ImagePreparation
    /// Whether the picture was inverted (it had dark ink on light paper).
    public var inverted: Bool
    /// The level taken as paper (0) and the one taken as full ink (1), on the 0…1 scale after inverting.
    public var paper: Float
    public var ink: Float
    /// Where the ink was found in the picture.
    public var inkBox: InkBox
    /// The size the ink box was scaled to.
    public var scaledWidth: Int
    public var scaledHeight: Int
    /// Where the scaled box's top left corner was placed in the field.
    public var offset: (x: Int, y: Int)
    /// The result's centre of mass, in pixel indices.
    public var centreOfMass: (x: Double, y: Double)

    /// The levels were changed noticeably: grey paper or faint ink.
    public var levelsStretched: Bool { paper > 0.05 || ink < 0.95 }

    /// Whether the centre of mass could not be brought within half a pixel of the centre of the field
    /// without moving ink out of it.
    public var centringLimited: Bool {
        guard preparation.placement == .centreOfMass else { return false }
        let half = Double(preparation.field) / 2
        return abs(centreOfMass.x - half) > 0.5 || abs(centreOfMass.y - half) > 0.5
    }

    /// What was done, e.g. `prepared as MNIST: inverted (dark ink on light paper), ink 212 × 301 px
    /// scaled to 14 × 20, centred by its centre of mass`.
    public var description: String {
        var parts = ["prepared as \(preparation.name): "
            + (inverted ? "inverted (dark ink on light paper)" : "not inverted (light ink on dark, as \(preparation.name) is)")]
        if levelsStretched {
            parts.append("levels stretched (paper at \(percent(paper)) % → 0, ink at \(percent(ink)) % → 100)")
        }
        parts.append("ink \(inkBox.width) × \(inkBox.height) px scaled to \(scaledWidth) × \(scaledHeight)")
        switch preparation.placement {
        case .centreOfMass:
            parts.append(centringLimited ? "centred by its centre of mass as far as the \(preparation.field) × \(preparation.field) field allows"
                                         : "centred by its centre of mass")
        case .middle:
            parts.append("placed in the middle of \(preparation.field) × \(preparation.field)")
        }
        return parts.joined(separator: ", ")
    }

    private func percent(_ x: Float) -> Int { Int((x * 100).rounded()) }
}
