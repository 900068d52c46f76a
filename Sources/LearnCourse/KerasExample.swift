import Foundation
import LearnCore
import LearnTensor

/// The Kuzovkin deck's Keras code (course file 002, lines 1095–1125) run in the tensor engine:
///
///     Dense(64, input_dim=20, init='uniform', activation='relu');  Dropout(0.5)
///     Dense(64, init='uniform', activation='tanh');                Dropout(0.5)
///     Dense(2, init='uniform', activation='softmax')
///     SGD(lr=0.1, decay=1e-6, momentum=0.9, nesterov=True);  loss='mean_squared_error'
///     fit(X_train, y_train, nb_epoch=20, batch_size=16)
///
/// Keras 1's meanings, each matched by an engine piece: `init='uniform'` is U(−0.05, 0.05) with zero
/// biases (``Initialization/uniform(limit:)``); ``Dropout`` is inverted (survivors scaled by 1/(1 − p));
/// the SGD step is ``Nesterov`` with the rate `lr/(1 + decay·t)` at update t = 0, 1, …;
/// `mean_squared_error` is the mean over the outputs of (y − d)², which for two outputs is
/// ½Σ(y − d)², the engine's ``MeanSquaredError``; the softmax is ``SoftmaxActivation``; `fit` shuffles
/// the samples every epoch (here with the derivation's ``SplitMix64``).
///
/// The deck leaves the data to the reader (`# LOAD YOUR DATA`). As the Keras guide's version of this
/// example does with `np.random.random((1000, 20))` and random labels, the inputs are uniform on
/// [0, 1)²⁰ from `SplitMix64(seed)`, 1000 for training and 100 for testing; the labels are either random
/// (a fair coin per sample) or given by a rule (1 when x₁ + … + x₂₀ > 10).
public enum KerasExample: Derivation {
    public static let name = "keras-example"
    public static let summary = "The Kuzovkin deck's Keras code, 20 → 64 ReLU → dropout → 64 tanh → dropout → 2 softmax, mean squared error, SGD 0.1 with Nesterov momentum 0.9, 20 epochs of batches of 16, in the tensor engine on seeded random inputs: random labels (chance) or labels from a rule."
    public static let sections = ["model", "data", "training", "result"]
    public static let parameters: [Parameter] = [
        .choice("labels", "random", ["random", "rule"], "labels: a coin flip per sample, or 1 when x₁ + … + x₂₀ > 10"),
        .count("samples", 1000, "training samples", in: 16...2000),
        .count("test", 100, "test samples", in: 10...1000),
        .count("hidden", 64, "units in each hidden layer", in: 1...256),
        .number("dropout", 0.5, "dropout rate p after each hidden layer", in: 0...0.9),
        .number("rate", 0.1, "SGD learning rate lr", in: 1e-4...1),
        .number("momentum", 0.9, "Nesterov momentum", in: 0...0.99),
        .number("decay", 1e-6, "learning-rate decay: lr/(1 + decay·t) at update t", in: 0...1),
        .count("epochs", 20, "epochs (nb_epoch)", in: 1...50),
        .count("batch", 16, "samples per update (batch_size)", in: 1...256),
        .count("seed", 1, "seed of the data, the weights, the dropout masks and the shuffling", in: 0...1_000_000),
    ]

    /// The number of inputs, `input_dim=20`.
    static let inputs = 20

    /// Inputs uniform on [0, 1)^20 (`count` rows of 20) and their labels, from `generator`.
    static func data(count: Int, rule: Bool, generator g: inout SplitMix64) -> (x: [Float], labels: [Int]) {
        var x: [Float] = [], labels: [Int] = []
        x.reserveCapacity(count * inputs)
        for _ in 0..<count {
            var sum = 0.0
            for _ in 0..<inputs {
                let u = g.nextUnit()
                sum += u
                x.append(Float(u))
            }
            labels.append(rule ? (sum > Double(inputs) / 2 ? 1 : 0) : Int(g.next() >> 63))
        }
        return (x, labels)
    }

    /// The deck's model: Dense(20 → hidden) ReLU, Dropout, Dense(hidden → hidden) tanh, Dropout,
    /// Dense(hidden → 2) softmax; weights U(−0.05, 0.05), biases 0; dropout masks seeded after the weights.
    static func model(hidden: Int, dropout: Double, generator g: inout SplitMix64) -> Network {
        let uniform = Initialization.uniform(limit: 0.05)
        let d1 = Dense(name: "dense1", inputs: inputs, outputs: hidden, initialization: uniform, generator: &g)
        let d2 = Dense(name: "dense2", inputs: hidden, outputs: hidden, initialization: uniform, generator: &g)
        let d3 = Dense(name: "dense3", inputs: hidden, outputs: 2, initialization: uniform, generator: &g)
        let drop1 = Dropout(rate: Float(dropout), seed: g.next()), drop2 = Dropout(rate: Float(dropout), seed: g.next())
        return Network([d1, ReLU(), drop1, d2, Tanh(), drop2, d3, SoftmaxActivation()])
    }

    /// A random order of `0..<count` (Fisher–Yates), as `fit`'s `shuffle=True`.
    static func shuffled(_ count: Int, generator g: inout SplitMix64) -> [Int] {
        var order = Array(0..<count)
        guard count > 1 else { return order }
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Int(g.next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        return order
    }

    /// The rows `indices` of `x` (rows of `inputs`) as a batch tensor, with their one-hot targets.
    static func batch(_ x: [Float], _ labels: [Int], _ indices: ArraySlice<Int>) -> (input: Tensor, targets: Tensor) {
        var rows: [Float] = [], targets: [Float] = []
        for i in indices {
            rows += x[(i * inputs)..<((i + 1) * inputs)]
            targets += labels[i] == 1 ? [0, 1] : [1, 0]
        }
        return (Tensor(shape: [indices.count, inputs], scalars: rows), Tensor(shape: [indices.count, 2], scalars: targets))
    }

    /// What one epoch of `fit` reports: the mean training loss over its batches (with dropout on, as
    /// Keras prints it) and, after the epoch, the loss and accuracy without dropout on both sets.
    struct Epoch {
        var runningLoss: Double
        var trainLoss: Double
        var trainAccuracy: Double
        var testLoss: Double
        var testAccuracy: Double
    }

    /// Loss (½Σ(y − d)² averaged over samples) and accuracy in % of `network` on a whole set, no dropout.
    static func score(_ network: Network, _ x: [Float], _ labels: [Int]) -> (loss: Double, accuracy: Double) {
        let (input, targets) = batch(x, labels, Array(labels.indices)[...])
        let output = network.forward(input, training: false)
        let loss = MeanSquaredError()(output, targets: targets).loss
        let correct = zip(argmaxOfRows(output), labels).filter { $0 == $1 }.count
        return (loss, 100 * Double(correct) / Double(max(1, labels.count)))
    }

    /// Trains `network` as Keras's `fit` does: every epoch shuffles the samples, then each batch of
    /// `batchSize` (the last one smaller) takes one Nesterov step at the rate `rate/(1 + decay·t)`.
    static func fit(_ network: Network, x: [Float], labels: [Int], test: (x: [Float], labels: [Int]),
                    epochs: Int, batchSize: Int, rate: Double, momentum: Double, decay: Double,
                    generator g: inout SplitMix64) -> [Epoch] {
        var optimizer = Nesterov(learningRate: Float(rate), momentum: Float(momentum))
        var t = 0
        var history: [Epoch] = []
        for _ in 0..<epochs {
            let order = shuffled(labels.count, generator: &g)
            var total = 0.0
            for start in stride(from: 0, to: order.count, by: batchSize) {
                let indices = order[start..<min(start + batchSize, order.count)]
                let (input, targets) = batch(x, labels, indices)
                network.zeroGradients()
                let evaluation = MeanSquaredError()(network.forward(input, training: true), targets: targets)
                total += evaluation.loss * Double(indices.count)
                network.backwardToParameters(evaluation.gradient)
                optimizer.learningRate = Float(rate / (1 + decay * Double(t)))
                optimizer.step(network.parameters)
                t += 1
            }
            let train = score(network, x, labels), tested = score(network, test.x, test.labels)
            history.append(Epoch(runningLoss: total / Double(labels.count), trainLoss: train.loss, trainAccuracy: train.accuracy,
                                 testLoss: tested.loss, testAccuracy: tested.accuracy))
        }
        return history
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let rule = p.choice("labels") == "rule"
        let (samples, testCount, hidden) = (p.count("samples"), p.count("test"), p.count("hidden"))
        let (epochs, batchSize) = (p.count("epochs"), p.count("batch"))
        var g = SplitMix64(seed: UInt64(p.count("seed")))
        var sheet = Worksheet(inputs: ["n_in": Double(inputs), "hidden": Double(hidden), "n_out": 2,
                                       "samples": Double(samples), "batch": Double(batchSize), "epochs": Double(epochs),
                                       "lr": p["rate"], "decay": p["decay"]])

        sheet.section("model")
        let network = model(hidden: hidden, dropout: p["dropout"], generator: &g)
        let dropoutText = NumberFormat().string(p["dropout"])
        sheet.add(TraceTable(title: "The deck's Keras lines and the engine's layers", columns: ["Keras (the deck)", "tensor engine", "weights + biases"], rows: [
            [.text("Dense(64, input_dim=20, init='uniform', activation='relu')"), .text("Dense 20 → \(hidden), U(−0.05, 0.05); ReLU"), .number(Double(inputs * hidden + hidden))],
            [.text("Dropout(0.5)"), .text("Dropout \(dropoutText) (inverted: survivors × 1/(1 − p))"), .number(0)],
            [.text("Dense(64, init='uniform', activation='tanh')"), .text("Dense \(hidden) → \(hidden), U(−0.05, 0.05); Tanh"), .number(Double(hidden * hidden + hidden))],
            [.text("Dropout(0.5)"), .text("Dropout \(dropoutText)"), .number(0)],
            [.text("Dense(2, init='uniform', activation='softmax')"), .text("Dense \(hidden) → 2, U(−0.05, 0.05); SoftmaxActivation"), .number(Double(hidden * 2 + 2))],
            [.text("SGD(lr=0.1, decay=1e-6, momentum=0.9, nesterov=True)"), .text("Nesterov, rate lr/(1 + decay·t)"), .text("")],
            [.text("loss='mean_squared_error'"), .text("MeanSquaredError ½Σ(y − d)² (= Keras's mean over 2 outputs)"), .text("")],
        ]))
        let count = network.parameterCount
        sheet.derive("parameter_count", symbol: .text(plain: "weights and biases", latex: "\\text{weights and biases}"),
                     .sum([.product(["n_in", "hidden"]), "hidden", .product(["hidden", "hidden"]), "hidden", .product(["hidden", "n_out"]), "n_out"]),
                     value: Double(count), note: "Counted from the engine's network; the formula is the layer by layer count.")
        let perEpoch = (samples + batchSize - 1) / batchSize
        sheet.derive("updates_per_epoch", symbol: .text(plain: "updates per epoch", latex: "\\text{updates per epoch}"),
                     .function("ceil", [.quotient("samples", "batch")]), value: Double(perEpoch),
                     note: "One step per batch of \(batchSize); the last batch of an epoch is smaller when \(batchSize) does not divide \(samples).")
        sheet.record("updates", Double(perEpoch * epochs))
        let lastRate = p["rate"] / (1 + p["decay"] * Double(perEpoch * epochs - 1))
        sheet.derive("last_rate", symbol: .text(plain: "lr at the last update", latex: "\\text{lr at the last update}"),
                     .quotient("lr", .sum([1, .product(["decay", .number(Double(perEpoch * epochs - 1))])])), value: lastRate,
                     note: "Keras 1 divides the rate by 1 + decay·t at update t = 0, 1, …; with decay = 1e-6 it hardly moves in \(perEpoch * epochs) updates.")

        sheet.section("data")
        let train = data(count: samples, rule: rule, generator: &g)
        let test = data(count: testCount, rule: rule, generator: &g)
        let ones = Double(train.labels.filter { $0 == 1 }.count)
        sheet.record("train_ones_percent", 100 * ones / Double(samples))
        sheet.record("test_ones_percent", 100 * Double(test.labels.filter { $0 == 1 }.count) / Double(testCount))
        sheet.note(rule
            ? "Inputs uniform on [0, 1) in 20 dimensions; label 1 when x₁ + … + x₂₀ > 10 (half the largest sum), else 0. There is something to learn: a hyperplane separates the classes."
            : "Inputs uniform on [0, 1) in 20 dimensions; each label is a coin flip, independent of the inputs. There is nothing to learn: no function of x predicts a new sample's label better than chance.")

        sheet.section("training")
        let initial = score(network, train.x, train.labels)
        sheet.record("initial_loss", initial.loss)
        let history = fit(network, x: train.x, labels: train.labels, test: test, epochs: epochs, batchSize: batchSize,
                          rate: p["rate"], momentum: p["momentum"], decay: p["decay"], generator: &g)
        let losses = [initial.loss] + history.flatMap { [$0.runningLoss, $0.trainLoss, $0.testLoss] }
        guard losses.allSatisfy(\.isFinite) else {
            throw .invalid("keras-example: the training diverged (a loss is not finite) with samples=\(samples), test=\(testCount), hidden=\(hidden), dropout=\(dropoutText), rate=\(NumberFormat().string(p["rate"])), momentum=\(NumberFormat().string(p["momentum"])), decay=\(NumberFormat().string(p["decay"])), epochs=\(epochs), batch=\(batchSize); try a smaller rate")
        }
        sheet.add(TraceTable(title: "Per epoch: the loss Keras prints (mean over the epoch's batches, dropout on), then both sets scored without dropout",
                             columns: ["epoch", "loss (fit)", "training loss", "training accuracy %", "test loss", "test accuracy %"],
                             rows: history.enumerated().map { i, e in
                                 [.number(Double(i + 1)), .number(e.runningLoss), .number(e.trainLoss), .number(e.trainAccuracy), .number(e.testLoss), .number(e.testAccuracy)]
                             }))
        let epochsAxis = history.indices.map { Double($0 + 1) }
        sheet.add(TracePlot(title: "Loss ½Σ(y − d)² per epoch (0.25 is the loss of always answering (½, ½))", xLabel: "epoch", yLabel: "loss", series: [
            .init(name: "training (fit, dropout on)", points: Array(zip(epochsAxis, history.map(\.runningLoss)))),
            .init(name: "test", points: Array(zip(epochsAxis, history.map(\.testLoss)))),
            .init(name: "0.25", points: [(1, 0.25), (Double(max(1, epochs)), 0.25)]),
        ]))
        sheet.add(TracePlot(title: "Accuracy % per epoch (50 % is chance for two classes)", xLabel: "epoch", yLabel: "accuracy %", series: [
            .init(name: "training", points: Array(zip(epochsAxis, history.map(\.trainAccuracy)))),
            .init(name: "test", points: Array(zip(epochsAxis, history.map(\.testAccuracy)))),
            .init(name: "chance", points: [(1, 50), (Double(max(1, epochs)), 50)]),
        ]))

        sheet.section("result")
        let last = history[history.count - 1]
        sheet.record("final_loss", last.runningLoss)
        sheet.record("train_loss", last.trainLoss)
        sheet.record("test_loss", last.testLoss)
        sheet.record("train_accuracy", last.trainAccuracy)
        sheet.record("test_accuracy", last.testAccuracy)
        sheet.record("best_test_accuracy", history.map(\.testAccuracy).max() ?? 0)
        let late = history.suffix(5)
        sheet.record("late_test_accuracy", late.reduce(0) { $0 + $1.testAccuracy } / Double(late.count))
        let answers = argmaxOfRows(network.forward(batch(test.x, test.labels, Array(test.labels.indices)[...]).input, training: false))
        let answeredOne = Double(answers.filter { $0 == 1 }.count)
        sheet.record("same_answer_percent", 100 * max(answeredOne, Double(testCount) - answeredOne) / Double(testCount))
        sheet.record("chance", 50)
        sheet.record("test_count", Double(testCount))
        sheet.derive("chance_spread", symbol: .text(plain: "spread of a chance score", latex: "\\text{spread of a chance score}"),
                     .product([100, .function("sqrt", [.quotient(0.25, "test_count")])]), value: 100 * (0.25 / Double(testCount)).squareRoot(),
                     note: "A guesser right half the time scores k of \(testCount) with k binomial: its accuracy has standard deviation 100·√(½·½/\(testCount)) %.")
        return sheet.trace
    }
}
