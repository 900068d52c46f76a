import Foundation
import Testing
import LearnCore
import LearnData
@testable import LearnCourse

/// The `overfitting` derivation on the synthetic digits (no MNIST needed): its bookkeeping against
/// counts and formulas computed here, and the decay of a weight that never gets a gradient; then, with
/// `LEARN_TEST_MNIST=DIR`, the lesson's ranges and directions for other seeds than the lesson's.
@Suite struct OverfittingTests {
    static func parameters(_ settings: [String: String]) throws -> Parameters {
        var p = Parameters(Overfitting.parameters)
        for (name, value) in settings { try p.set(name, to: value) }
        return p
    }

    static let small = ["samples": "60", "validation": "40", "test": "40", "hidden": "20", "small": "3", "epochs": "4",
                        "batch": "10", "rate": "0.5", "lambda": "0.01"]

    @Test func bookkeepingOnSyntheticDigits() throws {
        let t = try Overfitting.run(Self.parameters(Self.small), data: SyntheticDigits.dataset(train: 100, test: 40))
        #expect(t.value("parameters_large") == Double(784 * 20 + 20 + 20 * 10 + 10))
        #expect(t.value("parameters_small") == Double(784 * 3 + 3 + 3 * 10 + 10))
        #expect(t.value("parameters_per_image") == Double(784 * 20 + 20 + 20 * 10 + 10) / 60)
        // 60 images in batches of 10: 6 updates per epoch.
        #expect(t.value("updates") == 24)
        #expect(t.value("decay_factor") == 1 - 0.5 * 0.01)
        // Pixel 0 is blank in every synthetic image (as in MNIST): only the decay moves its weights.
        #expect(t.value("corner_weight_drift_large") == 0)
        let before = try #require(t.value("corner_weight_before"))
        // Float32 rounding once per update: 24 relative errors of at most 2⁻²⁴ each, with margin.
        #expect(abs(try #require(t.value("corner_weight_decay")) - before * pow(0.995, 24)) <= 1e-6 * abs(before))
        for name in ["large", "decay", "dropout", "small"] {
            let train = try #require(t.value("train_accuracy_\(name)")), test = try #require(t.value("test_accuracy_\(name)"))
            #expect(abs(try #require(t.value("gap_\(name)")) - (train - test)) <= 1e-12)
            // Accuracies on 60 and 40 images are multiples of 1/60 and 1/40.
            #expect(abs(train * 0.6 - (train * 0.6).rounded()) <= 1e-9)
            #expect(abs(test * 0.4 - (test * 0.4).rounded()) <= 1e-9)
            #expect((1...4).contains(Int(try #require(t.value("best_epoch_\(name)")))))
        }
        #expect(try #require(t.value("squared_weights_ratio")) < 1)
    }

    @Test func theDecksTable() throws {
        var sheet = Worksheet()
        Overfitting.deckTable(&sheet)
        let t = sheet.trace
        // Srivastava et al. 2014, Table 9, as the Kuzovkin deck prints it.
        let printed = ["l2": 1.62, "l2_l1": 1.60, "l2_kl": 1.55, "maxnorm": 1.35, "dropout_l2": 1.25, "dropout_maxnorm": 1.05]
        for (key, error) in printed { #expect(t.value("table9_\(key)") == error) }
        #expect(abs(t.value("table9_dropout_gain")! - 0.37) <= 1e-12)
        #expect(abs(t.value("table9_dropout_relative")! - 37.0 / 162) <= 1e-12)
    }

    @Test func overlappingSplitsAreRefused() throws {
        let p = try Self.parameters(["samples": "80", "validation": "40"])
        #expect(throws: DerivationError.self) { try Overfitting.run(p, data: SyntheticDigits.dataset(train: 100, test: 40)) }
    }

    static let folder = ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"].flatMap { $0.isEmpty ? nil : $0 }

    /// The lesson's ranges and directions hold for seeds 2 and 3 as well as for its seed 1.
    @Test(.enabled(if: folder != nil, "needs MNIST: set LEARN_TEST_MNIST=DIR"), arguments: [2, 3])
    func otherSeedsKeepTheDirection(seed: Int) throws {
        let data = try LessonData.load("mnist", locator: DatasetLocator(environment: ["LEARN_DATA": Self.folder!, "HOME": "/nonexistent"],
                                                                        systemFolder: "/nonexistent"))
        let t = try Overfitting.run(Self.parameters(["seed": String(seed)]), data: data)
        func v(_ name: String) throws -> Double { try #require(t.value(name)) }
        #expect((99...100).contains(try v("train_accuracy_large")))
        #expect((0.01...2).contains(try v("validation_loss_rise")), "seed \(seed)")
        #expect((1...19).contains(try v("best_epoch")), "seed \(seed)")
        #expect((0.999...1.001).contains(try v("corner_weight_ratio")))
        #expect((0.2...0.8).contains(try v("squared_weights_ratio")))
        let (gap, drop) = (try v("gap_reduction"), try v("validation_loss_drop"))
        #expect((0.1...20).contains(gap), "seed \(seed): \(gap)")
        #expect((0.01...1).contains(drop), "seed \(seed): \(drop)")
        #expect((75...92).contains(try v("test_accuracy_large")))
        #expect((77...93).contains(try v("test_accuracy_dropout")))
        #expect((97...100).contains(try v("train_accuracy_dropout")))
    }
}
