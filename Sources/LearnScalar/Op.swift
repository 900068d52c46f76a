/// The operations a `Value` can be made by, with their local derivatives.
public enum Op: Sendable, Equatable {
    /// An input, a weight or a constant.
    case leaf
    case add, subtract, multiply, divide, negate
    /// `a^exponent` for a constant exponent.
    case power(Double)
    /// The sum of any number of values (one node, however many terms: a sum over 784 inputs stays shallow).
    case sum
    case exp
    /// The natural logarithm.
    case log
    /// The logistic sigmoid with gain γ: S(s) = 1/(1 + e^(−γs)), S'(s) = γ·y·(1 − y).
    case sigmoid(gain: Double)
    case tanh
    /// max(0, x); its derivative is taken as 0 at x = 0.
    case relu
    /// The unit step: 1 when x ≥ 0, else 0 (the perceptron's threshold unit). Derivative 0.
    case step
    /// The perceptron's sign: +1 when x ≥ 0, else −1 (the Week 10 deck: ŷ = 1 when v ≥ 0). Derivative 0.
    case sign
}

extension Value {
    /// ∂self/∂parents[index], from the operation and the values already computed.
    public func localGradient(_ index: Int) -> Double {
        switch op {
        case .leaf: return 0
        case .add, .sum: return 1
        case .subtract: return index == 0 ? 1 : -1
        case .multiply: return parents[1 - index].data
        case .divide:
            let b = parents[1].data
            return index == 0 ? 1 / b : -parents[0].data / (b * b)
        case .negate: return -1
        case .power(let p): return p * Foundation.pow(parents[0].data, p - 1)
        case .exp: return data
        case .log: return 1 / parents[0].data
        case .sigmoid(let gain): return gain * data * (1 - data)
        case .tanh: return 1 - data * data
        case .relu: return parents[0].data > 0 ? 1 : 0
        case .step, .sign: return 0
        }
    }

    /// ∂self/∂parent, summed over every place `parent` is an operand (as in `a * a`).
    public func localGradient(withRespectTo parent: Value) -> Double {
        var total = 0.0
        for (i, p) in parents.enumerated() where p === parent { total += localGradient(i) }
        return total
    }
}

import Foundation
