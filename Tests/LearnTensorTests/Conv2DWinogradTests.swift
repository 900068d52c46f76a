import LearnCore
import Testing
@testable import LearnTensor

// Winograd F(2×2, 3×3) against the direct reference convolution. Its rounding error is not bounded by
// the 3 × 3 window's magnitudes, as the direct convolution's is, but by those of the whole 4 × 4 input
// tile (and, backward, of the 2 × 2 output-gradient tile): every transformed value is a ± combination
// of a tile's elements. The bounds below are derived in the test from the transform matrices (see
// `Conv2DWinograd.swift`): per axis, Σ_i |G_ia|·|A_ri|·|Bᵀ_ip| ≤ 2, so 4 in two dimensions.

private let epsilon = 0x1p-24

/// A tensor of `shape` with seeded uniform elements in [-1, 1).
private func randomTensor(_ shape: [Int], _ generator: inout SplitMix64) -> Tensor {
    Tensor(shape: shape, scalars: (0..<Tensor.count(of: shape)).map { _ in Float(generator.uniform(-1, 1)) })
}

/// One Winograd-eligible problem: input, weights, bias, output gradient, all seeded in [-1, 1).
private struct WinogradProblem: CustomStringConvertible {
    let input: Tensor, weight: Tensor, bias: Tensor, outputGradient: Tensor
    let geometry: Conv2DGeometry
    let padding: Int
    /// Σ|d| of every 4 × 4 input tile `[n][c][ty][tx]`, Σ|∂Y| of every 2 × 2 output tile `[n][o][ty][tx]`,
    /// Σ|w| of every filter `[o][c]`, all flattened.
    private var inputTiles: [Double] = [], gradientTiles: [Double] = [], filters: [Double] = []

    init(n: Int, c: Int, cOut: Int, h: Int, w: Int, padding: Int, seed: UInt64 = 5) {
        var generator = SplitMix64(seed: seed &+ UInt64(n * 7 + c * 31 + cOut * 131 + h * 1009 + w * 7919 + padding * 13))
        input = randomTensor([n, c, h, w], &generator)
        weight = randomTensor([cOut, c, 3, 3], &generator)
        bias = randomTensor([cOut], &generator)
        geometry = Conv2DGeometry(input: input.shape, weight: weight.shape, padding: .zeros(padding))
        outputGradient = randomTensor(geometry.outputShape, &generator)
        self.padding = padding
        // (Built in locals, then stored: appending to a property while calling a method of `self` is an
        // overlapping access.)
        let g = geometry
        var inputSums: [Double] = [], gradientSums: [Double] = [], filterSums: [Double] = []
        for n in 0..<g.batch {
            for c in 0..<g.inChannels {
                for ty in 0..<tilesY { for tx in 0..<tilesX { inputSums.append(sumOverInputTile(n, c, ty, tx)) } }
            }
            for o in 0..<g.outChannels {
                for ty in 0..<tilesY { for tx in 0..<tilesX { gradientSums.append(sumOverGradientTile(n, o, ty, tx)) } }
            }
        }
        for o in 0..<g.outChannels {
            for c in 0..<g.inChannels {
                filterSums.append((0..<9).reduce(0.0) { $0 + Double(abs(weight.scalars[(o * g.inChannels + c) * 9 + $1])) })
            }
        }
        (inputTiles, gradientTiles, filters) = (inputSums, gradientSums, filterSums)
    }

    func inputTileSum(_ n: Int, _ c: Int, _ ty: Int, _ tx: Int) -> Double {
        inputTiles[((n * geometry.inChannels + c) * tilesY + ty) * tilesX + tx]
    }
    func gradientTileSum(_ n: Int, _ o: Int, _ ty: Int, _ tx: Int) -> Double {
        gradientTiles[((n * geometry.outChannels + o) * tilesY + ty) * tilesX + tx]
    }
    func filterSum(_ o: Int, _ c: Int) -> Double { filters[o * geometry.inChannels + c] }

    var description: String { "\(geometry)" }

    /// |input| at (n, c, y, x) of the unpadded image, 0 outside.
    func inputMagnitude(_ n: Int, _ c: Int, _ y: Int, _ x: Int) -> Double {
        let g = geometry
        guard y >= 0, y < g.inputHeight, x >= 0, x < g.inputWidth else { return 0 }
        return Double(abs(input.scalars[((n * g.inChannels + c) * g.inputHeight + y) * g.inputWidth + x]))
    }

    /// |∂L/∂out| at (n, o, y, x), 0 outside the output.
    func gradientMagnitude(_ n: Int, _ o: Int, _ y: Int, _ x: Int) -> Double {
        let g = geometry
        guard y < g.outputHeight, x < g.outputWidth else { return 0 }
        return Double(abs(outputGradient.scalars[((n * g.outChannels + o) * g.outputHeight + y) * g.outputWidth + x]))
    }

    /// Σ|d| over the 4 × 4 input tile of output tile (ty, tx), channel c of image n.
    private func sumOverInputTile(_ n: Int, _ c: Int, _ ty: Int, _ tx: Int) -> Double {
        var sum = 0.0
        for p in 0..<4 { for q in 0..<4 { sum += inputMagnitude(n, c, 2 * ty + p - padding, 2 * tx + q - padding) } }
        return sum
    }

    /// Σ|∂Y| over the 2 × 2 output tile (ty, tx), channel o of image n.
    private func sumOverGradientTile(_ n: Int, _ o: Int, _ ty: Int, _ tx: Int) -> Double {
        var sum = 0.0
        for i in 0..<2 { for j in 0..<2 { sum += gradientMagnitude(n, o, 2 * ty + i, 2 * tx + j) } }
        return sum
    }

    var tilesY: Int { (geometry.outputHeight + 1) / 2 }
    var tilesX: Int { (geometry.outputWidth + 1) / 2 }

    /// `value(n, channel, y, x)` at every position of an `[N, channels, height, width]` tensor, in order.
    private func everyPosition(channels: Int, height: Int, width: Int, _ value: (Int, Int, Int, Int) -> Double) -> [Double] {
        var values: [Double] = []
        for n in 0..<geometry.batch {
            for channel in 0..<channels {
                for y in 0..<height { for x in 0..<width { values.append(value(n, channel, y, x)) } }
            }
        }
        return values
    }

    /// The Winograd bound on each output: 4 · (C + 16) · ε · (Σ_c Σ|w_oc| · Σ_tile |d_c| + |b_o|).
    func forwardBound() -> [Double] {
        let g = geometry
        return everyPosition(channels: g.outChannels, height: g.outputHeight, width: g.outputWidth) { n, o, y, x in
            var magnitude = Double(abs(bias.scalars[o]))
            for c in 0..<g.inChannels { magnitude += filterSum(o, c) * inputTileSum(n, c, y / 2, x / 2) }
            return 4 * Double(g.inChannels + 16) * epsilon * magnitude
        }
    }

    /// The bound on each ∂w[o, c, ·, ·]: 4 · (tiles + 16) · ε · Σ over the tiles of Σ|∂Y_o| · Σ|d_c|.
    func weightGradientBound() -> [Double] {
        let g = geometry
        var bound: [Double] = []
        let tiles = g.batch * tilesY * tilesX
        for o in 0..<g.outChannels {
            for c in 0..<g.inChannels {
                var magnitude = 0.0
                for n in 0..<g.batch {
                    for ty in 0..<tilesY { for tx in 0..<tilesX { magnitude += gradientTileSum(n, o, ty, tx) * inputTileSum(n, c, ty, tx) } }
                }
                bound += Array(repeating: 4 * Double(tiles + 16) * epsilon * magnitude, count: 9)
            }
        }
        return bound
    }

    /// The bound on each ∂input: 4 · (C' + 16) · ε · Σ over the (up to 4) tiles covering it of
    /// Σ_o Σ|w_oc| · Σ|∂Y_o|.
    func inputGradientBound() -> [Double] {
        let g = geometry
        return everyPosition(channels: g.inChannels, height: g.inputHeight, width: g.inputWidth) { n, c, y, x in
            var magnitude = 0.0
            // Tiles whose input rows 2·ty − P … 2·ty + 3 − P hold y (and columns x).
            for ty in 0..<tilesY where (0..<4).contains(y + padding - 2 * ty) {
                for tx in 0..<tilesX where (0..<4).contains(x + padding - 2 * tx) {
                    for o in 0..<g.outChannels { magnitude += filterSum(o, c) * gradientTileSum(n, o, ty, tx) }
                }
            }
            return 4 * Double(g.outChannels + 16) * epsilon * magnitude
        }
    }

    /// Forward and all three gradients by Winograd (with `plan`, or the default) against the reference;
    /// the entries outside their bounds.
    func check(plan: WinogradPlan? = nil) -> [String] {
        let plan = plan ?? WinogradPlan(geometry, maxThreads: 2)
        var wrong: [String] = []
        func compare(_ name: String, _ actual: Tensor, _ expected: Tensor, _ bound: [Double]) {
            precondition(actual.shape == expected.shape && bound.count == actual.count)
            for i in actual.scalars.indices where !(abs(Double(actual.scalars[i]) - Double(expected.scalars[i])) <= bound[i] + 1e-30) {
                wrong.append("\(name)[\(i)] \(actual.scalars[i]) vs \(expected.scalars[i])")
            }
        }
        let fast = conv2dWinograd(input, weight: weight, bias: bias, plan: plan, maxThreads: 2, workspace: nil)
        compare("forward", fast, conv2dReference(input, weight: weight, bias: bias, padding: .zeros(padding)), forwardBound())
        let gradients = conv2dWinogradBackward(outputGradient, input: input, weight: weight, plan: plan,
                                               computesInputGradient: true, maxThreads: 2, workspace: nil)
        let expected = conv2dReferenceBackward(outputGradient, input: input, weight: weight, padding: .zeros(padding))
        compare("∂input", gradients.input!, expected.input!, inputGradientBound())
        compare("∂weight", gradients.weight, expected.weight, weightGradientBound())
        let perBias = Double(geometry.batch * geometry.outputPlane + 2) * epsilon
        let biasBound = (0..<geometry.outChannels).map { o in
            perBias * (0..<geometry.batch).reduce(0.0) { sum, n in
                sum + (0..<geometry.outputHeight).reduce(0.0) { s, y in
                    s + (0..<geometry.outputWidth).reduce(0.0) { $0 + gradientMagnitude(n, o, y, $1) }
                }
            }
        }
        compare("∂bias", gradients.bias, expected.bias, biasBound)
        return wrong
    }
}

@Suite("conv2d by Winograd F(2×2, 3×3) against conv2dReference")
struct Conv2DWinogradTests {
    @Test("the transforms by hand: one 4 × 4 tile of small integers gives the direct 2 × 2 correlation exactly")
    func oneTileByHand() {
        // d and g of small integers: every transformed value is a multiple of ½ below 2¹², so Float holds
        // each step exactly and the result must equal the direct correlation to the bit.
        let d: [Float] = [1, 2, 0, -1,
                          3, -2, 1, 4,
                          0, 1, 5, -3,
                          2, 2, -1, 1]
        let g: [Float] = [1, 0, -1,
                          2, 1, 0,
                          -1, 3, 1]
        var direct = [Float](repeating: 0, count: 4)
        for i in 0..<2 {
            for j in 0..<2 {
                for a in 0..<3 { for b in 0..<3 { direct[2 * i + j] += d[(i + a) * 4 + (j + b)] * g[a * 3 + b] } }
            }
        }
        // By hand, row by row of the window: y00 = (1 + 0 + 0) + (6 − 2 + 0) + (0 + 3 + 5) = 13,
        // y01 = (2 + 0 + 1) + (−4 + 1 + 0) + (−1 + 15 − 3) = 11, y10 = (3 + 0 − 1) + (0 + 1 + 0) + (−2 + 6 − 1) = 6,
        // y11 = (−2 + 0 − 4) + (2 + 5 + 0) + (−2 − 3 + 1) = −3.
        #expect(direct == [13, 11, 6, -3])
        let input = Tensor(shape: [1, 8, 4, 4], scalars: (0..<8).flatMap { _ in d })
        let weight = Tensor(shape: [8, 8, 3, 3], scalars: (0..<64).flatMap { index in index % 9 == 0 ? g : [Float](repeating: 0, count: 9) })
        let geometry = Conv2DGeometry(input: input.shape, weight: weight.shape)
        #expect(geometry.usesWinograd)
        let out = conv2dWinograd(input, weight: weight, bias: nil, plan: WinogradPlan(geometry, maxThreads: 1), maxThreads: 1, workspace: nil)
        // Filter (o, c) is g when 8·o + c is a multiple of 9, i.e. (0, 0) and (1, 1), … (7, 7): each output
        // channel sees one copy of d.
        for o in 0..<8 { #expect(Array(out.scalars[(4 * o)..<(4 * o + 4)]) == direct, "channel \(o)") }
    }

    @Test("ragged shapes: odd and even sizes, padding 0, 1 and 2, forward and all three gradients within the tile bounds")
    func raggedShapes() {
        let shapes = [(2, 4), (4, 4), (5, 7), (7, 7), (6, 9), (9, 6), (15, 15), (13, 16)]
        var i = 0
        for (h, w) in shapes {
            for padding in [0, 1, 2] where h + 2 * padding >= 4 && w + 2 * padding >= 4 {
                i += 1
                let problem = WinogradProblem(n: [1, 2, 3][i % 3], c: [8, 16][i % 2], cOut: [8, 24, 16][i % 3], h: h, w: w, padding: padding)
                #expect(problem.geometry.usesWinograd)
                let wrong = problem.check()
                #expect(wrong.isEmpty, "\(problem): \(wrong.prefix(3))")
            }
        }
    }

    @Test("groups of 1, 2 and 3 images on two threads, ragged last groups; bit-identical from run to run")
    func groupsAndThreads() {
        let problem = WinogradProblem(n: 7, c: 8, cOut: 16, h: 9, w: 8, padding: 1)
        for group in [1, 2, 3] {
            let plan = WinogradPlan(problem.geometry, maxThreads: 2, minimumMultiplyAddsPerThread: 1, group: group)
            #expect(plan.threads == 2 && plan.group == group)
            let wrong = problem.check(plan: plan)
            #expect(wrong.isEmpty, "group \(group): \(wrong.prefix(3))")
            let runs = (0..<2).map { _ in
                conv2dWinogradBackward(problem.outputGradient, input: problem.input, weight: problem.weight, plan: plan,
                                       computesInputGradient: true, maxThreads: 2, workspace: nil)
            }
            #expect(runs[0].weight == runs[1].weight && runs[0].bias == runs[1].bias && runs[0].input == runs[1].input)
        }
    }

    @Test("which convolutions take Winograd: 3 × 3, stride 1, channels multiples of 8 (the course CNN's conv2 and conv3)")
    func selection() {
        func uses(_ input: [Int], _ weight: [Int], stride: Int = 1, padding: ConvPadding = .valid) -> Bool {
            Conv2DGeometry(input: input, weight: weight, stride: stride, padding: padding).usesWinograd
        }
        #expect(!uses([128, 1, 28, 28], [32, 1, 3, 3], padding: .full))  // conv1: one channel in
        #expect(uses([128, 32, 15, 15], [64, 32, 3, 3]))                   // conv2
        #expect(uses([128, 64, 7, 7], [128, 64, 3, 3]))                    // conv3
        #expect(!uses([128, 32, 15, 15], [64, 32, 3, 3], stride: 2))
        #expect(!uses([128, 6, 14, 14], [16, 6, 5, 5]))                    // LeNet-5's conv2
        #expect(!uses([128, 12, 15, 15], [64, 12, 3, 3]))                  // 12 channels: not a multiple of 8
        #expect(!uses([2, 8, 3, 3], [8, 8, 3, 3]))                         // a 1 × 1 output
    }

    /// The measured forward error on the course CNN's conv2 and conv3 (4 images of uniform [-1, 1) data),
    /// in units of the direct convolution's own bound `(C·9 + 2) · 2⁻²⁴ · Σ|x·w|`.
    @Test("the error on the course's layers, stated: within 1/8 of the direct convolution's bound")
    func errorOnTheCourseLayers() {
        for (c, cOut, size) in [(32, 64, 15), (64, 128, 7)] {
            let problem = WinogradProblem(n: 4, c: c, cOut: cOut, h: size, w: size, padding: 0)
            let fast = conv2d(problem.input, weight: problem.weight, bias: problem.bias)
            let exact = conv2dReference(problem.input, weight: problem.weight, bias: problem.bias)
            let magnitude = conv2dReference(Tensor(shape: problem.input.shape, scalars: problem.input.scalars.map(abs)),
                                            weight: Tensor(shape: problem.weight.shape, scalars: problem.weight.scalars.map(abs)),
                                            bias: Tensor(shape: problem.bias.shape, scalars: problem.bias.scalars.map(abs)))
            let directBound = Double(9 * c + 2) * epsilon
            var worst = 0.0
            for i in fast.scalars.indices {
                worst = max(worst, abs(Double(fast.scalars[i]) - Double(exact.scalars[i])) / (directBound * Double(magnitude.scalars[i])))
            }
            // Measured (8 images): 0.0046 of the direct bound on conv2, 0.0023 on conv3, i.e. a few units in
            // the last place of the outputs' magnitudes; 1/8 leaves room for other data, and a wrong transform
            // would be off by whole terms, far more.
            #expect(worst <= 0.125, "C \(c) → \(cOut): error \(worst) of the direct bound")
        }
    }
}
