import Foundation
import LearnModels
import LearnCourse
import LearnTensor

/// One training epoch of a course network on ``BenchData``, with bench/peers.py's settings: batch 128
/// in stored order (no shuffling), the last partial batch dropped, mean softmax cross-entropy.
struct EpochWorkload: Sendable {
    let key: String
    let model: CourseNetwork
    let optimizer: OptimizerChoice
    let learningRate: Double
    /// Whether the network takes `[n, 1, 28, 28]` (the convolutional ones) rather than `[n, 784]`.
    let takesImages: Bool
    /// What peers.py's versions have of biases.
    let peerBiases: String
    /// The network in a few words, for the table.
    let shape: String

    var workload: BenchWorkload {
        BenchWorkload(key: key, title: "\(key) epoch") { options in try measure(options) }
    }

    static let mlp = EpochWorkload(key: "mlp", model: .mlp, optimizer: .sgd, learningRate: 0.05, takesImages: false,
                                   peerBiases: "peers.py's NumPy, PyTorch and Keras MLPs have none (scikit-learn's has)", shape: "784-625-10 sigmoid")
    static let cnn = EpochWorkload(key: "cnn", model: .cnn, optimizer: .rmsprop, learningRate: 0.001, takesImages: true,
                                   peerBiases: "peers.py's PyTorch and Keras versions have none, as Radford's; learn pools before ReLU (the same function and gradients, a quarter of the ReLU work), they after", shape: "conv 32-64-128, 625, 10")
    static let lenet5 = EpochWorkload(key: "lenet5", model: .lenet5, optimizer: .sgd, learningRate: 0.05, takesImages: true,
                                      peerBiases: "peers.py's have them too; learn pools before ReLU (the same function), they after", shape: "LeNet-5, ReLU, max-pool")

    /// The `--only` keys of the training epochs.
    static let keys: Set<String> = [mlp.key, cnn.key, lenet5.key]

    /// Seed of the networks' weights (and dropout masks).
    static let networkSeed: UInt64 = 1

    func trainer(_ network: Network) -> Trainer {
        Trainer(network: network, optimizer: optimizer.make(learningRate: learningRate), batchSize: BenchData.batch,
                shuffles: false, dropsLastPartialBatch: true)
    }

    func measure(_ options: BenchWorkload.Options) throws -> BenchWorkload.Outcome {
        let n = BenchData.wholeBatches(options.samples)
        let data = BenchData(count: n)
        let inputs = takesImages ? data.images : data.inputs

        // Checked on a network of its own, so that the timed one starts from fresh weights.
        let checked = model.build(seed: Self.networkSeed)
        let layers = try BenchCheck.layers(of: checked, on: data.batch(0..<8, images: takesImages).inputs)
        let first = data.batch(0..<BenchData.batch, images: takesImages)
        let fall = try BenchCheck.lossFalls(trainer(checked), inputs: first.inputs, labels: first.labels)

        let network = model.build(seed: Self.networkSeed)
        let trainer = trainer(network)
        for b in 0..<min(3, n / BenchData.batch) {  // warm-up: three batches, as peers.py
            let batch = data.batch(b * BenchData.batch..<(b + 1) * BenchData.batch, images: takesImages)
            trainer.step(inputs: batch.inputs, labels: batch.labels)
        }
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<options.repeats {
            let start = clock.now
            do {
                try trainer.trainEpoch(inputs: inputs, labels: data.labels)
            } catch {
                throw CommandError(message: "bench: \(key): the loss became NaN or infinite while timing (\(error))", status: .software)
            }
            times.append(benchSeconds(clock.now - start))
        }
        times.sort()
        let best = times[0], median = times[times.count / 2]

        let parameters = network.parameters
        let biases = parameters.filter { $0.name.hasSuffix(".bias") }
        let biasCount = biases.reduce(0) { $0 + $1.value.count }
        let total = parameters.reduce(0) { $0 + $1.value.count }
        let rate = optimizer.rawValue + " lr " + String(format: "%g", learningRate)
        var lines = ["  " + key.padding(toLength: 8, withPad: " ", startingAt: 0) + shape.padding(toLength: 26, withPad: " ", startingAt: 0)
                     + rate.padding(toLength: 18, withPad: " ", startingAt: 0)
                     + String(format: "%9.3f %9.3f ", best, median) + benchRight(benchGrouped(Double(n) / best), 10)
                     + String(format: " %12.2f", best * Double(BenchData.epochImages) / Double(n))]
        let passes = network.layers.contains { $0 is Conv2D } ? "forward and convolutions backward" : "forward"
        lines.append("      checked: \(layers.compared) layers equal the reference kernels on 8 images, \(passes) (max error "
                     + String(format: "%.2g", layers.maxError) + "); 5 steps on one batch took its loss "
                     + String(format: "%.4f → %.4f", fall.before, fall.after))
        var about = "      network: \(benchGrouped(Double(total))) parameters"
        if biasCount > 0 {
            about += " including \(benchGrouped(Double(biasCount))) biases in \(biases.count) layers"
            about += "; " + peerBiases
        }
        lines.append(about)
        if options.layers {
            let profile = LayerProfile.measure(network, inputs: first.inputs, repeats: LayerTable.repeats)
            lines += LayerTable.lines(profile, stepSeconds: best / Double(n / BenchData.batch))
        }
        let flop = network.flopCount(sampleShape: takesImages ? [1, 28, 28] : [784]).training
        return BenchWorkload.Outcome(section: Self.section(images: n, repeats: options.repeats), lines: lines,
                                     values: [("\(key)_epoch_seconds", best)],
                                     work: .init(key: "\(key)_epoch", flopPerImage: flop, imagesPerSecond: Double(n) / best))
    }

    static func section(images n: Int, repeats: Int) -> [String] {
        ["Training epochs: \(benchGrouped(Double(n))) synthetic 28 × 28 images (\(n / BenchData.batch) batches of \(BenchData.batch), "
            + "stored order, last partial batch dropped); verified, 3 batches of warm-up, "
            + (repeats == 1 ? "1 timed epoch" : "best of \(repeats) epochs"),
         "  model   network                   optimizer            best s  median s   images/s   s per \(benchGrouped(Double(BenchData.epochImages)))"]
    }
}

extension BenchWorkload {
    static let mlp = EpochWorkload.mlp.workload
    static let cnn = EpochWorkload.cnn.workload
    static let lenet5 = EpochWorkload.lenet5.workload

    /// The MLP's forward pass and arg-max over 10,000 images in batches of 128 (the last one 16), as
    /// peers.py's inference workload: images per second, best of `max(5, --repeats)` runs.
    static let inference = makeInference(key: "inference", model: .mlp, takesImages: false, shape: "784-625-10 sigmoid")
    /// The same for the course CNN (dropout off).
    static let cnnInference = makeInference(key: "cnn_inference", model: .cnn, takesImages: true, shape: "conv 32-64-128, 625, 10")

    private static func makeInference(key: String, model: CourseNetwork, takesImages: Bool, shape: String) -> BenchWorkload {
        BenchWorkload(key: key, title: "\(model.rawValue) inference") { options in
            let count = BenchData.inferenceImages
            let data = BenchData(count: count, seed: BenchData.seed + 7)
            let inputs = takesImages ? data.images : data.inputs
            let network = model.build(seed: EpochWorkload.networkSeed)
            let layers = try BenchCheck.layers(of: network, on: data.batch(0..<8, images: takesImages).inputs)
            _ = network.predictions(for: inputs, batchSize: BenchData.batch)  // warm-up
            let clock = ContinuousClock()
            var times: [Double] = []
            for _ in 0..<max(5, options.repeats) {
                let start = clock.now
                let classes = network.predictions(for: inputs, batchSize: BenchData.batch)
                times.append(benchSeconds(clock.now - start))
                precondition(classes.count == count)
            }
            times.sort()
            let best = Double(count) / times[0], median = Double(count) / times[times.count / 2]
            let flop = network.flopCount(sampleShape: takesImages ? [1, 28, 28] : [784]).forward
            let name = model.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            return Outcome(section: ["Inference: forward pass and arg-max over \(benchGrouped(Double(count))) images in batches of \(BenchData.batch); "
                                        + "verified, best of \(times.count)",
                                     "  model   network                                      best images/s   median"],
                           lines: ["  \(name)" + shape.padding(toLength: 44, withPad: " ", startingAt: 0)
                                       + benchRight(benchGrouped(best), 16) + " " + benchRight(benchGrouped(median), 8),
                                   "      checked: \(layers.compared) layers equal the reference kernels on 8 images (max error "
                                       + String(format: "%.2g", layers.maxError) + ")"],
                           values: [("\(model.rawValue)_inference_images_per_second", best)],
                           work: .init(key: "\(model.rawValue)_inference", flopPerImage: flop, imagesPerSecond: best))
        }
    }
}
