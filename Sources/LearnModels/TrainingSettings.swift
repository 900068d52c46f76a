import LearnTensor

/// How `learn train` trains one of the course's networks: epochs, batch, optimizer and learning rate.
public struct TrainingSettings: Sendable, Equatable {
    public var epochs: Int
    public var batchSize: Int
    public var optimizer: OptimizerChoice
    public var learningRate: Double
    /// The learning rate of epoch e (from 1) is `learningRate · learningRateDecay^(e − 1)`.
    public var learningRateDecay: Double
    /// L2 weight decay λ: SGD, momentum and Nesterov add λ·w to each gradient (0: none).
    public var weightDecay: Double
    /// Each epoch moves every training image by a random offset of up to this many pixels in each
    /// direction (0: the images as they are).
    public var shift: Int
    /// Seeds the initial weights, the dropout masks and the order of the samples.
    public var seed: UInt64

    public init(epochs: Int, batchSize: Int = 128, optimizer: OptimizerChoice, learningRate: Double,
                learningRateDecay: Double = 1, weightDecay: Double = 0, shift: Int = 0, seed: UInt64 = 1) {
        self.shift = shift
        self.weightDecay = weightDecay
        (self.epochs, self.batchSize, self.optimizer) = (epochs, batchSize, optimizer)
        (self.learningRate, self.learningRateDecay, self.seed) = (learningRate, learningRateDecay, seed)
    }

    /// The learning rate in epoch `epoch` (from 1).
    public func learningRate(inEpoch epoch: Int) -> Double {
        learningRate * Self.power(learningRateDecay, epoch - 1)
    }

    private static func power(_ x: Double, _ n: Int) -> Double { (0..<max(0, n)).reduce(1) { r, _ in r * x } }
}

/// The update rules `learn train --optimizer` offers.
public enum OptimizerChoice: String, CaseIterable, Sendable {
    case sgd, momentum, nesterov, rmsprop, adam

    /// The optimizer with learning rate `rate`, L2 `weightDecay` (SGD, momentum and Nesterov only) and the usual other constants (momentum 0.9; RMSprop's
    /// ρ 0.9 and ε 1e-6 as in Radford's tutorial; Adam's β 0.9, 0.999).
    public func make(learningRate rate: Double, weightDecay: Double = 0) -> any Optimizer {
        let lr = Float(rate), wd = Float(weightDecay)
        switch self {
        case .sgd: return SGD(learningRate: lr, weightDecay: wd)
        case .momentum: return Momentum(learningRate: lr, weightDecay: wd)
        case .nesterov: return Nesterov(learningRate: lr, weightDecay: wd)
        case .rmsprop: return RMSprop(learningRate: lr)
        case .adam: return Adam(learningRate: lr)
        }
    }
}

extension CourseNetwork {
    /// The documented defaults of `learn train NAME`, chosen to reach ``publishedTarget`` within 30
    /// minutes on a 2-core machine (see the README for the measured runs).
    public var defaultSettings: TrainingSettings {
        switch self {
        case .logreg: return TrainingSettings(epochs: 40, optimizer: .adam, learningRate: 0.002, learningRateDecay: 0.9)
        case .mlp: return TrainingSettings(epochs: 60, batchSize: 32, optimizer: .sgd, learningRate: 0.3, learningRateDecay: 0.97, shift: 1)
        case .deep: return TrainingSettings(epochs: 60, optimizer: .adam, learningRate: 0.001, learningRateDecay: 0.95, shift: 1)
        case .cnn: return TrainingSettings(epochs: 30, optimizer: .rmsprop, learningRate: 0.001, learningRateDecay: 0.9, shift: 1)
        case .lenet5: return TrainingSettings(epochs: 15, optimizer: .adam, learningRate: 0.001, learningRateDecay: 0.85, shift: 1)
        }
    }
}
