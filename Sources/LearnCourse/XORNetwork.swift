import LearnCore

/// A 2-2-1 network of threshold units with no biases (the Week 10 deck's "Assumes w0 = 0") that computes
/// XOR: hidden z̄_j = w_1j·x1 + w_2j·x2, z_j = f(z̄_j); output ȳ = w_1·z1 + w_2·z2, ŷ = f(ȳ), with f the
/// Week 10 deck's sign (+1 where ≥ 0, else −1) or the ULB deck's unit step (1 where ≥ 0, else 0).
public enum XORNetwork: Derivation {
    public static let name = "xor-network"
    public static let summary = "A 2-2-1 threshold network with w0 = 0 (the deck's sign or the ULB step) worked on all four inputs, with its decision regions."
    public static let sections = ["network", "regions"]
    public static let parameters: [Parameter] = [
        .choice("activation", "sign", ["sign", "step"], "f: the Week 10 deck's sign (±1) or the ULB deck's unit step (0/1)"),
        .number("w11", 1, "weight from x1 to hidden unit 1", in: -1e3...1e3),
        .number("w21", -1, "weight from x2 to hidden unit 1", in: -1e3...1e3),
        .number("w12", -1, "weight from x1 to hidden unit 2", in: -1e3...1e3),
        .number("w22", 1, "weight from x2 to hidden unit 2", in: -1e3...1e3),
        .number("wo1", -1, "weight from hidden unit 1 to the output", in: -1e3...1e3),
        .number("wo2", -1, "weight from hidden unit 2 to the output", in: -1e3...1e3),
    ]

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let sign = p.choice("activation") == "sign"
        let low: Double = sign ? -1 : 0
        let fname = sign ? "sign" : "step"
        func f(_ z: Double) -> Double { z >= 0 ? 1 : low }
        let names = ["a", "b", "c", "d"]
        let w = ["w11", "w21", "w12", "w22", "wo1", "wo2"]
        var sheet = Worksheet(inputs: Dictionary(uniqueKeysWithValues: w.map { ($0, p[$0]) }))
        let samples = PerceptronTraining.samples("XOR").map { (x1: $0.x1, x2: $0.x2, y: $0.y > 0 ? 1 : low) }
        func forward(_ x1: Double, _ x2: Double) -> (zbar: [Double], z: [Double], ybar: Double, y: Double) {
            let zbar = [p["w11"] * x1 + p["w21"] * x2, p["w12"] * x1 + p["w22"] * x2]
            let z = zbar.map(f)
            let ybar = p["wo1"] * z[0] + p["wo2"] * z[1]
            return (zbar, z, ybar, f(ybar))
        }

        sheet.section("network")
        var correct = 0
        var rows: [[TraceTable.Cell]] = []
        for (k, s) in samples.enumerated() {
            let n = names[k], r = forward(s.x1, s.x2)
            let x1: Formula = .number(s.x1), x2: Formula = .number(s.x2)
            for j in 1...2 {
                sheet.derive("zbar\(j)(\(n))", .sum([.product([.symbol("w1\(j)"), x1]), .product([.symbol("w2\(j)"), x2])]),
                             value: r.zbar[j - 1])
                sheet.derive("z\(j)(\(n))", .function(fname, [.symbol("zbar\(j)(\(n))")]), value: r.z[j - 1])
            }
            sheet.derive("ybar(\(n))", .sum([.product(["wo1", .symbol("z1(\(n))")]), .product(["wo2", .symbol("z2(\(n))")])]),
                         value: r.ybar)
            sheet.derive("yhat(\(n))", .function(fname, [.symbol("ybar(\(n))")]), value: r.y,
                         note: "Sample \(n) = (\(Int(s.x1)), \(Int(s.x2))): XOR wants \(NumberFormat().string(s.y)); the network says \(NumberFormat().string(r.y))\(r.y == s.y ? "." : " — wrong.")")
            if r.y == s.y { correct += 1 }
            rows.append([.text(n), .number(s.x1), .number(s.x2), .number(r.z[0]), .number(r.z[1]), .number(r.ybar),
                         .number(r.y), .number(s.y)])
        }
        sheet.add(TraceTable(title: "The network on the XOR table (f = \(fname))", columns: ["", "x1", "x2", "z1", "z2", "ȳ", "ŷ", "y"],
                             rows: rows))
        sheet.record("correct", Double(correct))
        sheet.note(correct == 4 ? "All four samples right: the network computes XOR."
                   : "\(correct) of 4 samples right: with these weights and f = \(fname) the network does not compute XOR.")

        sheet.section("regions")
        sheet.add(PerceptronMap.single("The network's ŷ on the plane (f = \(fname))", samples: samples.map { ($0.x1, $0.x2, $0.y > 0 ? 1 : -1) },
                                       regionNames: ["ŷ = \(NumberFormat().string(low))", "ŷ = +1"],
                                       sampleNames: ["y = \(NumberFormat().string(low))", "y = +1"]) { x1, x2 in
            forward(x1, x2).y > 0 ? 1 : 0
        })
        return sheet.trace
    }
}
