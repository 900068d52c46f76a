import Foundation
import LearnCore

/// The history the five course decks tell, as data: each dated event with what it introduced, which
/// deck says so, and the `learn` lesson where its idea is worked; the figures the decks print (years,
/// layer and parameter counts, error rates); and numbers derived from them — spans of years, error rates
/// from error counts, layer counts from the architectures, parameter counts recomputed layer by layer.
public enum History: Derivation {
    public static let name = "history"
    public static let summary = "The decks' timeline 1943–2015 (with 1958, 1969 and 2006 added) with the lesson where each idea is worked, spans of years, MNIST and ImageNet figures, and parameter counts recomputed layer by layer (AlexNet, VGG-16, ResNet-152, ResNet-110)."
    public static let sections = ["timeline", "spans", "mnist", "imagenet", "parameters"]

    /// One dated event of the decks.
    struct Event {
        /// The name `learn verify history` and `--set from=… to=…` use.
        let key: String
        let year: Int
        let who: String
        let what: String
        /// Which decks date it: 000 Drchal, 001 Week 10, 002 Kuzovkin, 003 intuitive, 004 ULB ("—" when none does).
        let decks: String
        /// The lessons where the idea is worked ("—" when none).
        let lessons: String
        /// Where the date and the claim come from: the publication (venue, volume, pages, year) and the
        /// deck lines (course file and line) that cite it.
        let source: String
    }

    static let events: [Event] = [
        Event(key: "mcculloch_pitts", year: 1943, who: "McCulloch and Pitts", what: "the artificial neuron: a binary unit that fires when enough of its excitatory inputs are on and no inhibitory one is, against a fixed threshold; no real-valued weights, and nothing learned", decks: "002", lessons: "neuron, activations",
              source: "\"A Logical Calculus of the Ideas Immanent in Nervous Activity\", Bulletin of Mathematical Biophysics 5, 115–133 (1943); deck 002 line 35"),
        Event(key: "rosenblatt", year: 1957, who: "Rosenblatt", what: "the perceptron, y = f(wx) with a step f and real-valued weights w, and a rule that learns w from examples", decks: "004", lessons: "perceptron, perceptron-geometry",
              source: "Cornell Aeronautical Laboratory report 85-460-1 (1957); deck 004 lines 100 and 132 (\"Rosenblatt, 1957\")"),
        Event(key: "rosenblatt_paper", year: 1958, who: "Rosenblatt", what: "the perceptron paper; the same summer the New York Times calls the perceptron \"the embryo of an electronic computer\" (quoted undated in deck 002)", decks: "—", lessons: "perceptron",
              source: "\"The perceptron: a probabilistic model for information storage and organization in the brain\", Psychological Review 65(6), 386–408 (1958); The New York Times, July 8, 1958; deck 002 lines 69–71"),
        Event(key: "hubel_wiesel", year: 1962, who: "Hubel and Wiesel", what: "simple cells detect local features, complex cells pool them", decks: "001", lessons: "convolution",
              source: "Journal of Physiology 160, 106–154 (1962); deck 001 line 544 (\"Hubel & Wiesel, 62'\")"),
        Event(key: "minsky_papert", year: 1969, who: "Minsky and Papert", what: "\"Perceptrons\": what a single-layer perceptron cannot compute (XOR, parity, connectedness)", decks: "—", lessons: "xor",
              source: "Perceptrons: An Introduction to Computational Geometry, MIT Press (1969); REFERENCES.md"),
        Event(key: "werbos", year: 1974, who: "Werbos", what: "backpropagation, in a Harvard PhD thesis", decks: "000, 002", lessons: "delta-rule, backprop",
              source: "PhD thesis, Harvard University (1974); deck 000 lines 30–31, deck 002 line 85 (\"(1974) 1986\")"),
        Event(key: "fukushima", year: 1980, who: "Fukushima", what: "the Neocognitron: receptive fields, a forerunner of CNNs", decks: "000", lessons: "convolution",
              source: "Biological Cybernetics 36, 193–202 (1980); deck 000 line 629"),
        Event(key: "rumelhart_hinton_williams", year: 1986, who: "Rumelhart, Hinton and Williams", what: "\"Learning representations by back-propagating errors\" (Nature): multilayer networks trained by gradient descent", decks: "002", lessons: "sigmoid-derivative, backprop, xor, gradient-descent",
              source: "Nature 323, 533–536 (1986); deck 002 lines 85–89"),
        Event(key: "lstm", year: 1997, who: "Hochreiter and Schmidhuber", what: "the LSTM memory cell, for long-range memory in recurrent networks", decks: "004", lessons: "rnn",
              source: "\"Long Short-Term Memory\", Neural Computation 9(8), 1735–1780 (1997); deck 004 line 881"),
        Event(key: "lenet", year: 1998, who: "LeCun et al.", what: "LeNet-5: convolution, pooling and shared weights trained by backprop on MNIST (82 test errors)", decks: "000, 004", lessons: "convolution, mnist, mnist-cnn",
              source: "LeCun, Bottou, Bengio and Haffner, Proceedings of the IEEE 86(11), 2278–2324 (1998); deck 000 lines 630 and 703, deck 004 line 372"),
        Event(key: "igel_husken", year: 2000, who: "Igel and Hüsken", what: "\"Improving the Rprop Learning Algorithm\"", decks: "000", lessons: "rprop",
              source: "Proceedings of the Second International Symposium on Neural Computation (NC 2000), 115–121; deck 000 line 568"),
        Event(key: "deep_belief_nets", year: 2006, who: "Hinton, Osindero and Teh", what: "deep belief nets: a deep network pre-trained one layer at a time, then fine-tuned", decks: "—", lessons: "autoencoder",
              source: "\"A fast learning algorithm for deep belief nets\", Neural Computation 18(7), 1527–1554 (2006); named undated in deck 000 line 794 and deck 001 line 533"),
        Event(key: "alexnet", year: 2012, who: "Krizhevsky et al.", what: "AlexNet: 5 conv + 3 FC layers, 60M parameters, 15.3% ImageNet error, trained on GPUs", decks: "004, 000, 001", lessons: "activations, overfitting, mnist-cnn",
              source: "Krizhevsky, Sutskever and Hinton, NIPS 2012; deck 004 lines 34, 724 and 748"),
        Event(key: "dropout", year: 2014, who: "Srivastava, Hinton, Krizhevsky, Sutskever, Salakhutdinov", what: "dropout against overfitting", decks: "002", lessons: "overfitting",
              source: "Journal of Machine Learning Research 15, 1929–1958 (2014); deck 002 line 509"),
        Event(key: "gru", year: 2014, who: "Cho et al.", what: "the gated recurrent unit, an LSTM simplified (the deck credits Chung et al. 2014, who compared gated units)", decks: "004", lessons: "rnn",
              source: "Cho et al., \"Learning Phrase Representations using RNN Encoder–Decoder for Statistical Machine Translation\", EMNLP 2014; deck 004 line 883"),
        Event(key: "vgg", year: 2014, who: "Simonyan and Zisserman", what: "VGGNet: 16 layers of small convolutions, 140M parameters, 7.4% error", decks: "004", lessons: "convolution",
              source: "arXiv:1409.1556 (2014; ICLR 2015); deck 004 lines 734 and 750"),
        Event(key: "googlenet", year: 2014, who: "Szegedy et al.", what: "GoogLeNet: 22 layers of Inception modules, 6.66% error (the deck: 4M parameters; the paper: 12 times fewer than AlexNet)", decks: "004", lessons: "convolution",
              source: "\"Going Deeper with Convolutions\", arXiv:1409.4842 (2014; CVPR 2015); deck 004 lines 734 and 752"),
        Event(key: "resnet", year: 2015, who: "He et al. (MSRA)", what: "ResNet: residual connections, 152 layers, 3.57% error", decks: "004, 002", lessons: "vanishing-gradients",
              source: "He, Zhang, Ren and Sun, arXiv:1512.03385 (2015; CVPR 2016); deck 004 line 756, deck 002 line 765"),
        Event(key: "alphago", year: 2015, who: "Google DeepMind", what: "AlphaGo beats the European Go champion (October 2015); the world champion match the deck also counts was in March 2016", decks: "004", lessons: "—",
              source: "Silver et al., Nature 529, 484–489 (2016); deck 004 line 36"),
        Event(key: "deep_speech_2", year: 2015, who: "Baidu (Amodei et al.)", what: "Deep Speech 2: speech recognition error 3.7% against 4% for humans (the deck's landmark dates it 2016, the year of its ICML paper)", decks: "004", lessons: "—",
              source: "arXiv:1512.02595 (December 2015; ICML 2016); deck 004 lines 37 and 929–948"),
    ]

    public static let parameters: [Parameter] = [
        .choice("from", "rosenblatt", events.map(\.key), "the earlier event of a span of years"),
        .choice("to", "rumelhart_hinton_williams", events.map(\.key), "the later event of a span of years"),
    ]

    /// A network's layers as (name, weights + biases) pairs.
    typealias Layers = [(name: String, count: Int)]

    /// AlexNet as published (Krizhevsky et al. 2012): conv2, conv4 and conv5 each split over two GPUs,
    /// so each of their kernels sees half of the previous layer's channels. Weights plus biases.
    static let alexNet: Layers = [
        ("conv1 11×11×3 → 96", 11 * 11 * 3 * 96 + 96), ("conv2 5×5×48 → 256", 5 * 5 * 48 * 256 + 256),
        ("conv3 3×3×256 → 384", 3 * 3 * 256 * 384 + 384), ("conv4 3×3×192 → 384", 3 * 3 * 192 * 384 + 384),
        ("conv5 3×3×192 → 256", 3 * 3 * 192 * 256 + 256), ("fc6 6·6·256 → 4096", 6 * 6 * 256 * 4096 + 4096),
        ("fc7 4096 → 4096", 4096 * 4096 + 4096), ("fc8 4096 → 1000", 4096 * 1000 + 1000),
    ]

    /// VGG-16 (configuration D): thirteen 3×3 convolutions and three dense layers, with biases.
    static var vgg16: Layers {
        var layers: Layers = []
        var channels = 3
        for (width, count) in [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)] {
            for _ in 0..<count {
                layers.append(("conv 3×3×\(channels) → \(width)", 9 * channels * width + width))
                channels = width
            }
        }
        return layers + [("fc 7·7·512 → 4096", 7 * 7 * 512 * 4096 + 4096), ("fc 4096 → 4096", 4096 * 4096 + 4096),
                         ("fc 4096 → 1000", 4096 * 1000 + 1000)]
    }

    /// ResNet for ImageNet with bottleneck blocks (1×1, 3×3, 1×1 convolutions, no biases, batch
    /// normalization with 2 parameters per channel), `blocks` per stage; a 1×1 projection where a stage
    /// starts. ResNet-152 has blocks 3, 8, 36, 3.
    static func resNetBottleneck(_ blocks: [Int]) -> Layers {
        var layers: Layers = [("conv1 7×7×3 → 64 + BN", 7 * 7 * 3 * 64 + 2 * 64)]
        var channels = 64
        for (stage, (width, count)) in zip([64, 128, 256, 512], blocks).enumerated() {
            var total = 0
            for b in 0..<count {
                total += channels * width + 2 * width + 9 * width * width + 2 * width + width * 4 * width + 2 * 4 * width
                if b == 0 { total += channels * 4 * width + 2 * 4 * width }
                channels = 4 * width
            }
            layers.append(("stage \(stage + 2): \(count) bottleneck blocks, width \(width)", total))
        }
        return layers + [("fc 2048 → 1000", 2048 * 1000 + 1000)]
    }

    /// The ResNet of the paper's CIFAR-10 experiments: 6n + 2 layers of 3×3 convolutions (16, 32, 64
    /// filters, identity shortcuts padded with zeros, so no projection parameters) with batch normalization;
    /// n = 18 gives ResNet-110.
    static func resNetCIFAR(n: Int) -> Layers {
        var layers: Layers = [("conv 3×3×3 → 16 + BN", 9 * 3 * 16 + 2 * 16)]
        var channels = 16
        for width in [16, 32, 64] {
            var total = 0
            for _ in 0..<n {
                total += 9 * channels * width + 2 * width + 9 * width * width + 2 * width
                channels = width
            }
            layers.append(("\(n) basic blocks, width \(width)", total))
        }
        return layers + [("fc 64 → 10", 64 * 10 + 10)]
    }

    static func total(_ layers: Layers) -> Int { layers.reduce(0) { $0 + $1.count } }

    /// `x` to 2 significant digits, as a ratio of rounded figures deserves (4.2857… → "4.3", 30.096… → "30").
    static func significant(_ x: Double, digits: Int = 2) -> String {
        guard x.isFinite, x != 0 else { return NumberFormat().string(x) }
        let scale = pow(10, Double(digits - 1) - floor(log10(abs(x))))
        return NumberFormat().string((x * scale).rounded() / scale)
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        var sheet = Worksheet()

        sheet.section("timeline")
        for e in events { sheet.record(e.key, Double(e.year)) }
        sheet.add(TraceTable(title: "The timeline (decks: 000 Drchal, 001 Week 10, 002 Kuzovkin, 004 ULB; — where no deck dates the event)",
                             columns: ["year", "who", "what it introduced", "decks", "worked in", "source"],
                             rows: events.map { [.text(String($0.year)), .text($0.who), .text($0.what), .text($0.decks), .text($0.lessons), .text($0.source)] }))

        sheet.section("spans")
        let year = Dictionary(uniqueKeysWithValues: events.map { ($0.key, Double($0.year)) })
        let who = Dictionary(uniqueKeysWithValues: events.map { ($0.key, $0.who) })
        func fact(_ name: String, _ label: String, _ formula: Formula, _ value: Double, _ note: String? = nil) {
            sheet.derive(name, symbol: .text(plain: label, latex: "\\text{\(label)}"), formula, value: value, note: note)
        }
        func span(_ name: String, _ from: String, _ to: String, _ note: String? = nil) {
            fact(name, "years from \(who[from]!) to \(who[to]!)", .difference(.number(year[to]!), .number(year[from]!)),
                 year[to]! - year[from]!, note)
        }
        span("years_neuron_to_perceptron", "mcculloch_pitts", "rosenblatt")
        span("years_perceptron_to_backprop", "rosenblatt", "rumelhart_hinton_williams",
             "From the perceptron to backpropagation's Nature paper: a single perceptron cannot learn XOR, and until backpropagation there was no rule to train the hidden layers that can.")
        span("years_werbos_to_backprop", "werbos", "rumelhart_hinton_williams", "The Kuzovkin deck's \"(1974) 1986\": found once, noticed twelve years later.")
        span("years_lenet_to_alexnet", "lenet", "alexnet", "Hinton's answer (in the Kuzovkin deck) to why the revolution did not come in 1986: datasets 1000 times too small, computers 1,000,000 times too slow.")
        span("years_alexnet_to_resnet", "alexnet", "resnet")
        let from = p.choice("from"), to = p.choice("to")
        span("years_between", from, to, "The span chosen with from=\(from) to=\(to) (any two keys of the timeline).")
        sheet.record("datasets_too_small", 1000)
        sheet.record("computers_too_slow", 1_000_000)

        sheet.section("mnist")
        sheet.record("mnist_train", 60_000)
        sheet.record("mnist_test", 10_000)
        sheet.record("lenet5_errors", 82)
        sheet.record("lenet5_errors_reduced", 30)
        sheet.record("human_errors_low", 20)
        sheet.record("human_errors_high", 30)
        fact("lenet5_error_rate", "LeNet-5 test error, percent", .product([100, .quotient(82, 10_000)]), 100 * 82 / 10_000.0,
             "LeNet-5's 82 errors (the Drchal deck) among MNIST's 10,000 test digits.")
        fact("lenet5_accuracy", "LeNet-5 test accuracy, percent", .difference(100, 0.82), 100 - 0.82)
        fact("human_error_rate_high", "human test error, percent, at most", .product([100, .quotient(30, 10_000)]), 0.3,
             "The deck's \"human error rate would be about 20 to 30\" errors: 0.2 to 0.3 percent.")
        sheet.record("mnist_best_accuracy", 99.77)
        sheet.record("mnist_best_committee", 35)
        fact("mnist_best_errors", "errors of the best committee", .product([10_000, .parentheses(.difference(1, .quotient(99.77, 100)))]),
             10_000 * (1 - 0.9977), "The Kuzovkin deck's \"CURRENT BEST: 99.77% by committee of 35 conv. nets\", in test digits.")

        sheet.section("imagenet")
        sheet.record("imagenet_images", 1_280_000)
        sheet.record("imagenet_training_examples", 1_200_000)
        sheet.record("imagenet_classes", 1000)
        sheet.record("alexnet_conv", 5)
        sheet.record("alexnet_fc", 3)
        fact("alexnet_layers", "AlexNet layers", .sum([5, 3]), 8, "The ULB deck's \"5 conv, 3FC\" and \"8 layers\".")
        sheet.record("alexnet_parameters", 60_000_000)
        sheet.record("alexnet_error", 15.3)
        sheet.record("alexnet_accuracy_gain", 10)
        sheet.record("vgg_layers", 16)
        fact("vgg_layers_counted", "VGG-16 layers", .sum([13, 3]), Double(vgg16.count), "Thirteen convolutions and three dense layers.")
        sheet.record("vgg_parameters", 140_000_000)
        sheet.record("vgg_error", 7.4)
        sheet.record("googlenet_layers", 22)
        sheet.record("googlenet_parameters", 4_000_000)
        sheet.record("googlenet_error", 6.66)
        sheet.record("resnet_layers", 152)
        fact("resnet152_layers_counted", "ResNet-152 layers", .sum([1, .product([3, .parentheses(.sum([3, 8, 36, 3]))]), 1]), 152,
             "The first convolution, three convolutions in each of 3 + 8 + 36 + 3 bottleneck blocks, and the dense layer.")
        sheet.record("resnet_error", 3.57)
        sheet.record("msra_classification_error", 0.03567)
        fact("msra_error_percent", "MSRA's error, percent", .product([100, 0.03567]), 3.567,
             "The Kuzovkin deck's ILSVRC 2015 table prints MSRA's classification error as a fraction; as a percentage it rounds to the ULB deck's 3.57.")
        // Ratios of the decks' rounded figures: exact quotients are recorded (for `learn verify`), and
        // shown to 2 significant digits, the precision of their least precise input.
        sheet.record("error_ratio", 15.3 / 3.57)
        sheet.record("layer_ratio", 152.0 / 8)
        sheet.add(TraceTable(title: "Ratios of the decks' figures, to 2 significant digits (their inputs are rounded figures)",
                             columns: ["ratio", "quotient", "value"],
                             rows: [[.text("AlexNet error / ResNet error"), .text("15.3 / 3.57"), .text(significant(15.3 / 3.57))],
                                    [.text("ResNet layers / AlexNet layers"), .text("152 / 8"), .text(significant(152.0 / 8))]]))
        sheet.note("Three years took the ImageNet error down more than fourfold, with 19 times as many layers: the ULB deck's \"Trend: narrower and deeper\".")
        sheet.derive("googlenet_parameters_paper", symbol: .text(plain: "GoogLeNet parameters by the paper's ratio", latex: "\\text{GoogLeNet parameters by the paper's ratio}"),
                     .quotient(.number(60_000_000), 12), value: 60_000_000.0 / 12,
                     note: "Szegedy et al. (2015, section 1): GoogLeNet \"uses 12× fewer parameters than\" AlexNet. With AlexNet's 60 million that is 5 million; the ULB deck's \"4M\" is not in the paper (REFERENCES.md: a figure from lecture notes such as Stanford CS231n).")

        sheet.section("parameters")
        let counted: [(key: String, title: String, layers: Layers, deck: String, paper: String)] = [
            ("alexnet_parameters_counted", "AlexNet (two-GPU original)", alexNet, "60M", "60 million (abstract)"),
            ("vgg16_parameters_counted", "VGG-16", vgg16, "140M", "138 million (Table 2, configuration D)"),
            ("resnet152_parameters_counted", "ResNet-152 (ImageNet)", resNetBottleneck([3, 8, 36, 3]), "2M", "not stated (Table 1 gives its FLOPs)"),
            ("resnet110_parameters_counted", "ResNet-110 (CIFAR-10)", resNetCIFAR(n: 18), "—", "1.7M (Table 6)"),
        ]
        for c in counted { sheet.record(c.key, Double(total(c.layers))) }
        sheet.add(TraceTable(title: "AlexNet, layer by layer (weights + biases)", columns: ["layer", "parameters"],
                             rows: alexNet.map { [.text($0.name), .text(String($0.count))] } + [[.text("total"), .text(String(total(alexNet)))]]))
        sheet.add(TraceTable(title: "Parameter counts recomputed from the architectures", columns: ["network", "the ULB deck", "the paper", "counted"],
                             rows: counted.map { [.text($0.title), .text($0.deck), .text($0.paper), .text(String(total($0.layers)))] }))
        sheet.record("resnet_parameters", 2_000_000)
        let resnet152 = Double(total(resNetBottleneck([3, 8, 36, 3])))
        sheet.record("resnet_parameter_ratio", resnet152 / 2_000_000)
        sheet.record("resnet110_parameters_paper", 1_700_000)
        sheet.add(TraceTable(title: "ResNet-152 counted against the ULB deck's \"2M\", to 2 significant digits (2M is a rounded figure)",
                             columns: ["ratio", "quotient", "value"],
                             rows: [[.text("ResNet-152 counted / the deck's 2M"), .text("\(Int(resnet152)) / 2000000"), .text(significant(resnet152 / 2_000_000))]]))
        sheet.note("The deck's 2M is about thirty times too small for ResNet-152. The deck does not say where it comes from; the ResNet paper's Table 6 gives 1.7M for its 110-layer CIFAR-10 network (counted above), which would round to 2M, but nothing in the deck ties its figure to that network.")
        sheet.record("alexnet_neurons", 650_000)
        sheet.record("alexnet_neurons_deck", 650_000_000)
        return sheet.trace
    }
}
