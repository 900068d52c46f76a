import LearnCore
import Testing
@testable import LearnTensor

@Suite("Network")
struct NetworkTests {
    /// Dense 5 → 7 → Sigmoid → Dense 7 → 4 → Tanh → Dense 4 → 3, seeded.
    private func smallNetwork() -> Network {
        var generator = SplitMix64(seed: 17)
        return Network([
            Dense(name: "dense1", inputs: 5, outputs: 7, generator: &generator), Sigmoid(),
            Dense(name: "dense2", inputs: 7, outputs: 4, hasBias: false, generator: &generator), Tanh(),
            Dense(name: "dense3", inputs: 4, outputs: 3, initialization: .uniform(limit: 0.5), generator: &generator),
        ])
    }

    @Test("finite differences through the whole network and softmax cross-entropy")
    func gradientCheck() {
        let network = smallNetwork()
        for parameter in network.parameters where parameter.name.hasSuffix(".bias") {
            parameter.value = GradientCheck.randomTensor(parameter.value.shape, seed: 3)
        }
        let x = GradientCheck.randomTensor([3, 5], seed: 4), labels = [2, 0, 1]
        let loss = SoftmaxCrossEntropy()
        network.zeroGradients()
        let output = network.forward(x, training: true)
        let inputGradient = network.backward(loss(output, labels: labels).gradient)
        let wrong = GradientCheck().mismatches(input: x, inputGradient: inputGradient, parameters: network.parameters) {
            loss(network.forward($0, training: false), labels: labels).loss
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        // As a layer, with the projection loss.
        #expect(GradientCheck().mismatches(network, input: x).isEmpty)
    }

    @Test("backwardToParameters gives the same parameter gradients and restores the first layer's switch")
    func backwardToParameters() {
        let a = smallNetwork(), b = smallNetwork()
        let x = GradientCheck.randomTensor([3, 5], seed: 5), g = GradientCheck.randomTensor([3, 3], seed: 6)
        _ = a.forward(x, training: true)
        _ = a.backward(g)
        _ = b.forward(x, training: true)
        b.backwardToParameters(g)
        for (p, q) in zip(a.parameters, b.parameters) { #expect(p.gradient == q.gradient, "\(p.name)") }
        #expect((b.layers[0] as! Dense).computesInputGradient)

        // An input dropout before the first weights is not visited; the weights see the dropped input.
        let net = Network([Dropout(rate: 0.5, seed: 1), Dense(name: "d", inputs: 5, outputs: 3, seed: 2)])
        _ = net.forward(x, training: true)
        net.backwardToParameters(g)
        let reference = Dense(name: "d", inputs: 5, outputs: 3, seed: 2)
        _ = reference.forward(Dropout(rate: 0.5, seed: 1).forward(x, training: true), training: true)
        _ = reference.backward(g)
        #expect(net.parameters.map(\.gradient) == reference.parameters.map(\.gradient))
    }

    @Test("parameters in layer order, counts, summary lines")
    func summary() {
        let network = Network([
            Dense(name: "dense1", inputs: 784, outputs: 625, hasBias: false, seed: 1), Sigmoid(),
            Dense(name: "dense2", inputs: 625, outputs: 10, hasBias: false, seed: 2),
        ])
        #expect(network.parameters.map(\.name) == ["dense1.weight", "dense2.weight"])
        #expect(network.parameterCount == 784 * 625 + 625 * 10)
        #expect(network.summary == "Network: Dense 784 → 625, no bias; Sigmoid; Dense 625 → 10, no bias")
        #expect(network.summaryLines == [
            "Dense 784 → 625, no bias  490000 parameters",
            "Sigmoid                        0 parameters",
            "Dense 625 → 10, no bias     6250 parameters",
            "total                     496250 parameters",
        ])
    }
}
