import Foundation
import LearnCore

extension DocumentStep {
    /// The forms as printed: those whose numbers are all finite. A form that substitutes an overflowed
    /// `inf` (e^1000) or a `nan` would print a number that is none; the symbolic form and the value
    /// (or its word, "overflows") still say what the step is.
    public var shownForms: [Formula] { forms.filter { !$0.containsNumber { !$0.isFinite } } }

    /// The forms to print, each with its format, so that the printed equation holds at its printed
    /// precision: ``shownForms``, a form with symbols in `base`, and a form of numbers only (the line a
    /// learner recomputes) with the fewest decimals, from `base`'s up to 17, whose printed numbers give
    /// the printed value as `base` prints it (`0.267976501 + 0.023051272` would give …773 for a printed
    /// …774; `4 · 0.2` at `--digits 1` gives 0.8 for a printed 1). A difference of nearly equal numbers
    /// (`E(w + h) − E(w − h)` of a finite difference) gets the digits it needs the same way. At 17 the
    /// printed numbers are the Doubles themselves; a line that does not give the value even then (the
    /// deck's formula `−ln(0)` where the value was computed a stable way) is not printed: the symbols
    /// and the value still say what the step is.
    public func printedForms(_ base: NumberFormat) -> [(form: Formula, format: NumberFormat)] {
        let forms = shownForms
        guard nonFinite == nil else { return forms.map { ($0, base) } }
        let shown = base.string(value)
        return forms.compactMap { form -> (form: Formula, format: NumberFormat)? in
            guard form.quantityNames.allSatisfy({ $0 == "e" }) else { return (form, base) }  // e: Euler's number
            var format = base
            while true {
                let printed = form.mappingNumbers { Double(format.string($0)) ?? $0 }
                guard let recomputed = printed.evaluated({ _ in nil }) else { return (form, base) }
                // Within a few units in the last place of the value (binary noise of the arithmetic).
                let noise = abs(recomputed - value) <= 1e-12 * max(1, abs(value))
                if base.string(recomputed) == shown || noise { return (form, format) }
                guard format.digits < 17 else { return nil }
                format = NumberFormat(digits: format.digits + 1)
            }
        }
    }
}
