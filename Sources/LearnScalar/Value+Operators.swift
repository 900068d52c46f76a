import Foundation

extension Value {
    public static func + (a: Value, b: Value) -> Value { Value(a.data + b.data, op: .add, parents: [a, b]) }
    public static func - (a: Value, b: Value) -> Value { Value(a.data - b.data, op: .subtract, parents: [a, b]) }
    public static func * (a: Value, b: Value) -> Value { Value(a.data * b.data, op: .multiply, parents: [a, b]) }
    public static func / (a: Value, b: Value) -> Value { Value(a.data / b.data, op: .divide, parents: [a, b]) }
    public static prefix func - (a: Value) -> Value { Value(-a.data, op: .negate, parents: [a]) }

    public static func + (a: Value, b: Double) -> Value { a + Value(b) }
    public static func + (a: Double, b: Value) -> Value { Value(a) + b }
    public static func - (a: Value, b: Double) -> Value { a - Value(b) }
    public static func - (a: Double, b: Value) -> Value { Value(a) - b }
    public static func * (a: Value, b: Double) -> Value { a * Value(b) }
    public static func * (a: Double, b: Value) -> Value { Value(a) * b }
    public static func / (a: Value, b: Double) -> Value { a / Value(b) }
    public static func / (a: Double, b: Value) -> Value { Value(a) / b }

    /// `self^exponent` for a constant exponent.
    public func pow(_ exponent: Double) -> Value {
        Value(Foundation.pow(data, exponent), op: .power(exponent), parents: [self])
    }

    /// The sum of `terms` as one node (0 when empty).
    public static func sum(_ terms: [Value]) -> Value {
        Value(terms.reduce(0) { $0 + $1.data }, op: .sum, parents: terms)
    }

    public func exp() -> Value { Value(Foundation.exp(data), op: .exp, parents: [self]) }
    public func log() -> Value { Value(Foundation.log(data), op: .log, parents: [self]) }
}
