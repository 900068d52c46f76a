import Foundation
import LearnCore

extension DocumentStep {
    /// The format each of the step's forms is printed with, so that the printed equation holds at its
    /// printed precision: `base` for a form with symbols, and for a form of numbers only (the line a
    /// learner recomputes) the fewest decimals, from `base`'s up to 17, whose printed numbers give the
    /// printed value, or agree with it to about `base.digits` significant digits. A difference of nearly equal numbers (`E(w + h) − E(w − h)` of a finite
    /// difference) or a product of numbers rounded to `--digits 3` gets the digits it needs; the value
    /// itself is printed with `base`.
    public func formats(_ base: NumberFormat) -> [NumberFormat] {
        guard nonFinite == nil else { return forms.map { _ in base } }
        let shown = base.string(value)
        return forms.map { form in
            guard form.quantityNames.allSatisfy({ $0 == "e" }) else { return base }  // e: Euler's number
            var format = base
            while format.digits < 17 {
                let printed = form.mappingNumbers { Double(format.string($0)) ?? $0 }
                guard let recomputed = printed.evaluated({ _ in nil }) else { return base }
                // The printed numbers give the printed value, or agree with it to about `base.digits`
                // significant digits (1.732050808/0.242535625 squared is 50.99999998 for a printed 51).
                let close = abs(recomputed - value) <= pow(10, -Double(base.digits - 1)) * abs(value)
                if base.string(recomputed) == shown || close { return format }
                format = NumberFormat(digits: format.digits + 1)
            }
            return format
        }
    }
}
