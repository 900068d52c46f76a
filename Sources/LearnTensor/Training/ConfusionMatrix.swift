/// Counts of (actual class, predicted class) pairs: `counts[actual][predicted]`. The diagonal holds the
/// correct predictions; row `a` shows what the samples of class `a` were taken for.
public struct ConfusionMatrix: Sendable, Equatable {
    /// The number of classes; classes are `0..<classes`.
    public let classes: Int
    /// `counts[actual][predicted]`, `classes × classes`.
    public private(set) var counts: [[Int]]

    /// An empty matrix for `classes` classes.
    public init(classes: Int) {
        precondition(classes >= 1, "ConfusionMatrix: \(classes) classes")
        self.classes = classes
        counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    }

    /// The matrix of paired `actual` and `predicted` classes.
    public init(actual: [Int], predicted: [Int], classes: Int) {
        precondition(actual.count == predicted.count, "ConfusionMatrix: \(actual.count) actual, \(predicted.count) predicted")
        self.init(classes: classes)
        for (a, p) in zip(actual, predicted) { add(actual: a, predicted: p) }
    }

    /// Counts one more sample of class `actual` predicted as `predicted`.
    public mutating func add(actual: Int, predicted: Int) {
        precondition((0..<classes).contains(actual) && (0..<classes).contains(predicted),
                     "ConfusionMatrix: actual \(actual), predicted \(predicted), classes 0..<\(classes)")
        counts[actual][predicted] += 1
    }

    /// The number of samples counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// The number predicted correctly (the diagonal).
    public var correct: Int { (0..<classes).reduce(0) { $0 + counts[$1][$1] } }
    /// `correct / total` (0 when empty).
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }
    /// Of the samples of class `c`, the fraction predicted as `c`; nil when there are none.
    public func recall(_ c: Int) -> Double? {
        let row = counts[c].reduce(0, +)
        return row == 0 ? nil : Double(counts[c][c]) / Double(row)
    }
    /// Of the samples predicted as `c`, the fraction that are `c`; nil when none were.
    public func precision(_ c: Int) -> Double? {
        let column = counts.reduce(0) { $0 + $1[c] }
        return column == 0 ? nil : Double(counts[c][c]) / Double(column)
    }
}
