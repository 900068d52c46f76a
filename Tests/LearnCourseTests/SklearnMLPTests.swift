import Testing
import LearnCore
@testable import LearnCourse

/// MLPClassifier's defaults in the tensor engine, on three seeded spirals.
@Suite struct SklearnMLPTests {
    @Test func theDefaultsGiveTheBatchAndTheEpochs() throws {
        let t = try runDerivation(SklearnMLP.self)
        // batch_size='auto' = min(200, n): 3 × 100 = 300 samples → 200; min(200, 3 × 50) = 150.
        #expect(t.value("samples") == 300)
        #expect(t.value("batch") == 200)
        #expect(try runDerivation(SklearnMLP.self, ["points": "50", "max_iter": "2"]).value("batch") == 150)
        // The first epoch's loss starts near ln 3 = 1.0986 (three classes, small random weights) and falls.
        let first = try #require(t.value("first_loss")), last = try #require(t.value("final_loss"))
        #expect(abs(first - 1.0986) < 0.1)
        #expect(last < first)
        #expect(t.value("epochs") == 200)
        #expect(t.value("converged") == 0)
        // Chance on three balanced classes is 1/3; even unconverged the network does better.
        #expect(try #require(t.value("accuracy")) > 0.5)
    }

    @Test func theTolRuleStopsAFlatLoss() throws {
        // With a learning rate of 1e-6 nothing moves by tol = 1e-4 in an epoch: the counter passes
        // n_iter_no_change = 10 after 11 epochs without improvement; the first epoch sets the best.
        let t = try runDerivation(SklearnMLP.self, ["rate": "0.000001"])
        #expect(t.value("converged") == 1)
        #expect(t.value("epochs") == 12)
    }

    @Test func theL2PenaltyShrinksTheWeights() throws {
        // α enters the epoch loss as (α/2)·Σw²/B: a huge α makes that term dominate and training pulls
        // the weights towards 0, so the loss is larger than without a penalty from the first epoch on.
        let plain = try runDerivation(SklearnMLP.self, ["alpha": "0", "max_iter": "5"])
        let heavy = try runDerivation(SklearnMLP.self, ["alpha": "10", "max_iter": "5"])
        #expect(try #require(heavy.value("first_loss")) > #require(plain.value("first_loss")))
    }
}
