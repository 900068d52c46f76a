import Testing
import LearnCore
@testable import LearnCourse

/// The deck's perceptron rule beside scikit-learn's `Perceptron` (loss max(0, −y·v), step η₀·y·x when
/// y·v ≤ 0, stopping after 5 epochs whose summed loss did not beat the best by tol·n).
@Suite struct SklearnPerceptronTests {
    /// scikit-learn's rule, written again from its description, on AND from w = 0, η₀ = 1, in order.
    /// By hand the epochs' (summed loss, weights after) are: 1: (1, (0, 1, 1)); 2: (1, (−1, 2, 1));
    /// 3: (2, (−2, 2, 1)); 4: (1, (−2, 2, 2)); 5: (0, (−2, 3, 2)) with two updates at v = 0;
    /// 6: (1, (−3, 3, 2)); 7: (0, (−3, 3, 3)); 8: (0, (−4, 3, 2)); 9 and 10 without a mistake.
    /// The counter of epochs without improvement: 0, 1, 2, 3, 0, 1, 2, 3, 4, 5 → it stops after epoch 10.
    @Test func andMatchesTheHandRun() throws {
        let t = try runDerivation(SklearnPerceptron.self)
        #expect(t.value("sk_updates") == 18)   // 2 + 3 + 3 + 2 + 2 + 3 + 2 + 1
        #expect(t.value("sk_clean") == 9)
        #expect(t.value("sk_epochs") == 10)
        #expect([t.value("sk_w0"), t.value("sk_w1"), t.value("sk_w2")] == [-4, 3, 2])
    }

    /// The deck's rule as PerceptronTests' reference: AND takes 11 updates and is clean in epoch 6.
    @Test func theDecksRuleIsThePerceptronLessons() throws {
        let t = try runDerivation(SklearnPerceptron.self)
        let deck = try runDerivation(PerceptronTraining.self, ["gate": "AND"])
        #expect(t.value("deck_updates") == deck.value("updates"))
        #expect(t.value("deck_clean") == deck.value("epochs"))
        #expect(t.value("deck_updates") == 11)
        #expect(t.value("deck_clean") == 6)
        #expect([t.value("deck_w0"), t.value("deck_w1"), t.value("deck_w2")] == [deck.value("w0"), deck.value("w1"), deck.value("w2")])
    }

    /// An independent loop for scikit-learn's rule, compared on every gate and a few learning rates.
    @Test(arguments: ["AND", "OR", "NAND", "NOR", "XOR"])
    func sklearnRuleAgreesWithAnIndependentLoop(_ gate: String) throws {
        let outputs: [String: [Double]] = ["AND": [-1, -1, -1, 1], "OR": [-1, 1, 1, 1], "NAND": [1, 1, 1, -1],
                                           "NOR": [1, -1, -1, -1], "XOR": [-1, 1, 1, -1]]
        let x: [(Double, Double)] = [(0, 0), (0, 1), (1, 0), (1, 1)]
        for eta in [1.0, 0.5] {
            var w = [0.0, 0.0, 0.0], best = Double.infinity, count = 0, epochs = 0, updates = 0
            while epochs < 1000 {
                epochs += 1
                var loss = 0.0
                for (k, y) in outputs[gate]!.enumerated() {
                    let v = w[0] + w[1] * x[k].0 + w[2] * x[k].1
                    loss += max(0, -y * v)
                    if y * v <= 0 { updates += 1; w[0] += eta * y; w[1] += eta * y * x[k].0; w[2] += eta * y * x[k].1 }
                }
                count = loss > best - 0.001 * 4 ? count + 1 : 0
                best = min(best, loss)
                if count >= 5 { break }
            }
            let t = try runDerivation(SklearnPerceptron.self, ["gate": gate, "eta": String(eta)])
            #expect(t.value("sk_epochs") == Double(epochs), "\(gate) η = \(eta)")
            #expect(t.value("sk_updates") == Double(updates), "\(gate) η = \(eta)")
            #expect([t.value("sk_w0"), t.value("sk_w1"), t.value("sk_w2")] == w, "\(gate) η = \(eta)")
        }
    }
}
