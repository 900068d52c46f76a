import LearnCore
import LearnData
import LearnTensor

/// One seeded training run of the `overfitting` lesson: a 784 → H sigmoid → 10 network on a small MNIST
/// subset, scored after every epoch on the training images themselves and on held-out validation images.
struct OverfittingRun {
    /// What distinguishes the runs: hidden units, L2 weight decay λ, dropout rates.
    struct Setup {
        var hidden: Int
        var relu = false
        var weightDecay: Double = 0
        var inputDropout: Double = 0
        var hiddenDropout: Double = 0
    }

    /// Per epoch (index 0 is epoch 1): mean cross-entropy and accuracy (%) on the training images and on
    /// the validation images, both with dropout off.
    var trainLoss: [Double] = [], trainAccuracy: [Double] = []
    var validationLoss: [Double] = [], validationAccuracy: [Double] = []
    /// The epoch (from 1) of the lowest validation loss, and the test accuracy (%) of the weights then.
    var bestEpoch = 0
    var testAccuracyAtBest = 0.0
    /// The test accuracy (%) after the last epoch.
    var testAccuracy = 0.0
    /// Σw² over all weights and biases at the end.
    var squaredWeights = 0.0
    /// The weight from pixel 0 (the top-left corner, blank in every MNIST image) to hidden unit 0:
    /// before training and after.
    var cornerWeightBefore = 0.0, cornerWeightAfter = 0.0
    var parameterCount = 0
    var updates = 0

    /// The split of the data a lesson run uses.
    struct Split {
        let train: Tensor, trainLabels: [Int]
        let validation: Tensor, validationLabels: [Int]
        let test: Tensor, testLabels: [Int]
    }

    /// The network: Dense 784 → H, sigmoid, Dense H → 10, with dropout layers where the rates are not 0.
    /// The weights depend only on `seed` and H (the dropout layers draw their seeds after the weights).
    static func network(_ setup: Setup, seed: UInt64) -> Network {
        var g = SplitMix64(seed: seed)
        let hidden = Dense(name: "dense1", inputs: 784, outputs: setup.hidden, initialization: setup.relu ? .heNormal : .glorotUniform, generator: &g)
        let output = Dense(name: "dense2", inputs: setup.hidden, outputs: 10, initialization: .glorotUniform, generator: &g)
        var layers: [any Layer] = []
        let inputSeed = g.next(), hiddenSeed = g.next()
        if setup.inputDropout > 0 { layers.append(Dropout(rate: Float(setup.inputDropout), seed: inputSeed)) }
        layers += [hidden, setup.relu ? ReLU() as any Layer : Sigmoid()] as [any Layer]
        if setup.hiddenDropout > 0 { layers.append(Dropout(rate: Float(setup.hiddenDropout), seed: hiddenSeed)) }
        layers.append(output)
        return Network(layers)
    }

    /// Trains `setup` for `epochs` epochs of plain SGD (rate η, mini-batches of `batch`, shuffled by `seed`).
    static func train(_ setup: Setup, on data: Split, epochs: Int, batch: Int, rate: Double, seed: UInt64) throws(DerivationError) -> OverfittingRun {
        let network = network(setup, seed: seed)
        let trainer = Trainer(network: network, optimizer: SGD(learningRate: Float(rate), weightDecay: Float(setup.weightDecay)),
                              batchSize: batch, shuffles: true, seed: seed &+ 0x5EED)
        var run = OverfittingRun()
        run.parameterCount = network.parameterCount
        let corner = network.parameters[0]   // dense1.weight, [784, H]: element 0 is pixel 0 → hidden unit 0
        run.cornerWeightBefore = Double(corner.value.scalars[0])
        var bestLoss = Double.infinity
        var bestWeights: [Tensor] = []
        let loss = SoftmaxCrossEntropy()
        for epoch in 1...epochs {
            do { try trainer.trainEpoch(inputs: data.train, labels: data.trainLabels) } catch {
                let f = NumberFormat()
                guard setup.weightDecay > 0 else { throw .invalid("\(error.description) (rate \(f.string(rate)))") }
                // w ← w − η(g + λw) = (1 − ηλ)·w − ηg: past ηλ = 2 the decay alone makes every weight grow.
                throw .invalid("\(error.description) in the weight-decay run (rate \(f.string(rate)), lambda \(f.string(setup.weightDecay)): "
                               + "each step multiplies every weight by 1 − rate·lambda = \(f.string(1 - rate * setup.weightDecay)); try a smaller lambda or rate)")
            }
            let onTrain = network.evaluate(inputs: data.train, labels: data.trainLabels, loss: loss)
            let onValidation = network.evaluate(inputs: data.validation, labels: data.validationLabels, loss: loss)
            run.trainLoss.append(onTrain.loss ?? .nan)
            run.trainAccuracy.append(100 * onTrain.accuracy)
            run.validationLoss.append(onValidation.loss ?? .nan)
            run.validationAccuracy.append(100 * onValidation.accuracy)
            if let l = onValidation.loss, l < bestLoss {
                bestLoss = l
                run.bestEpoch = epoch
                bestWeights = network.parameters.map(\.value)   // copy-on-write: a copy only once training changes them
            }
        }
        run.testAccuracy = 100 * network.evaluate(inputs: data.test, labels: data.testLabels).accuracy
        run.squaredWeights = network.parameters.reduce(0) { sum, p in sum + p.value.scalars.reduce(0) { $0 + Double($1) * Double($1) } }
        run.cornerWeightAfter = Double(corner.value.scalars[0])
        run.updates = epochs * trainer.batchesPerEpoch(samples: data.trainLabels.count)
        // Early stopping: the weights of the best epoch, scored on the test images.
        for (p, w) in zip(network.parameters, bestWeights) { p.value = w }
        run.testAccuracyAtBest = 100 * network.evaluate(inputs: data.test, labels: data.testLabels).accuracy
        return run
    }

    /// Training accuracy minus test accuracy at the end, in percentage points.
    var gap: Double { (trainAccuracy.last ?? .nan) - testAccuracy }
}
