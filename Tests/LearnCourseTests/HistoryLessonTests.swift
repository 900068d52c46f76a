import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The `history` lesson: its years are the decks', its spans and rates are recomputed here, and its
/// parameter counts are recounted from the architectures with formulas written out independently.
@Suite struct HistoryLessonTests {
    static func run(_ settings: [String: String] = [:]) throws -> Trace { try runDerivation(History.self, settings) }

    @Test func theDecksYearsAndSpans() throws {
        let t = try Self.run()
        let years = ["mcculloch_pitts": 1943.0, "rosenblatt": 1957, "werbos": 1974, "rumelhart_hinton_williams": 1986,
                     "lenet": 1998, "alexnet": 2012, "resnet": 2015]
        for (k, y) in years { #expect(t.value(k) == y, "\(k)") }
        #expect(t.value("years_perceptron_to_backprop") == Double(1986 - 1957))
        #expect(t.value("years_between") == 29)
        let lenetToResnet = try Self.run(["from": "lenet", "to": "resnet"])
        #expect(lenetToResnet.value("years_between") == 17)
        // The timeline is in order of years.
        let ordered = History.events.map(\.year)
        #expect(ordered == ordered.sorted())
    }

    @Test func ratesFromTheDecksCounts() throws {
        let t = try Self.run()
        #expect(abs(t.value("lenet5_error_rate")! - 0.82) <= 1e-12)
        #expect(abs(t.value("mnist_best_errors")! - 23) <= 1e-9)
        #expect(abs(t.value("msra_error_percent")! - 3.567) <= 1e-12)
        #expect(t.value("layer_ratio") == 19)
    }

    @Test func parameterCountsRecounted() throws {
        let t = try Self.run()
        func conv(_ k: Int, _ c: Int, _ out: Int, bias: Bool = true) -> Int { k * k * c * out + (bias ? out : 0) }
        // AlexNet as published, with the two-GPU split of conv2, conv4, conv5.
        let alex = conv(11, 3, 96) + conv(5, 48, 256) + conv(3, 256, 384) + conv(3, 192, 384) + conv(3, 192, 256)
            + (9216 * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 1000 + 1000)
        #expect(t.value("alexnet_parameters_counted") == Double(alex))
        #expect(alex == 60_965_224)
        // VGG-16: 13 convolutions.
        let widths = [64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512]
        let vgg = zip([3] + widths.dropLast(), widths).reduce(0) { $0 + conv(3, $1.0, $1.1) }
            + (25088 * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 1000 + 1000)
        #expect(t.value("vgg16_parameters_counted") == Double(vgg))
        #expect(vgg == 138_357_544)   // torchvision's vgg16
        // ResNet-152: bottleneck blocks; batch normalization has 2 parameters per channel.
        var resnet = conv(7, 3, 64, bias: false) + 128, channels = 64
        for (w, n) in [(64, 3), (128, 8), (256, 36), (512, 3)] {
            for b in 0..<n {
                resnet += conv(1, channels, w, bias: false) + conv(3, w, w, bias: false) + conv(1, w, 4 * w, bias: false) + 2 * (w + w + 4 * w)
                if b == 0 { resnet += conv(1, channels, 4 * w, bias: false) + 8 * w }
                channels = 4 * w
            }
        }
        resnet += 2048 * 1000 + 1000
        #expect(t.value("resnet152_parameters_counted") == Double(resnet))
        #expect(resnet == 60_192_808)  // torchvision's resnet152
        // ResNet-110 for CIFAR-10: the paper's "1.7M".
        let r110 = try #require(t.value("resnet110_parameters_counted"))
        #expect(abs(r110 - 1.7e6) < 0.05e6)
        #expect(t.value("resnet152_layers_counted") == 152)
    }
}
