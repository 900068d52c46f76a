import Foundation

/// An axis of a figure: its range (widened to round numbers), its ticks and their labels.
///
/// A linear axis steps by 1, 2 or 5 times a power of ten, about `count` ticks, and its range starts and
/// ends on a tick, so every point lies inside. A logarithmic axis (its values are log₁₀ of the data)
/// ticks at powers of ten (every k-th when there are many decades; 2 and 5 between when there are few).
struct SVGAxis: Equatable {
    /// The range drawn (for a log axis, in log₁₀ units).
    var lower: Double
    var upper: Double
    /// Tick positions (in the axis's units) and their labels.
    var ticks: [(value: Double, label: String)]
    var logarithmic: Bool

    static func == (a: SVGAxis, b: SVGAxis) -> Bool {
        a.lower == b.lower && a.upper == b.upper && a.logarithmic == b.logarithmic
            && a.ticks.elementsEqual(b.ticks) { $0.value == $1.value && $0.label == $1.label }
    }

    /// A linear axis holding `low…high`.
    static func linear(_ low: Double, _ high: Double, count: Int = 6) -> SVGAxis {
        var (lo, hi) = (low, high)
        if !(hi > lo) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let step = niceStep((hi - lo) / Double(max(count - 1, 1)))
        let first = (lo / step + 1e-9).rounded(.down), last = (hi / step - 1e-9).rounded(.up)
        var ticks: [(Double, String)] = []
        var k = first
        while k <= last + 0.5 && ticks.count < 50 {
            let v = k * step
            ticks.append((v, label(v, step: step)))
            k += 1
        }
        return SVGAxis(lower: first * step, upper: last * step, ticks: ticks, logarithmic: false)
    }

    /// A logarithmic axis holding `low…high`, both given as log₁₀ of the data.
    static func logScale(_ low: Double, _ high: Double) -> SVGAxis {
        var lo = low.rounded(.down), hi = high.rounded(.up)
        if hi <= lo { hi = lo + 1 }
        let decades = Int(hi - lo)
        var ticks: [(Double, String)] = []
        let every = max(1, Int((Double(decades) / 7).rounded(.up)))
        for e in stride(from: Int(lo), through: Int(hi), by: every) {
            ticks.append((Double(e), power(e)))
            if decades <= 2 && e < Int(hi) {
                for m in [2.0, 5.0] { ticks.append((Double(e) + log10(m), power(e, mantissa: Int(m)))) }
            }
        }
        if every > 1 { hi = lo + Double(((decades + every - 1) / every) * every) }
        lo = min(lo, low); hi = max(hi, high)
        return SVGAxis(lower: lo, upper: hi, ticks: ticks, logarithmic: true)
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * magnitude >= raw * (1 - 1e-9) { return m * magnitude }
        return 10 * magnitude
    }

    /// A tick label with as many decimals as the step needs; scientific for very large or small steps.
    static func label(_ v: Double, step: Double) -> String {
        if abs(v) < step * 1e-6 { return "0" }
        if step < 1e-3 || abs(v) >= 1e6 {
            let e = Int(log10(abs(v)).rounded(.down))
            let mantissa = v / pow(10, Double(e))
            let digits = max(0, Int((-log10(step / pow(10, Double(e)))).rounded(.up)))
            let m = minus(String(format: "%.*f", min(digits, 6), mantissa))
            return (m == "1" ? "" : m + "×") + "10" + (FormulaText.superscript(String(e)) ?? "^\(e)")
        }
        let decimals = max(0, Int((-log10(step) - 1e-9).rounded(.up)))
        return minus(String(format: "%.*f", decimals, v))
    }

    /// `10ⁿ`, or a decimal between 0.001 and 1000; with `mantissa`, m × 10ⁿ.
    static func power(_ e: Int, mantissa: Int = 1) -> String {
        if (-3...3).contains(e) {
            let v = Double(mantissa) * pow(10, Double(e))
            return String(format: "%.*f", max(0, -e), v)
        }
        return (mantissa == 1 ? "" : "\(mantissa)×") + "10" + (FormulaText.superscript(String(e)) ?? "^\(e)")
    }

    /// A minus sign for a hyphen, and no negative zero.
    static func minus(_ s: String) -> String {
        if s.hasPrefix("-") {
            let rest = s.dropFirst()
            return rest.allSatisfy { $0 == "0" || $0 == "." } ? String(rest) : "−" + rest
        }
        return s
    }

    /// Where `v` falls on a scale from `a` (at `lower`) to `b` (at `upper`).
    func position(_ v: Double, from a: Double, to b: Double) -> Double {
        a + (v - lower) / (upper - lower) * (b - a)
    }
}
