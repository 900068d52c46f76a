import Foundation
import Testing
import LearnCore
import LearnData
@testable import LearnCourse

/// The `mnist-cnn` lesson's derivations, against sums and counts worked out here.
@Suite struct PrewittEdgesTests {
    static let data = SyntheticDigits.dataset()

    func run(index: Int) throws -> Trace {
        var p = Parameters(Prewitt.parameters)
        try p.set("index", to: String(index))
        return try Prewitt.run(p, data: Self.data)
    }

    /// The valid cross-correlation of image `index` with a 3 × 3 kernel, by plain loops: 26 × 26.
    func response(_ index: Int, _ kernel: [Double]) -> [[Double]] {
        let x = SyntheticDigits.image(index).map { Double($0) / 255 }
        return (0..<26).map { r in
            (0..<26).map { c in
                var sum = 0.0
                for a in 0..<3 { for b in 0..<3 { sum += kernel[a * 3 + b] * x[(r + a) * 28 + c + b] } }
                return sum
            }
        }
    }

    @Test(arguments: [0, 4, 9])
    func theTracedSumsAreTheStrongestResponses(index: Int) throws {
        let t = try run(index: index)
        for (name, symbol, kernel) in [("vertical", "Gx", [-1.0, 0, 1, -1, 0, 1, -1, 0, 1]), ("horizontal", "Gy", [-1.0, -1, -1, 0, 0, 0, 1, 1, 1])] {
            let map = response(index, kernel)
            let strongest = map.flatMap { $0 }.map(abs).max()!
            // The step is named after its position, Gx_r,c; find it and check it against the loops.
            guard let step = t.names.first(where: { $0.hasPrefix(symbol + "_") }) else { Issue.record("no \(symbol) step"); continue }
            let position = step.dropFirst(symbol.count + 1).split(separator: ",").compactMap { Int($0) }
            #expect(abs(t.value(step)! - map[position[0]][position[1]]) <= 1e-12)
            #expect(abs(abs(t.value(step)!) - strongest) <= 1e-12)
            #expect(t.value("\(name)_max") == t.value(step))
            #expect(t.value("\(name)_difference")! <= 1e-6)
        }
    }

    @Test func aFullInkBarGivesThreeAtItsLeftEdge() throws {
        // Digit 0's bar fills columns 4 and 5 from row 7 (row 6 is fainter): Gx at (8, 2) covers columns 2…4,
        // so −(0 + 0 + 0) + (1 + 1 + 1) = 3, the largest a Prewitt kernel can give on 0…1 pixels.
        #expect(response(0, [-1, 0, 1, -1, 0, 1, -1, 0, 1])[8][2] == 3)
        let t = try run(index: 0)
        #expect(abs(t.value("vertical_max")!) == 3)
        #expect(t.value("output_rows") == 26)                           // 28 − 3 + 1
        #expect(t.value("output_size") == 26)
        #expect(t.value("pooled_rows") == 13)                           // (26 − 2)/2 + 1
        #expect(t.value("pooled_size") == 13)
    }
}

@Suite struct ConvolutionSizesTests {
    func run(_ settings: [String: String] = [:]) throws -> Trace {
        var p = Parameters(ConvSizes.parameters)
        for (name, value) in settings { try p.set(name, to: value) }
        return try ConvSizes.run(p)
    }

    @Test func paddingAndStride() throws {
        let t = try run()
        #expect(t.value("out_valid") == 26)                             // (28 + 0 − 3)/1 + 1
        #expect(t.value("out_same") == 28)                              // (28 + 2 − 3)/1 + 1
        #expect(t.value("out_full") == 30)                              // (28 + 4 − 3)/1 + 1
        #expect(t.value("deck_valid") == 5)                             // (7 − 3) + 1
        #expect(t.value("deck_same") == 7)
        let seven = try run(["size": "7"])
        #expect(seven.value("out_valid") == 5 && seven.value("out_same") == 7 && seven.value("out_full") == 9)
        let even = try run(["kernel": "4"])
        #expect(even.value("out_same") == nil)                          // no symmetric padding keeps the size
        #expect(even.value("out_valid") == 25 && even.value("out_full") == 31)
        let strided = try run(["stride": "2"])
        #expect(strided.value("out_valid") == 13)                       // ⌊(28 − 3)/2⌋ + 1
        #expect(strided.value("out_full") == 15)                        // (28 + 4 − 3)/2 + 1 = 15.5 → 15
        #expect(throws: DerivationError.self) { try run(["size": "5", "kernel": "7"]) }
    }

    @Test func theCourseCNNAndLeNet5Shapes() throws {
        let t = try run()
        for (name, size) in [("cnn_conv1", 30), ("cnn_pool1", 15), ("cnn_conv2", 13), ("cnn_pool2", 7), ("cnn_conv3", 5), ("cnn_pool3", 3),
                             ("cnn_dense_inputs", 128 * 3 * 3), ("cnn_dense_inputs_floor", 128 * 2 * 2),
                             ("lenet5_conv1", 28), ("lenet5_pool1", 14), ("lenet5_conv2", 10), ("lenet5_pool2", 5), ("lenet5_dense_inputs", 16 * 5 * 5)] {
            #expect(t.value(name) == Double(size), "\(name)")
        }
    }

    @Test func parameterCountsLayerByLayer() throws {
        let t = try run()
        let cnn = [("conv1", 3 * 3 * 1 * 32 + 32), ("conv2", 3 * 3 * 32 * 64 + 64), ("conv3", 3 * 3 * 64 * 128 + 128),
                   ("dense1", 1152 * 625 + 625), ("dense2", 625 * 10 + 10)]
        let lenet = [("conv1", 5 * 5 * 1 * 6 + 6), ("conv2", 5 * 5 * 6 * 16 + 16), ("dense1", 400 * 120 + 120),
                     ("dense2", 120 * 84 + 84), ("dense3", 84 * 10 + 10)]
        for (prefix, layers) in [("cnn", cnn), ("lenet5", lenet)] {
            for (layer, count) in layers { #expect(t.value("\(prefix)_\(layer)_parameters") == Double(count), "\(prefix) \(layer)") }
            #expect(t.value("\(prefix)_parameters") == Double(layers.reduce(0) { $0 + $1.1 }))
        }
        #expect(t.value("cnn_parameters") == 819_557)
        #expect(t.value("lenet5_parameters") == 61_706)
        #expect(t.value("cnn_weights_without_biases") == Double(288 + 18_432 + 73_728 + 720_000 + 6_250))
    }
}

@Suite struct MaxPoolingTests {
    func run(_ settings: [String: String] = [:]) throws -> Trace {
        var p = Parameters(MaxPooling.parameters)
        for (name, value) in settings { try p.set(name, to: value) }
        return try MaxPooling.run(p)
    }

    @Test func theCS231nExample() throws {
        let t = try run()
        // [1 1 2 4; 5 6 7 8; 3 2 1 0; 1 2 3 4] → [6 8; 3 4].
        #expect(t.value("m_1,1") == 6 && t.value("m_1,2") == 8 && t.value("m_2,1") == 3 && t.value("m_2,2") == 4)
        #expect(t.value("zero_gradients") == 12)                        // 16 inputs, 4 maxima
        #expect(t.value("gradient_sum") == t.value("upstream_sum"))
        #expect(t.value("engine_difference")! <= 1e-7)
        #expect(t.value("ragged_floor") == 2 && t.value("ragged_ceil") == 3)
    }

    @Test func overlappingWindows() throws {
        let t = try run(["window": "3", "stride": "1"])
        #expect(t.value("output_rows") == 2)                            // (4 − 3)/1 + 1
        #expect(t.value("m_1,1") == 7)                                  // max of rows 1–3, columns 1–3
        #expect(t.value("m_2,2") == 8)                                  // max of rows 2–4, columns 2–4
        // 8 is the maximum of two windows: its input gets both gradients, and the total is still conserved.
        #expect(abs(t.value("gradient_sum")! - t.value("upstream_sum")!) <= 1e-15)
    }
}

@Suite struct ConvolutionBackwardTests {
    func run(eta: Double = 0.1) throws -> Trace {
        var p = Parameters(ConvBackward.parameters)
        try p.set("eta", to: String(eta))
        return try ConvBackward.run(p)
    }

    @Test func theNumbersByHand() throws {
        let t = try run()
        // y₁₁ = −0.2·0.5 + 0.3·1 + 0.4·1 − 0.1·1 − 0.3·0.5 + 0.2·1 + 0.1·0.5 = 0.6
        #expect(abs(t.value("y_1,1")! - 0.6) <= 1e-15)
        // y = [0.6 0.2; 0.25 −0.05], t = [1 0; 0 1]: E = ½(0.16 + 0.04 + 0.0625 + 1.1025) = 0.6825
        #expect(abs(t.value("E")! - 0.6825) <= 1e-15)
        // ∂E/∂w₁₁ = δ₁₁x₁₁ + δ₁₂x₁₂ + δ₂₁x₂₁ + δ₂₂x₂₂ = −0.4·0 + 0.2·0.5 + 0.25·0 − 1.05·1 = −0.95
        #expect(abs(t.value("dE/dw_1,1")! + 0.95) <= 1e-15)
        // ∂E/∂w₂₂ = −0.4·1 + 0.2·1 + 0.25·1 − 1.05·0.5 = −0.475
        #expect(abs(t.value("dE/dw_2,2")! + 0.475) <= 1e-15)
        // ∂E/∂x₂₂ = −0.4·0.4 + 0.2·0 + 0.25·(−0.2) − 1.05·0.1 = −0.315
        #expect(abs(t.value("dE/dx_2,2")! + 0.315) <= 1e-15)
        #expect(abs(t.value("dE/dx_2,2_engine")! + 0.315) <= 1e-6)
        #expect(abs(t.value("w_1,1+")! - 0.195) <= 1e-15)               // 0.1 − 0.1·(−0.95)
    }

    /// Every weight's gradient by the sum over positions, written here with the output loop outside.
    @Test func everySharedWeightSumsOverItsFourPositions() throws {
        let t = try run()
        let x = ConvBackward.x, w = ConvBackward.w, target = ConvBackward.t
        var y = [Double](repeating: 0, count: 4)
        for o in 0..<4 { for k in 0..<9 { y[o] += w[k] * x[(o / 2 + k / 3) * 4 + o % 2 + k % 3] } }
        var gradient = [Double](repeating: 0, count: 9)
        for o in 0..<4 {
            let delta = y[o] - target[o]
            for k in 0..<9 { gradient[k] += delta * x[(o / 2 + k / 3) * 4 + o % 2 + k % 3] }
        }
        for k in 0..<9 { #expect(abs(t.value("dE/dw_\(k / 3 + 1),\(k % 3 + 1)")! - gradient[k]) <= 1e-15) }
        #expect(t.value("difference_max")! <= 1e-9)                     // central differences, h = 1e-4, of a quadratic
        #expect(t.value("engine_difference")! <= 1e-6)                  // Float32
        #expect(abs(t.value("central_difference")! - gradient[0]) <= 1e-9)
        #expect(t.value("E_after")! < t.value("E")!)
    }
}
