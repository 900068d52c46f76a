import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The `convolution` lesson's derivations, against sums, sizes and counts worked out here.
@Suite struct FeatureMapsTests {
    func run(_ settings: [String: String] = [:]) throws -> Trace {
        var p = Parameters(FeatureMaps.parameters)
        for (name, value) in settings { try p.set(name, to: value) }
        return try FeatureMaps.run(p)
    }

    /// The Week 10 deck's a_{i,j} = Σ w_{k,l} z_{i−k, j−l} against the cross-correlation Σ w_{k,l} z_{i+k, j+l},
    /// on the flip example written out here and worked with centred kernel offsets −1…1 (an indexing of
    /// its own): the convolution at centre (i, j) is Σ_{m,n} v(m, n)·z(i − m, j − n) with v(m, n) the kernel
    /// entry at offset (m, n) from its centre.
    @Test func theDecksConvolutionIsCrossCorrelationWithTheKernelTurned() throws {
        let t = try run()
        let z: [[Double]] = [[3, 0, 2, 1], [0, 1, 3, 0], [2, 1, 0, 1], [1, 2, 1, 0]]
        let v: [[Double]] = [[1, 2, 0], [0, 1, 0], [0, 0, -1]]
        func kernel(_ m: Int, _ n: Int) -> Double { v[m + 1][n + 1] }
        for ci in 1...2 {
            for cj in 1...2 {
                var correlation = 0.0, convolution = 0.0
                for m in -1...1 {
                    for n in -1...1 {
                        correlation += kernel(m, n) * z[ci + m][cj + n]
                        convolution += kernel(m, n) * z[ci - m][cj - n]
                    }
                }
                // Centre (ci, cj) is output (ci − 1, cj − 1) of the cross-correlation, and the deck's a at
                // i = ci + 1, j = cj + 1 (its kernel indices run 0…2, so its window ends at (i, j)).
                #expect(t.value("correlation_\(ci - 1),\(cj - 1)") == correlation)
                #expect(t.value("convolution_\(ci + 1),\(cj + 1)") == convolution)
            }
        }
        // Worked by hand: correlation [[4, 6], [2, 7]], convolution [[0, 4], [6, 1]].
        #expect([t.value("correlation_0,0"), t.value("correlation_0,1"), t.value("correlation_1,0"), t.value("correlation_1,1")] == [4, 6, 2, 7])
        #expect([t.value("convolution_2,2"), t.value("convolution_2,3"), t.value("convolution_3,2"), t.value("convolution_3,3")] == [0, 4, 6, 1])
        #expect(t.value("flip_difference") == 0)
        #expect(t.value("flip_gap") == 6)
        // The lesson's diagonal detector is its own half turn: both ways give the same map.
        #expect(t.value("diagonal_flip_gap") == 0 && t.value("diagonal_symmetric") == 1)
    }

    /// The lesson's input, written out: the diagonal from (1, 1) and the bar in row 4.
    static let input: [[Double]] = [
        [0, 0, 0, 0, 0, 0, 0],
        [0, 1, 0, 0, 0, 0, 0],
        [0, 0, 1, 0, 0, 0, 0],
        [0, 0, 0, 1, 0, 0, 0],
        [0, 1, 1, 1, 1, 1, 0],
        [0, 0, 0, 0, 0, 1, 0],
        [0, 0, 0, 0, 0, 0, 1],
    ]
    static let kernel: [[Double]] = [[1, -0.5, -0.5], [-0.5, 1, -0.5], [-0.5, -0.5, 1]]

    /// Cross-correlation with `p` zeros of padding, by plain loops.
    func correlate(_ x: [[Double]], _ w: [[Double]], padding p: Int = 0) -> [[Double]] {
        let (n, k) = (x.count, w.count), out = n + 2 * p - k + 1
        return (0..<out).map { r in (0..<out).map { c in
            var s = 0.0
            for a in 0..<k { for b in 0..<k {
                let (i, j) = (r + a - p, c + b - p)
                if i >= 0 && i < n && j >= 0 && j < n { s += w[a][b] * x[i][j] }
            } }
            return s
        } }
    }

    @Test func theSevenBySevenExample() throws {
        let t = try run()
        #expect(FeatureMaps.picture(size: 7) == Self.input.flatMap { $0 })
        let y = correlate(Self.input, Self.kernel)
        #expect(y.count == 5 && t.value("out_valid") == 5 && t.value("engine_rows") == 5)
        let values = y.flatMap { $0 }
        #expect(t.value("map_max") == values.max())
        #expect(y[1][1] == 3 && t.value("y_1,1") == 3)                 // the clean diagonal: 1 + 1 + 1
        #expect(t.value("map_second") == 2.5)                           // (4, 4): 3 minus ½ for the bar's pixel
        #expect(values.sorted(by: >)[1] == 2.5)
        #expect(t.value("max_possible") == 3 && t.value("kernel_norm_squared") == 4.5)   // 3·1 + 6·¼
        #expect(t.value("engine_difference")! <= 1e-6)
        let same = correlate(Self.input, Self.kernel, padding: 1)
        #expect(same.count == 7 && t.value("out_same") == 7 && t.value("padding_width") == 1 && t.value("engine_same_rows") == 7)
        #expect(t.value("engine_same_difference")! <= 1e-6)
    }

    @Test func channelsAndParameterCounts() throws {
        let t = try run()
        // Map 1 at (0, 0): Σ over the three channels of the 3 × 3 products, plus the bias ½.
        let kernels = FeatureMaps.channelKernels(maps: 2, channels: 3, k: 3)
        var y = 0.5
        for c in 0..<3 {
            let x = FeatureMaps.channel(c, size: 7)
            for a in 0..<3 { for b in 0..<3 { y += kernels[0][c][a * 3 + b] * x[a * 7 + b] } }
        }
        #expect(abs(t.value("y1_0,0")! - y) <= 1e-12)
        #expect(t.value("weights") == 54 && t.value("parameters") == 56)     // 3·3·3·2 (+ 2)
        #expect(t.value("maps_out") == 2 && t.value("maps_rows") == 5)
        #expect(t.value("keras1_parameters") == 1792)                        // 3·3·3·64 + 64
        #expect(t.value("keras2_parameters") == 18464)                       // 3·3·64·32 + 32
        #expect(t.value("keras1_size") == 256 && t.value("keras2_size") == 256 && t.value("keras2_maps") == 32)
        let other = try run(["size": "10", "kernel": "5", "channels": "4", "maps": "3"])
        #expect(other.value("out_valid") == 6 && other.value("out_same") == 10 && other.value("padding_width") == 2)
        #expect(other.value("parameters") == Double(5 * 5 * 4 * 3 + 3))
        #expect(other.value("max_possible") == 5)                            // the diagonal of a 5 × 5 detector
        let even = try run(["kernel": "4"])
        #expect(even.value("out_same") == nil && even.value("out_valid") == 4)
        #expect(throws: DerivationError.self) { try run(["size": "5", "kernel": "7"]) }
    }
}

@Suite struct AlexNetParametersTests {
    @Test func thePapersNetworkCountedByHand() throws {
        let t = try AlexNet.run(Parameters(AlexNet.parameters))
        // (kernel, depth seen by each kernel, kernels) for the grouped network; dense (in, out).
        let convolutions = [(11, 3, 96), (5, 48, 256), (3, 256, 384), (3, 192, 384), (3, 192, 256)]
        let dense = [(9216, 4096), (4096, 4096), (4096, 1000)]
        let total = convolutions.reduce(0) { $0 + $1.0 * $1.0 * $1.1 * $1.2 + $1.2 } + dense.reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
        #expect(total == 60_965_224)
        #expect(t.value("parameters") == Double(total))
        #expect(t.value("weights_without_biases") == Double(total - (96 + 256 + 384 + 384 + 256 + 4096 + 4096 + 1000)))
        // Without the two-GPU split, conv2, conv4 and conv5 see all 96, 384 and 384 maps.
        let ungrouped = total + 5 * 5 * 48 * 256 + 3 * 3 * 192 * 384 + 3 * 3 * 192 * 256
        #expect(t.value("parameters_ungrouped") == Double(ungrouped) && ungrouped == 62_378_344)
        #expect(t.value("fc6_weights") == Double(6 * 6 * 256 * 4096))
        #expect(t.value("conv1_size") == 55 && t.value("pool1_size") == 27 && t.value("pool2_size") == 13 && t.value("pool3_size") == 6)
        #expect(t.value("neurons") == Double(55 * 55 * 96 + 27 * 27 * 256 + 2 * 13 * 13 * 384 + 13 * 13 * 256 + 4096 + 4096 + 1000))
        // The pooling outputs, left out of `neurons`: 27·27·96, 13·13·256 and 6·6·256.
        #expect(t.value("neurons_with_pooling") == Double(659_272 + 27 * 27 * 96 + 13 * 13 * 256 + 6 * 6 * 256))
        #expect(t.value("neurons_with_pooling") == 781_736)
        #expect(t.value("conv1_from_224") == 54.25)
        var p = Parameters(AlexNet.parameters)
        try p.set("classes", to: "10")
        #expect(try AlexNet.run(p).value("fc8_parameters") == 4096 * 10 + 10)
    }
}

@Suite struct DrawnPrewittTests {
    func run(_ digit: String) throws -> Trace {
        var p = Parameters(PrewittDrawn.parameters)
        try p.set("digit", to: digit)
        return try PrewittDrawn.run(p)
    }

    @Test(arguments: ["seven", "zero", "one"])
    func theStrongestResponsesByLoops(digit: String) throws {
        let t = try run(digit)
        let x = PrewittDrawn.image(digit: digit, width: 1.5).map { Double($0) / 255 }
        func strongest(_ k: [Double]) -> Double {
            var best = 0.0
            for r in 0..<26 { for c in 0..<26 {
                var s = 0.0
                for a in 0..<3 { for b in 0..<3 { s += k[a * 3 + b] * x[(r + a) * 28 + c + b] } }
                best = max(best, abs(s))
            } }
            return best
        }
        #expect(abs(t.value("vertical_max")!) == strongest([-1, 0, 1, -1, 0, 1, -1, 0, 1]))
        #expect(abs(t.value("horizontal_max")!) == strongest([-1, -1, -1, 0, 0, 0, 1, 1, 1]))
        #expect(t.value("ink_pixels") == Double(x.filter { $0 > 0 }.count))
        #expect(t.value("output_rows") == 26 && t.value("pooled_rows") == 13)
    }

    @Test func theSevensTopBarIsThreeRowsOfInk() {
        let x = PrewittDrawn.image(digit: "seven", width: 1.5)
        // The bar from (6, 7) to (6, 20), 1.5 pixels either side: rows 5…7 (row 4.5 and 7.5 are outside).
        for row in 5...7 { #expect(x[row * 28 + 10] == 255) }
        #expect(x[4 * 28 + 10] == 0 && x[8 * 28 + 10] == 0)
    }
}

@Suite struct SharedWeightsTests {
    @Test func theSumIsTheSharedWeightsDerivative() throws {
        let t = try SharedWeights.run(Parameters(SharedWeights.parameters))
        // y = σ(0.3·1 + 0.3·0.5 − 0.1) = σ(0.35); E = ½(1 − y)².
        func e(_ w: Double) -> Double { let y = 1 / (1 + exp(-(w * 1.5 - 0.1))); return 0.5 * (1 - y) * (1 - y) }
        let y = 1 / (1 + exp(-0.35))
        let g = -(1 - y) * y * (1 - y)
        #expect(abs(t.value("dE/dw1")! - g) <= 1e-15)
        #expect(abs(t.value("dE/dw2")! - 0.5 * g) <= 1e-15)
        // dE/dw of the tied function by a five-point stencil (independent of the lesson's central difference).
        let h = 1e-3
        let slope = (-e(0.3 + 2 * h) + 8 * e(0.3 + h) - 8 * e(0.3 - h) + e(0.3 - 2 * h)) / (12 * h)
        #expect(abs(t.value("sum")! - slope) <= 1e-10)
        #expect(abs(t.value("w+")! - (0.3 - 0.5 * 1.5 * g)) <= 1e-15)
        #expect(abs(t.value("untied_gap")! - 0.5 * 0.5 * abs(g)) <= 1e-15)
    }
}
