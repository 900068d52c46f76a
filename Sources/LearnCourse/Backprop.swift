import LearnCore
import LearnScalar

/// The Kuzovkin deck's 2-2-2 backpropagation example (from Matt Mazur's "A Step by Step
/// Backpropagation Example"): the forward pass, the error, the backward pass for all eight weights,
/// the updated weights, the error after one update and after many.
///
/// Biases are not updated (the deck's convention); `biases=layer` or `biases=neuron` shows what the
/// other conventions give. The errata section reproduces the deck's printed numbers (see `Backprop+Errata`).
public enum Backprop: Derivation {
    public static let name = "backprop"
    public static let summary = "The Kuzovkin deck's 2-2-2 example (Mazur's): the forward pass, the error, every gradient and update, the error after one and after many updates, the network drawn with its gradients, and which computation produced each of the deck's wrong numbers."
    public static let sections = ["forward", "error", "output-layer", "hidden-layer", "network", "after-one", "training", "errata", "biases"]

    static let weightNames = (1...8).map { "w\($0)" }
    static let defaultWeights = [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]

    public static let parameters: [Parameter] = [
        .number("i1", 0.05, "input i1"), .number("i2", 0.10, "input i2"),
    ] + zip(weightNames, defaultWeights).map { .number($0, $1, "weight \($0)") } + [
        .number("b1", 0.35, "bias of the hidden layer (both hidden neurons)"),
        .number("b2", 0.60, "bias of the output layer (both output neurons)"),
        .number("target_o1", 0.01, "target of o1"), .number("target_o2", 0.99, "target of o2"),
        .number("eta", 0.5, "learning rate η", in: 0...100),
        .count("steps", 10_000, "number of training updates", in: 0...200_000),
        .choice("biases", "frozen", ["frozen", "layer", "neuron"],
                "whether biases are trained: frozen (the deck), one per layer, one per neuron"),
    ]

    /// The network with the parameters' weights; `biases` decides whether b1, b2 are shared and trained.
    static func network(_ p: Parameters, biases: String) -> Network {
        let w = weightNames.map { Value(p[$0], name: $0) }
        let shared = biases != "neuron"
        let b1 = Value(p["b1"], name: "b1"), b2 = Value(p["b2"], name: "b2")
        let hidden = Layer([
            Neuron(name: "h1", weights: [w[0], w[1]], bias: b1),
            Neuron(name: "h2", weights: [w[2], w[3]], bias: shared ? b1 : Value(p["b1"], name: "b1_h2")),
        ])
        let output = Layer([
            Neuron(name: "o1", weights: [w[4], w[5]], bias: b2),
            Neuron(name: "o2", weights: [w[6], w[7]], bias: shared ? b2 : Value(p["b2"], name: "b2_o2")),
        ])
        return Network([hidden, output], updatesBiases: biases != "frozen")
    }

    /// One forward pass and the error: the values a trace shows.
    struct Pass {
        let hidden: (nets: [Value], outs: [Value])
        let output: (nets: [Value], outs: [Value])
        let errors: [Value]
        let total: Value
    }

    static func forward(_ net: Network, _ p: Parameters) -> Pass {
        let inputs = [Value(p["i1"], name: "i1"), Value(p["i2"], name: "i2")]
        let layers = net.forward(inputs)
        let targets = [Value(p["target_o1"], name: "target_o1"), Value(p["target_o2"], name: "target_o2")]
        let (errors, total) = squaredError(outputs: layers[1].outs, targets: targets, names: ["E_o1", "E_o2"])
        return Pass(hidden: layers[0], output: layers[1], errors: errors, total: total.named("E_total"))
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        var inputs: [String: Double] = [:]
        for q in parameters where q.name != "biases" { inputs[q.name] = p[q.name] }
        var sheet = Worksheet(inputs: inputs)
        let biases = p.choice("biases")
        let net = network(p, biases: biases)
        let pass = forward(net, p)
        pass.total.backward()

        sheet.section("forward")
        for k in 0..<2 { sheet.show(pass.hidden.nets[k]); sheet.show(pass.hidden.outs[k]) }
        for k in 0..<2 { sheet.show(pass.output.nets[k]); sheet.show(pass.output.outs[k]) }

        sheet.section("error")
        sheet.show(pass.errors[0]); sheet.show(pass.errors[1]); sheet.show(pass.total)

        outputLayer(&sheet, net, pass, eta: p["eta"])
        hiddenLayer(&sheet, net, pass, eta: p["eta"])
        drawing(&sheet, net, pass, p)
        training(&sheet, net, p)
        errata(&sheet, p)
        return sheet.trace
    }
}
