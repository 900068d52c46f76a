import LearnCore
import LearnScalar

/// Full-batch RPROP, where it works: the four variants on the 2-2-2 network of the backprop lesson,
/// beside plain gradient descent, epoch by epoch.
public enum RpropFullbatch: Derivation {
    public static let name = "rprop-fullbatch"
    public static let summary = "Rprop⁺, Rprop⁻, iRprop⁺, iRprop⁻ and gradient descent on the 2-2-2 network."
    public static let sections = ["fullbatch"]
    public static let parameters: [Parameter] = [
        .count("epochs", 10, "full-batch epochs", in: 1...10_000),
        .number("delta0", 0.1, "initial step Δ0", in: 1e-6...50),
        .number("eta", 0.5, "learning rate of plain gradient descent", in: 0...100),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let epochs = p.count("epochs")
        let base = Parameters(Backprop.parameters)
        var sheet = Worksheet()
        sheet.section("fullbatch")
        var columns: [[Double]] = []
        for variant in Rprop.Variant.allCases {
            let net = Backprop.network(base, biases: "frozen")
            var rprop = Rprop(count: net.parameters.count, variant: variant, initialStep: p["delta0"])
            var errors: [Double] = []
            for _ in 0...epochs {
                let error = Backprop.forward(net, base).total
                errors.append(error.data)
                error.backward()
                rprop.step(net.parameters, error: error.data)
            }
            columns.append(errors)
        }
        let net = Backprop.network(base, biases: "frozen")
        var descent: [Double] = []
        for _ in 0...epochs {
            let error = Backprop.forward(net, base).total
            descent.append(error.data)
            error.backward()
            net.descend(learningRate: p["eta"])
        }
        columns.append(descent)
        let names = Rprop.Variant.allCases.map(\.rawValue) + ["gd"]
        var rows: [[TraceTable.Cell]] = []
        for t in 0...epochs {
            rows.append([.text(String(t))] + columns.map { .number($0[t]) })
            for (name, column) in zip(names, columns) { sheet.record("E_\(t)_\(name)", column[t]) }
        }
        sheet.add(TraceTable(title: "E_total of the 2-2-2 network, full batch (Δ0 = \(NumberFormat().string(p["delta0"])))",
                             columns: ["epoch", "Rprop⁺", "Rprop⁻", "iRprop⁺", "iRprop⁻", "gradient descent"], rows: rows))
        return sheet.trace
    }
}
