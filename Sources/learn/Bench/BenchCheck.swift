import Foundation
import LearnCore
import LearnTensor

/// What `learn bench` checks before it times a network: that its layers compute what the reference
/// kernels compute, and that training lowers the loss.
enum BenchCheck {
    /// Runs `network` forward (`training: false`) on `inputs` layer by layer and compares the output of
    /// every ``Dense`` with ``gemmReference`` and of every ``Conv2D`` with ``conv2dReference`` (each fed
    /// the same input as the layer). Returns how many layers were compared and the largest error.
    ///
    /// Bound, per output element: `(k + 2) · 2⁻²⁴ · (Σ|xᵢ·wᵢ| + |b|)`, with k the length of the dot
    /// product: the fast kernels sum k Float products in a blocked order (at worst k roundings of
    /// relative size 2⁻²⁴ of the sum of magnitudes, as `benchmarkGEMM` checks the GEMM), then add the
    /// bias (one more rounding); the references sum in Double and round once (the last one).
    /// The magnitudes come from the same references run on |x| and |w|. A convolution computed by Winograd
    /// F(2×2, 3×3) is held to ``conv2dWinogradErrorBound(_:weight:bias:padding:)`` instead, which
    /// bounds its error by the magnitudes of whole 4 × 4 input tiles.
    static func layers(of network: Network, on inputs: Tensor) throws(CommandError) -> (compared: Int, maxError: Float) {
        var x = inputs
        var compared = 0
        var maxError: Float = 0
        for layer in network.layers {
            let y = layer.forward(x, training: false)
            var expected: Tensor?, magnitude: Tensor?, k = 0, winogradBound: Tensor?
            if let dense = layer as? Dense {
                let batch = x.shape[0], n = dense.outputCount
                k = dense.inputCount
                (expected, magnitude) = (denseReference(x, dense.weight.value, dense.bias?.value, batch: batch, n: n, k: k, absolute: false),
                                         denseReference(x, dense.weight.value, dense.bias?.value, batch: batch, n: n, k: k, absolute: true))
            } else if let conv = layer as? Conv2D {
                let w = conv.weight.value
                k = w.shape[1] * w.shape[2] * w.shape[3]
                expected = conv2dReference(x, weight: w, bias: conv.bias?.value, stride: conv.stride, padding: conv.padding)
                magnitude = conv2dReference(absolute(x), weight: absolute(w), bias: conv.bias.map { absolute($0.value) },
                                            stride: conv.stride, padding: conv.padding)
                if Conv2DGeometry(input: x.shape, weight: w.shape, stride: conv.stride, padding: conv.padding).usesWinograd {
                    winogradBound = conv2dWinogradErrorBound(x, weight: w, bias: conv.bias?.value, padding: conv.padding)
                }
                maxError = max(maxError, try backward(of: conv, input: x, outputShape: y.shape))
            }
            if let expected, let magnitude {
                guard expected.shape == y.shape else {
                    throw CommandError(message: "bench: \(layer.summary) gives \(y.shape), its reference \(expected.shape)", status: .software)
                }
                let slack = Float(k + 2) * 0x1p-24
                for i in 0..<y.count {
                    let error = abs(y.scalars[i] - expected.scalars[i])
                    let bound = winogradBound?.scalars[i] ?? slack * magnitude.scalars[i]
                    guard error <= bound + 1e-30 else {
                        throw CommandError(message: "bench: \(layer.summary) disagrees with its reference kernel: output \(i) is \(y.scalars[i]), "
                                           + "expected \(expected.scalars[i])", status: .software)
                    }
                    maxError = max(maxError, error)
                }
                compared += 1
            }
            x = y
        }
        return (compared, maxError)
    }

    /// The backward kernel of `conv` (∂input and ∂weight for a seeded output gradient) against
    /// ``conv2dReferenceBackward(_:input:weight:stride:padding:)``, within the bounds of the forward check:
    /// `(terms + 2) · 2⁻²⁴` times the same sums over magnitudes, or Winograd's tile bounds. Returns the
    /// largest error.
    private static func backward(of conv: Conv2D, input x: Tensor, outputShape: [Int]) throws(CommandError) -> Float {
        var generator = SplitMix64(seed: 7)
        let count = outputShape.reduce(1, *)
        let gradient = Tensor(shape: outputShape, scalars: (0..<count).map { _ in Float(generator.uniform(-1, 1)) })
        let w = conv.weight.value
        let g = Conv2DGeometry(input: x.shape, weight: w.shape, stride: conv.stride, padding: conv.padding)
        let fast = conv2dBackward(gradient, input: x, weight: w, stride: conv.stride, padding: conv.padding)
        let exact = conv2dReferenceBackward(gradient, input: x, weight: w, stride: conv.stride, padding: conv.padding)
        let bounds: (input: Tensor, weight: Tensor)
        if g.usesWinograd {
            bounds = conv2dWinogradGradientErrorBounds(gradient, input: x, weight: w, padding: conv.padding)
        } else {
            let sums = conv2dReferenceBackward(absolute(gradient), input: absolute(x), weight: absolute(w), stride: conv.stride, padding: conv.padding)
            let inputSlack = Float(g.outChannels * g.kernelHeight * g.kernelWidth + 2) * 0x1p-24
            let weightSlack = Float(g.batch * g.outputPlane + 2) * 0x1p-24
            bounds = (Tensor(shape: x.shape, scalars: sums.input!.scalars.map { $0 * inputSlack }),
                      Tensor(shape: w.shape, scalars: sums.weight.scalars.map { $0 * weightSlack }))
        }
        var largest: Float = 0
        for (name, actual, expected, bound) in [("∂input", fast.input!, exact.input!, bounds.input), ("∂weight", fast.weight, exact.weight, bounds.weight)] {
            for i in 0..<actual.count {
                let error = abs(actual.scalars[i] - expected.scalars[i])
                guard error <= bound.scalars[i] + 1e-30 else {
                    throw CommandError(message: "bench: the backward pass of \(conv.summary) disagrees with its reference kernel: \(name) \(i) is "
                                       + "\(actual.scalars[i]), expected \(expected.scalars[i])", status: .software)
                }
                largest = max(largest, error)
            }
        }
        return largest
    }

    /// The eval-mode loss of one batch, then after `steps` training steps on it with `trainer`: both must
    /// be finite and the second lower (a wrong gradient or update would not lower it).
    static func lossFalls(_ trainer: Trainer, inputs: Tensor, labels: [Int], steps: Int = 5) throws(CommandError) -> (before: Double, after: Double) {
        func loss() -> Double { trainer.loss.evaluate(trainer.network.forward(inputs, training: false), labels: labels).loss }
        let before = loss()
        for _ in 0..<steps { trainer.step(inputs: inputs, labels: labels) }
        let after = loss()
        guard before.isFinite, after.isFinite, after < before else {
            throw CommandError(message: String(format: "bench: %d training steps on one batch took its loss from %.6g to %.6g: it should fall",
                                               steps, before, after), status: .software)
        }
        return (before, after)
    }

    /// `x · W + b` for `x` read as `[batch, k]`, by ``gemmReference``; with `absolute`, `|x| · |W| + |b|`.
    private static func denseReference(_ x: Tensor, _ w: Tensor, _ b: Tensor?, batch: Int, n: Int, k: Int, absolute a: Bool) -> Tensor {
        var out = [Float](repeating: 0, count: batch * n)
        gemmReference(m: batch, n: n, k: k, a: a ? absolute(x).scalars : x.scalars, b: a ? absolute(w).scalars : w.scalars, c: &out)
        if let b {
            for row in 0..<batch { for j in 0..<n { out[row * n + j] += a ? abs(b.scalars[j]) : b.scalars[j] } }
        }
        return Tensor(shape: [batch, n], scalars: out)
    }

    private static func absolute(_ t: Tensor) -> Tensor { Tensor(shape: t.shape, scalars: t.scalars.map(abs)) }
}
