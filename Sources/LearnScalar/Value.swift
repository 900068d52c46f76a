import LearnCore

/// A scalar that remembers how it was computed, for explaining and differentiating a computation.
///
/// Every `Value` holds its number (`data`), the operation that made it (`op`) and the values it was
/// made from (`parents`). Calling `backward()` on a result fills `grad` of every value it depends on
/// with ∂result/∂value (reverse mode). A value may carry a `name` in the slides' notation (`net_h1`,
/// `w5`); named values print as symbols inside other values' formulas, so
/// `netH1.formula` is `w1·i1 + w2·i2 + b1` and `netH1.substitutedFormula` is `0.15·0.05 + 0.2·0.1 + 0.35`.
///
/// The operation is stored as data (`Op` plus `parents`), not as a closure, so a graph holds no
/// reference cycles and is freed as soon as its result is dropped.
public final class Value {
    /// The number.
    public var data: Double
    /// ∂(the value `backward()` was last called on)/∂(this value).
    public var grad: Double = 0
    /// The operation that produced this value.
    public let op: Op
    /// The operands, in order.
    public private(set) var parents: [Value]
    /// A name in the course's notation, shown in formulas and traces.
    public var name: String?

    /// A leaf: an input, a weight, a constant.
    public init(_ data: Double, name: String? = nil) {
        self.data = data
        self.op = .leaf
        self.parents = []
        self.name = name
    }

    init(_ data: Double, op: Op, parents: [Value]) {
        self.data = data
        self.op = op
        self.parents = parents
    }

    /// Frees the graph behind this value iteratively: releasing a chain of 200,000 values one `deinit`
    /// inside another would overflow the stack.
    deinit {
        guard !parents.isEmpty else { return }
        var pending = parents
        parents.removeAll()
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.parents)
                node.parents.removeAll()
            }
        }
    }

    /// Gives the value a name and returns it, for naming a result where it is computed.
    @discardableResult
    public func named(_ name: String) -> Value {
        self.name = name
        return self
    }
}

extension Value: CustomStringConvertible {
    public var description: String {
        "\(name ?? "Value")(data: \(NumberFormat().string(data)), grad: \(NumberFormat().string(grad)))"
    }
}
