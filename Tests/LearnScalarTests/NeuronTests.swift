import Testing
import LearnCore
import LearnScalar

/// The forward pass of the Kuzovkin deck's 2-2-2 example, built from neurons.
@Suite struct NeuronTests {
    @Test func theFirstHiddenNeuronOfTheDeck() {
        let i1 = Value(0.05, name: "i1"), i2 = Value(0.10, name: "i2")
        let h1 = Neuron(name: "h1", weights: [Value(0.15, name: "w1"), Value(0.20, name: "w2")], bias: Value(0.35, name: "b1"))
        let (net, out) = h1([i1, i2])
        // Deck: net_h1 = w1 * i1 + w2 * i2 + b1 * 1 = 0.15 * 0.05 + 0.2 * 0.1 + 0.35 * 1 = 0.3775
        #expect(net.name == "net_h1")
        #expect(net.formula.plainText() == "w1·i1 + w2·i2 + b1")
        #expect(net.substitutedFormula.plainText() == "0.15·0.05 + 0.2·0.1 + 0.35")
        #expect(abs(net.data - 0.3775) < 1e-15)
        // Deck: out_h1 = 1/(1 + e^(−net_h1)) = 1/(1 + e^(−0.3775)) = 0.593269992
        #expect(out.formula.plainText() == "1/(1 + e^(-net_h1))")
        #expect(out.substitutedFormula.plainText() == "1/(1 + e^(-0.3775))")
        #expect(NumberFormat().string(out.data) == "0.593269992")
    }

    @Test func sharedBiasesAreOneParameter() {
        let b = Value(0.35, name: "b1")
        let layer = Layer([Neuron(name: "h1", weights: [Value(0.1)], bias: b),
                           Neuron(name: "h2", weights: [Value(0.2)], bias: b)])
        let trained = Network([layer], updatesBiases: true)
        let frozen = Network([layer], updatesBiases: false)
        #expect(trained.parameters.count == 3)
        #expect(frozen.parameters.count == 2)
    }

    @Test func descendMovesAgainstTheGradient() {
        let w = Value(0.4, name: "w")
        let net = Network([Layer([Neuron(name: "o", weights: [w], bias: Value(0), activation: .identity)])], updatesBiases: false)
        let out = net.forward([Value(2)]).last!.outs[0]
        let error = 0.5 * (1 - out).pow(2)
        error.backward()
        // ∂E/∂w = −(1 − 0.8)·2 = −0.4, so w moves up by η·0.4.
        net.descend(learningRate: 0.5)
        #expect(abs(w.data - 0.6) < 1e-15)
    }
}

@Suite struct DumpTests {
    @Test func aGraphDumpShowsEveryNodeOnce() {
        let x = Value(2, name: "x"), y = (x * x).named("y")
        y.backward()
        // y = x·x: dy/dx = 2x = 4, and x appears twice as an operand.
        #expect(y.dump() == """
            y multiply data=4 grad=1
              x leaf data=2 grad=4
              x (above)
            """)
    }
}

@Suite struct NamingTests {
    @Test func mazurNumbersTheWeightsThroughTheLayers() {
        let net = Network(sizes: [2, 2, 2], naming: .mazur) { _, _, _ in 0.1 }
        #expect(net.parameters.compactMap(\.name) == ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2"])
        let out = net.forward([Value(1), Value(1)])
        #expect(out[0].nets.map(\.name) == ["net_h1", "net_h2"])
        #expect(out[1].outs.map(\.name) == ["out_o1", "out_o2"])
    }

    @Test func drchalNamesWeightsByTheirEndsAndLayer() {
        let net = Network(sizes: [2, 3, 1], naming: .drchal) { m, j, k in Double(100 * m + 10 * j + k) }
        let names = net.parameters.compactMap(\.name)
        #expect(names.prefix(3) == ["w_11^1", "w_21^1", "w_12^1"])
        #expect(names.contains("w_31^2") && names.contains("w_01^2"))
        let w = net.layers[0].neurons[1].weights[0]
        #expect(w.name == "w_12^1" && w.data == 112)
        let out = net.forward([Value(1), Value(1)])
        #expect(out[1].nets[0].name == "s_1^2" && out[1].outs[0].name == "y_1^2")
    }
}
