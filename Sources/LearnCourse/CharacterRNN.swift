import Foundation
import LearnCore

/// A small character-level recurrent network with the ULB deck's weights W = {W_xh, W_hh, W_hy} (no
/// biases), trained by backpropagation through time on one text.
///
/// Inputs are one-hot vectors x_t ∈ ℝ^V over a vocabulary of V characters; the state h_t ∈ ℝ^H. At each
/// step h_t = tanh(W_xh·x_t + W_hh·h_{t−1}) with h_0 = 0, o_t = W_hy·h_t, p_t = softmax(o_t), and the loss
/// is the mean cross-entropy J = −(1/T)·Σ_t ln p_t[target_t] of predicting each next character.
/// W_xh·x_t is column x_t of W_xh, since x_t is one-hot. Weights are row-major: W_xh is H × V, W_hh is
/// H × H, W_hy is V × H. Plain `Double` arithmetic; one epoch costs O(T·H·(H + V)).
struct CharacterRNN {
    let vocabularySize: Int
    let hiddenSize: Int
    var wxh: [Double]
    var whh: [Double]
    var why: [Double]

    /// Weights drawn uniformly from [−scale, scale) by SplitMix64(seed): all of W_xh, then W_hh, then W_hy.
    init(vocabularySize: Int, hiddenSize: Int, seed: UInt64, scale: Double = 0.1) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        var rng = SplitMix64(seed: seed)
        wxh = (0..<hiddenSize * vocabularySize).map { _ in rng.uniform(-scale, scale) }
        whh = (0..<hiddenSize * hiddenSize).map { _ in rng.uniform(-scale, scale) }
        why = (0..<vocabularySize * hiddenSize).map { _ in rng.uniform(-scale, scale) }
    }

    /// The forward pass over `inputs` (character indices): every state (h_0 first) and every p_t.
    func forward(_ inputs: [Int]) -> (states: [[Double]], probabilities: [[Double]]) {
        let H = hiddenSize, V = vocabularySize
        var states = [[Double](repeating: 0, count: H)]
        var probabilities: [[Double]] = []
        for x in inputs {
            let previous = states[states.count - 1]
            var h = [Double](repeating: 0, count: H)
            for i in 0..<H {
                var a = wxh[i * V + x]
                for j in 0..<H { a += whh[i * H + j] * previous[j] }
                h[i] = tanh(a)
            }
            var o = [Double](repeating: 0, count: V)
            for k in 0..<V {
                var s = 0.0
                for i in 0..<H { s += why[k * H + i] * h[i] }
                o[k] = s
            }
            states.append(h)
            probabilities.append(Self.softmax(o))
        }
        return (states, probabilities)
    }

    /// Softmax, shifted by the maximum so that e^o cannot overflow.
    static func softmax(_ o: [Double]) -> [Double] {
        let m = o.max() ?? 0
        let e = o.map { exp($0 - m) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    /// The mean cross-entropy of predicting `targets[t]` after reading `inputs[0...t]`.
    func loss(_ inputs: [Int], _ targets: [Int]) -> Double {
        let p = forward(inputs).probabilities
        return -zip(p, targets).reduce(0) { $0 + log($1.0[$1.1]) } / Double(targets.count)
    }

    /// The loss and its gradients with respect to W_xh, W_hh and W_hy, by backpropagation through time:
    /// ∂J/∂o_t = (p_t − y_t)/T; ∂J/∂h_t = W_hyᵀ·∂J/∂o_t + W_hhᵀ·δ_{t+1}; δ_t = ∂J/∂h_t ⊙ (1 − h_t²); and each
    /// shared weight's gradient is the sum of its contributions at every step.
    func gradients(_ inputs: [Int], _ targets: [Int]) -> (loss: Double, wxh: [Double], whh: [Double], why: [Double]) {
        let H = hiddenSize, V = vocabularySize, T = inputs.count
        let (states, probabilities) = forward(inputs)
        var loss = 0.0
        var gxh = [Double](repeating: 0, count: H * V), ghh = [Double](repeating: 0, count: H * H)
        var ghy = [Double](repeating: 0, count: V * H)
        var deltaNext = [Double](repeating: 0, count: H)   // δ_{t+1}
        for t in stride(from: T - 1, through: 0, by: -1) {
            loss -= log(probabilities[t][targets[t]])
            var dO = probabilities[t]
            dO[targets[t]] -= 1
            for k in 0..<V { dO[k] /= Double(T) }
            let h = states[t + 1], previous = states[t]
            var delta = [Double](repeating: 0, count: H)
            for i in 0..<H {
                var dh = 0.0
                for k in 0..<V { dh += why[k * H + i] * dO[k] }
                for j in 0..<H { dh += whh[j * H + i] * deltaNext[j] }
                delta[i] = dh * (1 - h[i] * h[i])
            }
            for k in 0..<V { for i in 0..<H { ghy[k * H + i] += dO[k] * h[i] } }
            for i in 0..<H {
                gxh[i * V + inputs[t]] += delta[i]
                for j in 0..<H { ghh[i * H + j] += delta[i] * previous[j] }
            }
            deltaNext = delta
        }
        return (loss / Double(T), gxh, ghh, ghy)
    }

    /// One step of gradient descent, w ← w − rate·clip(g), each gradient component clipped to [−5, 5]
    /// (as in Karpathy's min-char-rnn) so that an exploding gradient cannot throw the weights away.
    /// Returns the loss before the step.
    @discardableResult
    mutating func step(_ inputs: [Int], _ targets: [Int], rate: Double) -> Double {
        let g = gradients(inputs, targets)
        func update(_ w: inout [Double], _ d: [Double]) {
            for i in w.indices { w[i] -= rate * min(5, max(-5, d[i])) }
        }
        update(&wxh, g.wxh)
        update(&whh, g.whh)
        update(&why, g.why)
        return g.loss
    }
}
