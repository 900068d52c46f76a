import LearnCore
import Testing
@testable import LearnTensor

/// The naive oracle: every window scanned in row-major order, clipped at the edge, first maximum kept.
private func maxPoolReference(_ x: Tensor, window: Int, stride: Int, rounding: PoolRounding) -> (Tensor, [Int32]) {
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let oh = rounding.outputSize(input: h, window: window, stride: stride)
    let ow = rounding.outputSize(input: w, window: window, stride: stride)
    var out = Tensor(zeros: [n, c, oh, ow]), argmax: [Int32] = []
    for i in 0..<n {
        for j in 0..<c {
            for y in 0..<oh {
                for xo in 0..<ow {
                    var best = -Float.infinity, position = -1
                    for iy in (y * stride)..<min(y * stride + window, h) {
                        for ix in (xo * stride)..<min(xo * stride + window, w) where position < 0 || x[i, j, iy, ix] > best {
                            (best, position) = (x[i, j, iy, ix], iy * w + ix)
                        }
                    }
                    out[i, j, y, xo] = best
                    argmax.append(Int32(position))
                }
            }
        }
    }
    return (out, argmax)
}

/// Seeded values in [-1, 1) rounded to multiples of 1/8, so that windows often hold ties.
private func coarseTensor(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = SplitMix64(seed: seed)
    return Tensor(shape: shape, scalars: (0..<Tensor.count(of: shape)).map { _ in Float((generator.uniform(-1, 1) * 8).rounded(.down) / 8) })
}

@Suite("maxPool2D")
struct MaxPool2DTests {
    @Test("output sizes: floor drops a ragged edge, ceil (old Theano) keeps it")
    func sizes() {
        #expect(PoolRounding.floor.outputSize(input: 28, window: 2, stride: 2) == 14)
        #expect(PoolRounding.ceil.outputSize(input: 28, window: 2, stride: 2) == 14)
        #expect(PoolRounding.floor.outputSize(input: 13, window: 2, stride: 2) == 6)
        // Radford's conv net: 30 → 15, 13 → 7, 5 → 3.
        #expect(PoolRounding.ceil.outputSize(input: 30, window: 2, stride: 2) == 15)
        #expect(PoolRounding.ceil.outputSize(input: 13, window: 2, stride: 2) == 7)
        #expect(PoolRounding.ceil.outputSize(input: 5, window: 2, stride: 2) == 3)
        #expect(PoolRounding.floor.outputSize(input: 5, window: 2, stride: 2) == 2)
        // Theano with stride ≥ window: (H − 1) // S + 1 windows, none starting past the edge.
        #expect(PoolRounding.ceil.outputSize(input: 9, window: 2, stride: 3) == 3)
        #expect(PoolRounding.ceil.outputSize(input: 1, window: 2, stride: 2) == 1)
        #expect(PoolRounding.floor.outputSize(input: 1, window: 2, stride: 2) == 0)
        // Overlapping 3×3 windows with stride 2 (Theano: (H − 1 − K + S) // S + 1).
        #expect(PoolRounding.ceil.outputSize(input: 6, window: 3, stride: 2) == 3)
        #expect(PoolRounding.floor.outputSize(input: 6, window: 3, stride: 2) == 2)

        let x = Tensor(zeros: [2, 3, 13, 13])
        #expect(maxPool2D(x).output.shape == [2, 3, 6, 6])
        #expect(maxPool2D(x, rounding: .ceil).output.shape == [2, 3, 7, 7])
    }

    @Test("a 4×4 example by hand, and argmax routing backward")
    func handExample() {
        let x = Tensor(shape: [1, 1, 4, 4], scalars: [1, 5, 2, 0,
                                                      3, 4, 8, 1,
                                                      0, 2, 6, 7,
                                                      9, 1, 6, 3])
        let result = maxPool2D(x)
        #expect(result.output.scalars == [5, 8, 9, 7])
        #expect(result.argmax == [1, 6, 12, 11])  // positions y·4 + x of 5, 8, 9 and 7
        let dx = maxPool2DBackward(Tensor(shape: [1, 1, 2, 2], scalars: [10, 20, 30, 40]), argmax: result.argmax,
                                   inputShape: x.shape)
        #expect(dx.scalars == [0, 10, 0, 0,
                               0, 0, 20, 0,
                               0, 0, 0, 40,
                               30, 0, 0, 0])
    }

    @Test("ceil keeps the partial windows at the right and bottom edges")
    func ceilEdge() {
        let x = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3,
                                                      4, 5, -6,
                                                      -7, 8, -9])
        let result = maxPool2D(x, rounding: .ceil)
        #expect(result.output.scalars == [5, 3, 8, -9])  // the corner window holds only −9
        #expect(result.argmax == [4, 2, 7, 8])
        #expect(maxPool2D(x).output.scalars == [5])
    }

    @Test("ties go to the first maximum in row-major order (scalar and SIMD paths)", arguments: [4, 16, 18])
    func ties(width: Int) {
        // Every window holds (a, b / c, d); the SIMD path handles eight whole windows at a time, so width 16
        // and 18 put windows in both paths.
        let patterns: [[Float]: Int32] = [[1, 1, 1, 1]: 0, [0, 2, 2, 0]: 1, [0, 1, 2, 2]: 2, [2, 1, 0, 2]: 0, [0, 0, 1, 1]: 2]
        for (pattern, first) in patterns {
            var x = Tensor(zeros: [1, 1, 2, width])
            for column in 0..<width {
                x[0, 0, 0, column] = pattern[column % 2]
                x[0, 0, 1, column] = pattern[2 + column % 2]
            }
            let result = maxPool2D(x)
            let expected = (0..<(width / 2)).map { window -> Int32 in
                Int32(2 * window) + (first < 2 ? first : Int32(width) + first - 2)
            }
            #expect(result.argmax == expected, "\(pattern)")
        }
    }

    @Test("against the naive oracle on ragged shapes", arguments: [(2, 2), (3, 2), (2, 1), (3, 3), (1, 1)])
    func ragged(window: Int, stride: Int) {
        for (h, w) in [(1, 1), (2, 3), (5, 5), (13, 13), (15, 16), (16, 17), (30, 30), (33, 17), (3, 40)] {
            for rounding in [PoolRounding.floor, .ceil] {
                guard rounding.outputSize(input: h, window: window, stride: stride) > 0,
                      rounding.outputSize(input: w, window: window, stride: stride) > 0 else { continue }
                let x = coarseTensor([2, 3, h, w], seed: UInt64(h * 100 + w))
                let (expected, expectedArgmax) = maxPoolReference(x, window: window, stride: stride, rounding: rounding)
                for threads in [1, 2] {
                    let result = maxPool2D(x, window: window, stride: stride, rounding: rounding, maxThreads: threads)
                    #expect(result.output == expected && result.argmax == expectedArgmax,
                            "\(h)×\(w) window \(window) stride \(stride) \(rounding) threads \(threads)")
                }
            }
        }
    }

    @Test("backward against the naive routing on ragged shapes",
          arguments: [(2, 2), (3, 2), (2, 1), (3, 3), (1, 1)])
    func raggedBackward(window: Int, stride: Int) {
        for (h, w) in [(1, 1), (2, 3), (5, 5), (13, 13), (15, 16), (16, 17), (30, 30), (33, 17), (3, 40), (4, 35)] {
            for rounding in [PoolRounding.floor, .ceil] {
                let (oh, ow) = (rounding.outputSize(input: h, window: window, stride: stride),
                                rounding.outputSize(input: w, window: window, stride: stride))
                guard oh > 0, ow > 0 else { continue }
                let x = coarseTensor([2, 3, h, w], seed: UInt64(h * 100 + w))
                let (output, argmax) = maxPoolReference(x, window: window, stride: stride, rounding: rounding)
                let dy = coarseTensor(output.shape, seed: UInt64(h * 7 + w))
                // Each output's gradient added at its argmax in a plane of zeros.
                var expected = [Float](repeating: 0, count: x.count)
                for plane in 0..<6 {
                    for o in 0..<(oh * ow) { expected[plane * h * w + Int(argmax[plane * oh * ow + o])] += dy.scalars[plane * oh * ow + o] }
                }
                for threads in [1, 2] {
                    let routed = maxPool2DBackward(dy, argmax: argmax, inputShape: x.shape, maxThreads: threads)
                    #expect(routed.scalars == expected,
                            "\(h)×\(w) window \(window) stride \(stride) \(rounding) threads \(threads)")
                }
            }
        }
    }

    @Test("overlapping windows add their gradients on a shared maximum")
    func overlapping() {
        // 1×5 row, 1×3 windows with stride 1 would need a 2-D window; use 3×3 windows, stride 1, on a
        // 3×4 image whose maximum 9 sits in both windows.
        let x = Tensor(shape: [1, 1, 3, 4], scalars: [0, 1, 0, 0,
                                                      0, 9, 2, 0,
                                                      0, 0, 0, 3])
        let result = maxPool2D(x, window: 3, stride: 1)
        #expect(result.output.scalars == [9, 9] && result.argmax == [5, 5])
        let dx = maxPool2DBackward(Tensor(shape: [1, 1, 1, 2], scalars: [1.5, 2]), argmax: result.argmax, inputShape: x.shape)
        #expect(dx[0, 0, 1, 1] == 3.5 && dx.scalars.reduce(0, +) == 3.5)
    }
}

@Suite("MaxPool2D layer")
struct MaxPool2DLayerTests {
    @Test("finite differences of ∂input, floor and ceil", arguments: [PoolRounding.floor, .ceil])
    func gradientCheck(rounding: PoolRounding) {
        // Distinct inputs 0.05 apart (a shuffled ladder), so a ±0.01 step never changes a window's maximum:
        // the loss is then linear around the point and central differences are exact up to rounding
        // (L is summed in Double from Float outputs that are inputs, ε = 0.01 is exact enough:
        // error ≲ 2⁻²⁴ · |x| / 0.01 ≈ 1e-4). atol 1e-3, rtol 1e-3.
        var generator = SplitMix64(seed: 3)
        let count = 2 * 2 * 5 * 7
        var ladder = (0..<count).map { Float($0) * 0.05 - 3 }
        for i in stride(from: count - 1, to: 0, by: -1) { ladder.swapAt(i, Int(generator.next() % UInt64(i + 1))) }
        var input = Tensor(shape: [2, 2, 5, 7], scalars: ladder)
        let layer = MaxPool2D(rounding: rounding)
        let outputShape = layer.forward(input, training: false).shape
        let r = Tensor(shape: outputShape, scalars: (0..<Tensor.count(of: outputShape)).map { _ in Float(generator.uniform(-1, 1)) })
        _ = layer.forward(input, training: true)
        let analytic = layer.backward(r)
        let epsilon: Float = 1e-2
        for i in 0..<input.count {
            let original = input.scalars[i]
            input.scalars[i] = original + epsilon
            let plus = zip(layer.forward(input, training: false).scalars, r.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            input.scalars[i] = original - epsilon
            let minus = zip(layer.forward(input, training: false).scalars, r.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            input.scalars[i] = original
            let numerical = (plus - minus) / Double(2 * epsilon)
            #expect(abs(Double(analytic.scalars[i]) - numerical) <= 1e-3 + 1e-3 * abs(numerical), "input \(i)")
        }
        #expect(layer.summary == (rounding == .ceil ? "MaxPool2D 2×2, ceil" : "MaxPool2D 2×2"))
        #expect(layer.parameters.isEmpty)
    }
}

/// The course CNNs pool before ReLU: ReLU is monotone, so the two orders give the same outputs and the
/// same input gradients, bit for bit, even with ties, zeros and all-negative windows.
@Suite("Pooling and ReLU commute")
struct PoolReLUOrderTests {
    @Test(arguments: [PoolRounding.floor, .ceil])
    func sameOutputsAndGradients(_ rounding: PoolRounding) {
        // Coarse values in [−1, 1) (steps of 1/8) give many ties and exact zeros; 13 × 13 has ragged edges.
        var generator = SplitMix64(seed: 5)
        let shape = [3, 4, 13, 13]
        let x = Tensor(shape: shape, scalars: (0..<Tensor.count(of: shape)).map { _ in Float((generator.uniform(-1, 1) * 8).rounded(.down) / 8) })
        let poolFirst = Network([MaxPool2D(rounding: rounding), ReLU()])
        let reluFirst = Network([ReLU(), MaxPool2D(rounding: rounding)])
        let y = poolFirst.forward(x, training: true)
        #expect(y == reluFirst.forward(x, training: true))
        let g = Tensor(shape: y.shape, scalars: (0..<y.count).map { _ in Float(generator.uniform(-1, 1)) })
        #expect(poolFirst.backward(g) == reluFirst.backward(g))
    }
}
