import Foundation
import LearnCore
import LearnTensor

/// scikit-learn's `MLPClassifier` with its defaults, rebuilt in the tensor engine and trained on a small
/// seeded data set (three interleaved spirals in the plane, `points` per class), so that no download is
/// needed.
///
/// What the defaults mean (scikit-learn 1.x, `sklearn/neural_network/_multilayer_perceptron.py` and its
/// documentation page): one hidden layer of 100 ReLU units; softmax output with log-loss (cross-entropy);
/// weights and biases uniform in ±√(6/(fan_in + fan_out)) (Glorot); Adam with η = 0.001, β₁ = 0.9,
/// β₂ = 0.999, ε = 1e-8; batch_size='auto' = min(200, n); samples shuffled every epoch; an L2 penalty
/// α = 1e-4: a batch of B samples adds (α/2)·Σw²/B to the loss and α·w/B to each weight's gradient (biases
/// are not penalized); max_iter = 200 epochs; the epoch's loss is the batches' losses weighted by their
/// sizes; training stops when that loss has failed to fall below the best so far minus tol = 1e-4 more than
/// n_iter_no_change = 10 epochs in a row (scikit-learn then reports convergence; at max_iter it warns that
/// the optimizer has not converged).
public enum SklearnMLP: Derivation {
    public static let name = "sklearn-mlp"
    public static let summary = "MLPClassifier's defaults (100 ReLU, Adam 0.001, batch min(200, n), L2 α = 1e-4, max_iter 200, tol 1e-4, n_iter_no_change 10) in the tensor engine on three seeded spirals: the loss per epoch, when it stops, the accuracy."
    public static let sections = ["data", "training", "result"]
    public static let parameters: [Parameter] = [
        .count("hidden", 100, "hidden ReLU units (hidden_layer_sizes)", in: 1...500),
        .number("alpha", 0.0001, "L2 penalty α", in: 0...10),
        .number("rate", 0.001, "Adam's learning rate (learning_rate_init)", in: 0.000001...1),
        .count("max_iter", 200, "the most epochs (max_iter)", in: 1...1000),
        .number("tol", 0.0001, "the stopping tolerance tol", in: 0...1),
        .count("n_iter_no_change", 10, "epochs without improvement tolerated", in: 1...1000),
        .count("points", 100, "points per spiral (three spirals)", in: 2...1000),
        .count("seed", 1, "seed of the data, the weights and the shuffling", in: 0...1_000_000),
    ]

    /// Three spirals: point i of class k at radius r = i/(m − 1), angle 4k + 4r + 0.2·N(0, 1).
    public static func spirals(points m: Int, generator: inout SplitMix64) -> (x: [Float], labels: [Int]) {
        var x: [Float] = [], labels: [Int] = []
        for k in 0..<3 {
            for i in 0..<m {
                let r = Double(i) / Double(m - 1)
                let t = 4 * Double(k) + 4 * r + 0.2 * Initialization.standardNormal(&generator)
                x += [Float(r * sin(t)), Float(r * cos(t))]
                labels.append(k)
            }
        }
        return (x, labels)
    }

    /// The training of one run.
    public struct Result: Sendable {
        /// The epoch losses (penalty included), the batch size, whether the tol rule stopped it, the final
        /// training accuracy (fraction).
        public var losses: [Double]
        public var batchSize: Int
        public var converged: Bool
        public var accuracy: Double
    }

    public static func train(hidden: Int, alpha: Double, rate: Double, maxIter: Int, tol: Double, patience: Int,
                             points: Int, seed: UInt64) -> Result {
        var generator = SplitMix64(seed: seed)
        let data = spirals(points: points, generator: &generator)
        let n = data.labels.count
        func uniformTensor(_ shape: [Int], fanIn: Int, fanOut: Int) -> Tensor {
            let limit = (6 / Double(fanIn + fanOut)).squareRoot()
            return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Float(generator.uniform(-limit, limit)) })
        }
        let layer1 = Dense(name: "hidden", weight: uniformTensor([2, hidden], fanIn: 2, fanOut: hidden),
                           bias: uniformTensor([hidden], fanIn: 2, fanOut: hidden))
        let layer2 = Dense(name: "output", weight: uniformTensor([hidden, 3], fanIn: hidden, fanOut: 3),
                           bias: uniformTensor([3], fanIn: hidden, fanOut: 3))
        let network = Network([layer1, ReLU(), layer2])
        let optimizer = Adam(learningRate: Float(rate))
        let loss = SoftmaxCrossEntropy()
        let weights = [layer1.weight, layer2.weight]
        let batchSize = min(200, n)
        var losses: [Double] = [], best = Double.infinity, noImprovement = 0, converged = false
        for _ in 0..<maxIter {
            var order = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) {
                order.swapAt(i, Int(generator.next().multipliedFullWidth(by: UInt64(i + 1)).high))
            }
            var total = 0.0
            for start in stride(from: 0, to: n, by: batchSize) {
                let rows = Array(order[start..<min(n, start + batchSize)])
                let b = rows.count
                let x = Tensor(shape: [b, 2], scalars: rows.flatMap { [data.x[2 * $0], data.x[2 * $0 + 1]] })
                let y = rows.map { data.labels[$0] }
                network.zeroGradients()
                let evaluation = loss.evaluate(network.forward(x, training: true), labels: y)
                network.backwardToParameters(evaluation.gradient)
                var penalty = 0.0
                for w in weights {
                    for i in w.value.scalars.indices {
                        let v = w.value.scalars[i]
                        penalty += Double(v) * Double(v)
                        w.gradient.scalars[i] += Float(alpha) * v / Float(b)
                    }
                }
                total += (evaluation.loss + 0.5 * alpha * penalty / Double(b)) * Double(b)
                optimizer.step(network.parameters)
            }
            let epochLoss = total / Double(n)
            losses.append(epochLoss)
            if epochLoss > best - tol { noImprovement += 1 } else { noImprovement = 0 }
            best = min(best, epochLoss)
            if noImprovement > patience { converged = true; break }
        }
        let all = Tensor(shape: [n, 2], scalars: data.x)
        let predicted = argmaxOfRows(network.forward(all, training: false))
        let correct = zip(predicted, data.labels).filter { $0 == $1 }.count
        return Result(losses: losses, batchSize: batchSize, converged: converged, accuracy: Double(correct) / Double(n))
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let points = p.count("points")
        let result = train(hidden: p.count("hidden"), alpha: p["alpha"], rate: p["rate"], maxIter: p.count("max_iter"),
                           tol: p["tol"], patience: p.count("n_iter_no_change"), points: points, seed: UInt64(p.count("seed")))
        guard result.losses.allSatisfy(\.isFinite) else {
            throw .invalid("rate: the loss diverged at learning rate \(NumberFormat().string(p["rate"]))")
        }
        var sheet = Worksheet()
        sheet.section("data")
        sheet.note("Three spirals of \(points) points each (\(3 * points) samples, 2 inputs, 3 classes); batch_size='auto' gives min(200, \(3 * points)) = \(result.batchSize) samples per batch.")
        sheet.record("samples", Double(3 * points))
        sheet.record("batch", Double(result.batchSize))
        sheet.section("training")
        let epochs = result.losses.count
        let shown = Array(Set([1, 2, 5, 10, 20, 50, 100, 150, 200, 500, 1000, epochs].filter { $0 <= epochs })).sorted()
        sheet.add(TraceTable(title: "Training loss (log-loss + L2 penalty) by epoch", columns: ["epoch", "loss"],
                             rows: shown.map { [.text(String($0)), .number(result.losses[$0 - 1])] }))
        sheet.add(TracePlot(title: "Loss per epoch", xLabel: "epoch", yLabel: "loss",
                            series: [TracePlot.Series(name: "loss", points: result.losses.enumerated().map { (Double($0.offset + 1), $0.element) })]))
        sheet.section("result")
        sheet.record("epochs", Double(epochs))
        sheet.record("converged", result.converged ? 1 : 0)
        sheet.record("first_loss", result.losses[0])
        sheet.record("final_loss", result.losses[epochs - 1])
        sheet.record("accuracy", result.accuracy)
        let verdict = result.converged
            ? "stopped at epoch \(epochs): the loss had not improved by tol for more than n_iter_no_change epochs"
            : "ran all \(epochs) epochs (max_iter) without meeting the tol rule: scikit-learn would warn that the optimizer has not converged"
        sheet.note("Training \(verdict). Training accuracy \(NumberFormat(digits: 4).string(100 * result.accuracy)) %.")
        return sheet.trace
    }
}
