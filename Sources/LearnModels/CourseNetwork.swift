import LearnCore
import LearnTensor

/// The course's MNIST networks: the four of the Kuzovkin deck (from Alec Radford's Theano tutorial) and
/// LeNet-5 of the Drchal deck, each with the settings that `learn train` uses by default.
///
/// Every network takes a batch `[N, 1, 28, 28]` of images scaled to 0…1 (dense layers read it as
/// `[N, 784]`) and returns `[N, 10]` logits; the loss is softmax cross-entropy.
public enum CourseNetwork: String, CaseIterable, Sendable {
    /// Softmax regression, 784 → 10.
    case logreg
    /// 784 → 625 sigmoid → 10, plain SGD.
    case mlp
    /// 784 → 625 ReLU → 625 ReLU → 10, dropout 0.2 on the input and 0.5 on hidden layers, RMSprop.
    case deep
    /// Three blocks of 3×3 convolution (32, 64, 128) + ReLU + 2×2 max pooling + dropout, then 625 ReLU
    /// with dropout, then 10.
    case cnn
    /// LeNet-5: 5×5 convolutions with 6 and 16 maps, each pooled, then 120, 84 and 10 units.
    case lenet5

    /// One line on what it is.
    public var summary: String {
        switch self {
        case .logreg: return "softmax regression, 784 → 10 (Kuzovkin deck: 92.5 %)"
        case .mlp: return "784 → 625 sigmoid → 10, plain SGD (Kuzovkin deck: 98.2 %)"
        case .deep: return "784 → 625 ReLU → 625 ReLU → 10 with dropout (Kuzovkin deck: RMSprop, 99.0 %)"
        case .cnn: return "3×3 convolutions 32, 64, 128 with pooling and dropout, 625 ReLU, 10 (Kuzovkin deck: 99.50 %)"
        case .lenet5: return "LeNet-5: 5×5 convolutions 6 and 16, pooling, 120, 84, 10 (Drchal deck: 82 errors)"
        }
    }

    /// The result the course quotes for it, on the 10,000 test images.
    public var publishedTarget: String {
        switch self {
        case .logreg: return "accuracy ≥ 92.5 %"
        case .mlp: return "accuracy ≥ 98.2 %"
        case .deep: return "accuracy ≥ 99.0 %"
        case .cnn: return "accuracy ≥ 99.50 %"
        case .lenet5: return "at most 82 errors (99.18 %)"
        }
    }

    /// The fewest correct test images (of 10,000) that meet ``publishedTarget``.
    public var targetCorrect: Int {
        switch self {
        case .logreg: return 9250
        case .mlp: return 9820
        case .deep: return 9900
        case .cnn: return 9950
        case .lenet5: return 9918
        }
    }

    /// The network with weights drawn from `seed`.
    public func build(seed: UInt64) -> Network {
        var g = SplitMix64(seed: seed)
        // Dropout layers get seeds of their own, drawn after the weights, so that changing a dropout
        // rate never changes the initial weights.
        func dropout(_ rate: Float) -> Dropout { Dropout(rate: rate, seed: g.next()) }
        switch self {
        case .logreg:
            return Network([Dense(name: "dense1", inputs: 784, outputs: 10, initialization: .normal(standardDeviation: 0.01), generator: &g)])
        case .mlp:
            let hidden = Dense(name: "dense1", inputs: 784, outputs: 625, initialization: .glorotUniform, generator: &g)
            let output = Dense(name: "dense2", inputs: 625, outputs: 10, initialization: .glorotUniform, generator: &g)
            return Network([hidden, Sigmoid(), output])
        case .deep:
            let d1 = Dense(name: "dense1", inputs: 784, outputs: 625, initialization: .heNormal, generator: &g)
            let d2 = Dense(name: "dense2", inputs: 625, outputs: 625, initialization: .heNormal, generator: &g)
            let d3 = Dense(name: "dense3", inputs: 625, outputs: 10, initialization: .glorotUniform, generator: &g)
            return Network([dropout(0.2), d1, ReLU(), dropout(0.5), d2, ReLU(), dropout(0.5), d3])
        case .cnn:
            // Radford's sizes: 28 → 30 ('full' border) → 15 → 13 → 7 → 5 → 3 (pooling rounds up), 128·3·3 = 1152.
            let c1 = Conv2D(name: "conv1", inChannels: 1, outChannels: 32, kernelSize: 3, padding: .full, generator: &g)
            let c2 = Conv2D(name: "conv2", inChannels: 32, outChannels: 64, kernelSize: 3, generator: &g)
            let c3 = Conv2D(name: "conv3", inChannels: 64, outChannels: 128, kernelSize: 3, generator: &g)
            let d1 = Dense(name: "dense1", inputs: 1152, outputs: 625, initialization: .heNormal, generator: &g)
            let d2 = Dense(name: "dense2", inputs: 625, outputs: 10, initialization: .glorotUniform, generator: &g)
            // Pooling before ReLU: max(ReLU(a), ReLU(b)) = ReLU(max(a, b)) exactly (ReLU is monotone), and
            // the gradients agree too, but ReLU then runs on a quarter of the values.
            return Network([c1, MaxPool2D(rounding: .ceil), ReLU(), dropout(0.2),
                            c2, MaxPool2D(rounding: .ceil), ReLU(), dropout(0.2),
                            c3, MaxPool2D(rounding: .ceil), ReLU(), dropout(0.2),
                            Flatten(), d1, ReLU(), dropout(0.5), d2])
        case .lenet5:
            // 28 (+2 padding) → 28 → 14 → 10 → 5; 16·5·5 = 400.
            let c1 = Conv2D(name: "conv1", inChannels: 1, outChannels: 6, kernelSize: 5, padding: .same, generator: &g)
            let c2 = Conv2D(name: "conv2", inChannels: 6, outChannels: 16, kernelSize: 5, generator: &g)
            let f1 = Dense(name: "dense1", inputs: 400, outputs: 120, initialization: .heNormal, generator: &g)
            let f2 = Dense(name: "dense2", inputs: 120, outputs: 84, initialization: .heNormal, generator: &g)
            let f3 = Dense(name: "dense3", inputs: 84, outputs: 10, initialization: .glorotUniform, generator: &g)
            return Network([c1, MaxPool2D(), ReLU(), c2, MaxPool2D(), ReLU(), Flatten(), f1, ReLU(), f2, ReLU(), f3])
        }
    }
}
