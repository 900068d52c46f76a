/// The per-epoch numbers of a training run as CSV text (RFC 4180), for `learn train --log FILE.csv`:
///
///     epoch,learning_rate,train_loss,test_loss,train_accuracy,test_accuracy,seconds
///     1,0.002,0.41536913812160493,0.30049875259399414,0.8885666666666666,0.9169,1.482963
///
/// one row per epoch (``TrainingSession/EpochResult``), every line ending in CR LF as RFC 4180 says.
/// Losses are mean softmax cross-entropies (natural logarithm), accuracies fractions from 0 to 1, the
/// learning rate the one the epoch used, `seconds` the epoch's wall-clock time. Every number is written
/// in plain decimal notation (no exponent, no quotes) with the fewest digits that read back as the same
/// `Double`, so nothing is lost and any CSV reader takes it as a number.
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

    /// `x` with the shortest digits that round-trip (Swift's `description`), written out without an
    /// exponent: `1e-05` becomes `0.00001`, `2.5e+16` becomes `25000000000000000.0`. A value that is
    /// not finite (never one of a finished epoch) is an empty field.
    public static func plain(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        let text = "\(x)"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        let mantissa = text[..<e]
        guard let exponent = Int(text[text.index(after: e)...]) else { return text }
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? mantissa.dropFirst() : mantissa
        let point = unsigned.firstIndex(of: ".") ?? unsigned.endIndex
        let digits = Array(unsigned.filter(\.isNumber))
        // The decimal point sits after `position` of the digits once the exponent is applied.
        let position = unsigned.distance(from: unsigned.startIndex, to: point) + exponent
        var out: String
        if position <= 0 {
            out = "0." + String(repeating: "0", count: -position) + String(digits)
        } else if position >= digits.count {
            out = String(digits) + String(repeating: "0", count: position - digits.count) + ".0"
        } else {
            out = String(digits[..<position]) + "." + String(digits[position...])
        }
        while out.hasSuffix("0") && !out.hasSuffix(".0") && out.contains(".") { out.removeLast() }
        return (negative ? "-" : "") + out
    }
}
