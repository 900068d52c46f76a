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
        let years = ["mcculloch_pitts": 1943.0, "rosenblatt": 1957, "rosenblatt_paper": 1958, "werbos": 1974, "rumelhart_hinton_williams": 1986,
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

    /// Every row of the timeline names its source: a publication with its year, and the deck lines that
    /// cite it (or REFERENCES.md where no deck does); the shown table carries it in its own column.
    @Test func everyTimelineRowCarriesASource() throws {
        for e in History.events {
            let source = e.source.trimmingCharacters(in: .whitespaces)
            #expect(!source.isEmpty, "\(e.key) has no source")
            #expect(source.contains(String(e.year)) || e.key == "alphago", "\(e.key): the source does not show the year \(e.year)")
            #expect(source.contains("deck 00") || source.contains("REFERENCES.md"), "\(e.key): the source names no deck line")
        }
        let t = try Self.run()
        let table = try #require(tables(t).first { $0.columns.contains("source") })
        let column = try #require(table.columns.firstIndex(of: "source"))
        #expect(table.rows.count == History.events.count)
        for row in table.rows {
            guard case .text(let text) = row[column] else { Issue.record("a source cell is not text"); continue }
            #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty)
        }
    }

    /// The corrections of issue 11, each against its publication (REFERENCES.md): the perceptron paper and
    /// the New York Times quote are 1958, Minsky–Papert 1969, deep belief nets 2006, the GRU is Cho et
    /// al.'s, Deep Speech 2 is December 2015, and McCulloch–Pitts units have no real-valued weights.
    @Test func theTimelineFollowsThePublications() throws {
        let t = try Self.run()
        #expect(t.value("rosenblatt_paper") == 1958)
        #expect(t.value("minsky_papert") == 1969)
        #expect(t.value("deep_belief_nets") == 2006)
        #expect(t.value("deep_speech_2") == 2015)
        let byKey = Dictionary(uniqueKeysWithValues: History.events.map { ($0.key, $0) })
        #expect(byKey["gru"]?.who.hasPrefix("Cho") == true)
        #expect(byKey["rosenblatt_paper"]?.source.contains("Psychological Review 65(6)") == true)
        #expect(byKey["rosenblatt_paper"]?.source.contains("July 8, 1958") == true)
        #expect(byKey["deep_speech_2"]?.source.contains("December 2015") == true)
        #expect(byKey["mcculloch_pitts"]?.what.contains("no real-valued weights") == true)
    }

    /// Ratios of the decks' rounded figures are shown to 2 significant digits, not nine.
    @Test func ratiosOfRoundedFiguresShowTwoDigits() throws {
        #expect(History.significant(15.3 / 3.57) == "4.3")
        #expect(History.significant(152.0 / 8) == "19")
        #expect(History.significant(60_192_808.0 / 2_000_000) == "30")
        let t = try Self.run()
        let shown = tables(t).filter { $0.columns == ["ratio", "quotient", "value"] }.flatMap(\.rows).compactMap { row -> String? in
            if case .text(let v) = row[2] { return v } else { return nil }
        }
        #expect(shown == ["4.3", "19", "30"])
        #expect(t.value("googlenet_parameters_paper") == 60_000_000.0 / 12)
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

/// The tables of a trace, in order.
private func tables(_ t: Trace) -> [TraceTable] {
    t.items.compactMap { if case .table(let table) = $0.item { return table } else { return nil } }
}
