import Foundation

/// An independent implementation of the 2-2-2 example for the tests: plain Double arithmetic, the
/// formulas of Mazur's post written out, nothing shared with the engine.
struct Reference222 {
    var i = [0.05, 0.10], w = [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]
    var b1 = 0.35, b2 = 0.60, t = [0.01, 0.99], eta = 0.5

    static func sigma(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    struct Forward { var netH: [Double], outH: [Double], netO: [Double], outO: [Double], eO: [Double], total: Double }

    func forward() -> Forward {
        let netH1: Double = w[0] * i[0] + w[1] * i[1] + b1
        let netH2: Double = w[2] * i[0] + w[3] * i[1] + b1
        let netH = [netH1, netH2]
        let outH = netH.map(Self.sigma)
        let netO1: Double = w[4] * outH[0] + w[5] * outH[1] + b2
        let netO2: Double = w[6] * outH[0] + w[7] * outH[1] + b2
        let netO = [netO1, netO2]
        let outO = netO.map(Self.sigma)
        let eO = [0.5 * pow(t[0] - outO[0], 2), 0.5 * pow(t[1] - outO[1], 2)]
        return Forward(netH: netH, outH: outH, netO: netO, outO: outO, eO: eO, total: eO[0] + eO[1])
    }

    /// ∂E_total/∂w1…w8 at the current weights.
    func gradients() -> [Double] {
        let f = forward()
        let deltaO = (0..<2).map { (k: Int) -> Double in
            let o: Double = f.outO[k]
            return -(t[k] - o) * o * (1 - o)
        }
        // w5, w6 → o1 from h1, h2; w7, w8 → o2 from h1, h2.
        var g = Array(repeating: 0.0, count: 8)
        g[4] = deltaO[0] * f.outH[0]; g[5] = deltaO[0] * f.outH[1]
        g[6] = deltaO[1] * f.outH[0]; g[7] = deltaO[1] * f.outH[1]
        // The hidden deltas use the original w5…w8 (g is not applied yet).
        let backH1: Double = deltaO[0] * w[4] + deltaO[1] * w[6]
        let backH2: Double = deltaO[0] * w[5] + deltaO[1] * w[7]
        let deltaH: [Double] = [backH1 * f.outH[0] * (1 - f.outH[0]), backH2 * f.outH[1] * (1 - f.outH[1])]
        g[0] = deltaH[0] * i[0]; g[1] = deltaH[0] * i[1]; g[2] = deltaH[1] * i[0]; g[3] = deltaH[1] * i[1]
        return g
    }

    mutating func update() {
        let g = gradients()
        for k in 0..<8 { w[k] -= eta * g[k] }
    }
}
