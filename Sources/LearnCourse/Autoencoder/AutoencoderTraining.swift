import LearnCore
import LearnTensor

/// Training a network to reproduce its input, shared by the autoencoder derivations: mini-batches in
/// a seeded order, loss ``MeanSquaredError`` `E = (1/B) Σ ½‖x − x̂‖²` against the batch itself, Adam.
enum AutoencoderTraining {
    /// The rows `indices` of a `[n, features]` tensor.
    static func gather(_ x: Tensor, _ indices: ArraySlice<Int>) -> Tensor {
        let width = x.count / x.shape[0]
        var scalars: [Float] = []
        scalars.reserveCapacity(indices.count * width)
        for i in indices { scalars += x.scalars[i * width..<(i + 1) * width] }
        return Tensor(shape: [indices.count, width], scalars: scalars)
    }

    /// `epochs` passes over `inputs` (`[n, features]`) in batches of `batch`, in an order shuffled each
    /// epoch from `seed` (Fisher–Yates on ``SplitMix64``). Returns the mean training error of each epoch.
    static func train(_ network: Network, inputs: Tensor, epochs: Int, batch: Int, rate: Double, seed: UInt64) -> [Double] {
        let n = inputs.shape[0]
        var generator = SplitMix64(seed: seed)
        let optimizer = Adam(learningRate: Float(rate))
        var order = Array(0..<n)
        var errors: [Double] = []
        for _ in 0..<epochs {
            for i in stride(from: n - 1, to: 0, by: -1) {
                order.swapAt(i, Int(generator.next().multipliedFullWidth(by: UInt64(i + 1)).high))
            }
            var total = 0.0
            for start in stride(from: 0, to: n, by: batch) {
                let x = gather(inputs, order[start..<min(n, start + batch)])
                network.zeroGradients()
                let evaluation = MeanSquaredError()(network.forward(x, training: true), targets: x)
                total += evaluation.loss * Double(x.shape[0])
                network.backwardToParameters(evaluation.gradient)
                optimizer.step(network.parameters)
            }
            errors.append(total / Double(n))
        }
        return errors
    }

    /// The mean of `½‖x − x̂‖²` over the rows of `inputs`, the network in inference mode.
    static func error(_ network: Network, inputs: Tensor) -> Double {
        MeanSquaredError()(network.forward(inputs, training: false), targets: inputs).loss
    }
}
