/// Updates parameters from the gradients that the backward passes left in them.
///
/// Per-weight memory (velocities, running averages, step sizes) lives in each ``Parameter``'s
/// `optimizerState` under keys prefixed by the optimizer (`momentum.velocity`, `adam.m`, …), created
/// on the first step, so one optimizer value can step any parameters and a saved model could carry it.
/// Gradients are used as they are: ``step(_:)`` neither scales nor zeroes them.
public protocol Optimizer {
    /// One update of every parameter in `parameters` from its `gradient`.
    mutating func step(_ parameters: [Parameter])
}

extension Parameter {
    /// Runs `body` on the weights (mutable) and the gradient, as buffers of `value.count` elements.
    func update(_ body: (UnsafeMutableBufferPointer<Float>, UnsafeBufferPointer<Float>) -> Void) {
        gradient.scalars.withUnsafeBufferPointer { g in
            value.scalars.withUnsafeMutableBufferPointer { w in body(w, g) }
        }
    }

    /// As ``update(_:)``, with the optimizer state `key` (created filled with `initial` when missing).
    func update(state key: String, initial: Float,
                _ body: (UnsafeMutableBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void) {
        var state = takeState(key, initial: initial)
        state.scalars.withUnsafeMutableBufferPointer { s in update { w, g in body(w, g, s) } }
        optimizerState[key] = state
    }

    /// As ``update(_:)``, with two optimizer states.
    func update(state key1: String, initial initial1: Float, _ key2: String, initial initial2: Float,
                _ body: (UnsafeMutableBufferPointer<Float>, UnsafeBufferPointer<Float>,
                         UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void) {
        var state1 = takeState(key1, initial: initial1), state2 = takeState(key2, initial: initial2)
        state1.scalars.withUnsafeMutableBufferPointer { s1 in
            state2.scalars.withUnsafeMutableBufferPointer { s2 in update { w, g in body(w, g, s1, s2) } }
        }
        optimizerState[key1] = state1
        optimizerState[key2] = state2
    }

    /// The state `key` removed from the dictionary (so that writing it does not copy), or a new one.
    private func takeState(_ key: String, initial: Float) -> Tensor {
        precondition(gradient.shape == value.shape, "\(name): gradient is \(gradient.shape), value is \(value.shape)")
        if let state = optimizerState.removeValue(forKey: key) {
            precondition(state.shape == value.shape, "\(name): optimizer state \(key) is \(state.shape), value is \(value.shape)")
            return state
        }
        return Tensor(repeating: initial, shape: value.shape)
    }
}
