/// The per-epoch numbers of a training run as CSV text (RFC 4180), for `learn train --log FILE.csv`:
///
///     epoch,learning_rate,train_loss,test_loss,train_accuracy,test_accuracy,seconds
///     1,0.002,0.415369138121605,0.300498752593994,0.888566666666667,0.9169,1.482963
///
/// one row per epoch (``TrainingSession/EpochResult``), every line ending in CR LF as RFC 4180 says.
/// Losses are mean softmax cross-entropies (natural logarithm), accuracies fractions from 0 to 1, the
/// learning rate the one the epoch used, `seconds` the epoch's wall-clock time. Every number is written
/// in plain decimal notation (no exponent, no quotes) to 15 significant digits (``plain(_:)``), which
/// any CSV reader takes as a number.
public enum TrainingLog {
    /// The header row, without its line ending.
    public static let header = "epoch,learning_rate,train_loss,test_loss,train_accuracy,test_accuracy,seconds"

    /// The whole file: the header and one row per result, each line ending in CR LF.
    public static func csv(_ results: [TrainingSession.EpochResult]) -> String {
        ([header] + results.map(row)).map { $0 + "\r\n" }.joined()
    }

    /// One result as a row, without its line ending.
    public static func row(_ r: TrainingSession.EpochResult) -> String {
        ["\(r.epoch)", plain(r.learningRate), plain(r.trainLoss), plain(r.testLoss), plain(r.trainAccuracy),
         plain(r.testAccuracy), plain(r.seconds)].joined(separator: ",")
    }

    /// `x` to 15 significant digits, trailing zeros dropped, written out without an exponent: `1e-05`
    /// becomes `0.00001`, `2.5e+16` becomes `25000000000000000`, `3.0` becomes `3`. A `Double` holds
    /// 15 to 17 digits; 15 keep everything that was measured (the learning rate is used as a `Float`,
    /// the losses are means of `Float` values) and drop the last-digit noise of the arithmetic
    /// (0.002 · 0.9 is 0.0018000000000000002 in `Double`). A value that is not finite (never one of a
    /// finished epoch) is an empty field.
    public static func plain(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        let text = String(format: "%.15g", x)
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        let mantissa = text[..<e]
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? mantissa.dropFirst() : mantissa
        let digits = Array(unsigned.filter(\.isNumber))
        // The decimal point sits after `position` of the digits once the exponent is applied.
        let position = unsigned.distance(from: unsigned.startIndex, to: unsigned.firstIndex(of: ".") ?? unsigned.endIndex) + exponent
        let out: String
        if position <= 0 {
            out = "0." + String(repeating: "0", count: -position) + String(digits)
        } else if position >= digits.count {
            out = String(digits) + String(repeating: "0", count: position - digits.count)
        } else {
            out = String(digits[..<position]) + "." + String(digits[position...])
        }
        return (negative ? "-" : "") + out
    }
}
