import Foundation

extension Value {
    /// The logistic sigmoid with gain γ: 1/(1 + e^(−γ·x)).
    public func sigmoid(gain: Double = 1) -> Value {
        Value(1 / (1 + Foundation.exp(-gain * data)), op: .sigmoid(gain: gain), parents: [self])
    }
    public func tanh() -> Value { Value(Foundation.tanh(data), op: .tanh, parents: [self]) }
    public func relu() -> Value { Value(max(0, data), op: .relu, parents: [self]) }
    /// 1 when x ≥ 0, else 0.
    public func step() -> Value { Value(data >= 0 ? 1 : 0, op: .step, parents: [self]) }
    /// +1 when x ≥ 0, else −1.
    public func sign() -> Value { Value(data >= 0 ? 1 : -1, op: .sign, parents: [self]) }
}

/// An activation function for a neuron, by the name the decks use.
public enum Activation: String, Sendable, CaseIterable {
    case identity, sigmoid, tanh, relu, step, sign

    public func apply(_ x: Value, gain: Double = 1) -> Value {
        switch self {
        case .identity: return x
        case .sigmoid: return x.sigmoid(gain: gain)
        case .tanh: return x.tanh()
        case .relu: return x.relu()
        case .step: return x.step()
        case .sign: return x.sign()
        }
    }
}
