import LearnCore
import Testing
@testable import LearnTensor

// MARK: - Helpers

/// A tensor of `shape` with seeded uniform elements in [-1, 1).
private func randomTensor(_ shape: [Int], _ generator: inout SplitMix64) -> Tensor {
    Tensor(shape: shape, scalars: (0..<Tensor.count(of: shape)).map { _ in Float(generator.uniform(-1, 1)) })
}

/// `|x|` elementwise.
private func magnitudes(_ t: Tensor) -> Tensor { Tensor(shape: t.shape, scalars: t.scalars.map(abs)) }

/// Entries where `actual` is farther from `expected` than `(terms + 2) · ε · magnitude` (ε = 2⁻²⁴), where
/// `magnitude` is the same sum taken over absolute values, Σ|x·w|.
///
/// Tolerance: the fast kernel sums `terms` products in Float in a blocked order (and may add a bias
/// and partial sums of threads, two more roundings); the reference sums in Double and rounds once. Higham's
/// bound for Float summation puts them at most about `(terms + 2) · ε · Σ|x·w|` apart, whatever the order.
/// That is `rtol · magnitude` with `rtol = (terms + 2) · ε`; `atol = 1e-30` lets an entry whose terms are
/// all zero (a window over padding only) pass only when both are 0. A tolerance on `|expected|` alone
/// would fail wrongly on sums that cancel to nearly zero.
private func mismatches(_ actual: Tensor, _ expected: Tensor, magnitude: Tensor, terms: Int) -> [String] {
    precondition(actual.shape == expected.shape, "shapes \(actual.shape) and \(expected.shape)")
    let rtol = Float(terms + 2) * 0x1p-24, atol: Float = 1e-30
    var found: [String] = []
    for i in actual.scalars.indices where !(abs(actual.scalars[i] - expected.scalars[i]) <= atol + rtol * magnitude.scalars[i]) {
        found.append("[\(i)] \(actual.scalars[i]) vs \(expected.scalars[i])")
    }
    return found
}

/// One convolution problem with seeded random input, weights, bias and output gradient in [-1, 1).
private struct ConvProblem: CustomStringConvertible {
    let n: Int, c: Int, cOut: Int, h: Int, w: Int, k: Int, stride: Int, padding: Int
    let input: Tensor, weight: Tensor, bias: Tensor, outputGradient: Tensor
    let geometry: Conv2DGeometry

    init(n: Int, c: Int, cOut: Int, h: Int, w: Int, k: Int, kw: Int? = nil, stride: Int, padding: Int, seed: UInt64 = 1) {
        (self.n, self.c, self.cOut, self.h, self.w, self.k, self.stride, self.padding) = (n, c, cOut, h, w, k, stride, padding)
        var generator = SplitMix64(seed: seed &+ UInt64(n * 7 + c * 31 + cOut * 131 + h * 1009 + w * 7919 + k * 104_729))
        input = randomTensor([n, c, h, w], &generator)
        weight = randomTensor([cOut, c, k, kw ?? k], &generator)
        bias = randomTensor([cOut], &generator)
        geometry = Conv2DGeometry(input: input.shape, weight: weight.shape, stride: stride, padding: .zeros(padding))
        outputGradient = randomTensor(geometry.outputShape, &generator)
    }

    var description: String { "\(geometry)" }

    /// Fast forward and all three gradients against the reference; the mismatches found.
    func check(plan: Conv2DPlan? = nil) -> [String] {
        let plan = plan ?? Conv2DPlan(geometry, maxThreads: 2)
        let g = geometry
        var wrong: [String] = []
        let fast = conv2d(input, weight: weight, bias: bias, plan: plan, maxThreads: 2, workspace: nil)
        let reference = conv2dReference(input, weight: weight, bias: bias, stride: stride, padding: .zeros(padding))
        let outputMagnitude = conv2dReference(magnitudes(input), weight: magnitudes(weight), bias: magnitudes(bias),
                                              stride: stride, padding: .zeros(padding))
        wrong += mismatches(fast, reference, magnitude: outputMagnitude, terms: g.patchSize + 1).map { "forward \($0)" }

        let gradients = conv2dBackward(outputGradient, input: input, weight: weight, plan: plan,
                                       computesInputGradient: true, maxThreads: 2, workspace: nil)
        let expected = conv2dReferenceBackward(outputGradient, input: input, weight: weight, stride: stride, padding: .zeros(padding))
        let bound = conv2dReferenceBackward(magnitudes(outputGradient), input: magnitudes(input), weight: magnitudes(weight),
                                            stride: stride, padding: .zeros(padding))
        let perWeight = g.batch * g.outputPlane
        wrong += mismatches(gradients.input!, expected.input!, magnitude: bound.input!,
                            terms: g.outChannels * g.kernelHeight * g.kernelWidth).map { "∂input \($0)" }
        wrong += mismatches(gradients.weight, expected.weight, magnitude: bound.weight, terms: perWeight).map { "∂weight \($0)" }
        wrong += mismatches(gradients.bias, expected.bias, magnitude: bound.bias, terms: perWeight).map { "∂bias \($0)" }
        return wrong
    }
}

/// Ragged problems for one kernel size: every input size pair, stride 1 and 2, padding 0, 1 and K − 1
/// (those where the kernel fits), with N, C and C' cycling through 1–3, {1, 3} and {1, 5, 16}.
private func raggedProblems(kernel k: Int) -> [ConvProblem] {
    let sizes = [(1, 1), (1, 5), (5, 1), (5, 7), (7, 7), (15, 16), (16, 17), (17, 15), (16, 16), (17, 17)]
    var problems: [ConvProblem] = [], i = k
    for (h, w) in sizes {
        for stride in [1, 2] {
            for padding in Set([0, 1, k - 1]).sorted() where h + 2 * padding >= k && w + 2 * padding >= k {
                i += 1
                problems.append(ConvProblem(n: [1, 2, 3][i % 3], c: [1, 3][(i / 3) % 2], cOut: [1, 5, 16][(i / 2) % 3],
                                            h: h, w: w, k: k, stride: stride, padding: padding))
            }
        }
    }
    return problems
}

// MARK: - Tests

@Suite("conv2d against conv2dReference")
struct Conv2DKernelTests {
    @Test("ragged shapes: forward, ∂input, ∂weight, ∂bias", arguments: [1, 3, 5])
    func raggedShapes(kernel: Int) {
        for problem in raggedProblems(kernel: kernel) {
            let wrong = problem.check()
            #expect(wrong.count == 0, "\(problem): \(wrong.prefix(3))")
        }
    }

    @Test("groups of images in one GEMM, two threads, a ragged last group; a 3×5 kernel")
    func groupsAndThreads() {
        let problems = [ConvProblem(n: 7, c: 3, cOut: 5, h: 7, w: 6, k: 3, stride: 1, padding: 1),
                        ConvProblem(n: 5, c: 2, cOut: 16, h: 9, w: 8, k: 3, kw: 5, stride: 2, padding: 2)]
        for problem in problems {
            for group in [1, 2, 3] {
                let plan = Conv2DPlan(problem.geometry, maxThreads: 2, minimumMultiplyAddsPerThread: 1, group: group)
                #expect(plan.threads == 2 && plan.group == group)
                let wrong = problem.check(plan: plan)
                #expect(wrong.count == 0, "\(problem), group \(group): \(wrong.prefix(3))")
            }
        }
    }

    @Test("wide layers take the weight gradient through the GEMM, narrow ones through dot products")
    func weightGradientPaths() {
        for cOut in [Conv2DPlan.minimumOutChannelsForWeightGEMM - 1, Conv2DPlan.minimumOutChannelsForWeightGEMM + 1] {
            let problem = ConvProblem(n: 3, c: 2, cOut: cOut, h: 6, w: 5, k: 3, stride: 1, padding: 1)
            let wrong = problem.check(plan: Conv2DPlan(problem.geometry, maxThreads: 2, minimumMultiplyAddsPerThread: 1, group: 2))
            #expect(wrong.count == 0, "\(problem): \(wrong.prefix(3))")
        }
    }

    @Test("addRowDotProducts against gemmReference: ragged blocks and tails, C transposed by strides")
    func rowDotProducts() {
        var generator = SplitMix64(seed: 11)
        for m in [1, 2, 3, 4, 7] {
            for n in [1, 3, 5, 8] {
                for k in [1, 7, 8, 9, 17, 40] {
                    let a = (0..<(m * (k + 2))).map { _ in Float(generator.uniform(-1, 1)) }  // lda = k + 2
                    let b = (0..<(n * (k + 1))).map { _ in Float(generator.uniform(-1, 1)) }  // ldb = k + 1
                    let start = (0..<(m * n)).map { _ in Float(generator.uniform(-1, 1)) }
                    // Expected: start + A · Bᵀ, in Double through gemmReference (beta = 1 adds start).
                    var expected = start
                    a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in expected.withUnsafeMutableBufferPointer { c in
                        gemmReference(opB: .transposed, m: m, n: n, k: k, a: a.baseAddress!, lda: k + 2,
                                      b: b.baseAddress!, ldb: k + 1, beta: 1, c: c.baseAddress!, ldc: n)
                    } } }
                    // C row-major (strides n, 1) and the same C stored transposed (strides 1, m).
                    var direct = start, transposed = (0..<(m * n)).map { start[($0 % m) * n + $0 / m] }
                    a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in
                        direct.withUnsafeMutableBufferPointer { c in
                            addRowDotProducts(m: m, n: n, k: k, a: a.baseAddress!, lda: k + 2, b: b.baseAddress!, ldb: k + 1,
                                              c: c.baseAddress!, rowStride: n, columnStride: 1)
                        }
                        transposed.withUnsafeMutableBufferPointer { c in
                            addRowDotProducts(m: m, n: n, k: k, a: a.baseAddress!, lda: k + 2, b: b.baseAddress!, ldb: k + 1,
                                              c: c.baseAddress!, rowStride: 1, columnStride: m)
                        }
                    } }
                    // Tolerance: k products of size ≤ 1 plus a start value ≤ 1, summed in Float in another
                    // order than the reference: Higham's bound (k + 2) · 2⁻²⁴ · (k + 1).
                    let tolerance = Float(k + 2) * 0x1p-24 * Float(k + 1)
                    for i in 0..<m {
                        for j in 0..<n {
                            #expect(abs(direct[i * n + j] - expected[i * n + j]) <= tolerance, "m \(m) n \(n) k \(k) (\(i), \(j))")
                            #expect(transposed[j * m + i] == direct[i * n + j])
                        }
                    }
                }
            }
        }
    }

    @Test("bit-identical from run to run on two threads; one thread agrees within rounding")
    func deterministic() {
        let problem = ConvProblem(n: 6, c: 3, cOut: 8, h: 9, w: 9, k: 3, stride: 1, padding: 1)
        let plan = Conv2DPlan(problem.geometry, maxThreads: 2, minimumMultiplyAddsPerThread: 1)
        let runs = (0..<3).map { _ in
            conv2dBackward(problem.outputGradient, input: problem.input, weight: problem.weight, plan: plan,
                           computesInputGradient: true, maxThreads: 2, workspace: nil)
        }
        for run in runs.dropFirst() {
            #expect(run.weight == runs[0].weight && run.bias == runs[0].bias && run.input == runs[0].input)
        }
        let single = conv2dBackward(problem.outputGradient, input: problem.input, weight: problem.weight,
                                    padding: .zeros(1), maxThreads: 1)
        // One thread sums the 6 · 81 = 486 terms of each weight gradient in another order: they differ by
        // rounding only, at most 488 · 2⁻²⁴ of the magnitude of 486 terms of size ≤ 1.
        for (a, b) in zip(single.weight.scalars, runs[0].weight.scalars) { #expect(abs(a - b) <= 488 * 0x1p-24 * 486) }
    }

    @Test("a workspace reused across shapes; no input gradient when not asked")
    func workspaceAndNoInputGradient() {
        let workspace = Conv2DWorkspace()
        for problem in [ConvProblem(n: 2, c: 3, cOut: 5, h: 15, w: 16, k: 5, stride: 1, padding: 4),
                        ConvProblem(n: 3, c: 1, cOut: 16, h: 7, w: 7, k: 3, stride: 2, padding: 0)] {
            let fast = conv2d(problem.input, weight: problem.weight, bias: problem.bias, stride: problem.stride,
                              padding: .zeros(problem.padding), workspace: workspace)
            let again = conv2d(problem.input, weight: problem.weight, bias: problem.bias, stride: problem.stride,
                               padding: .zeros(problem.padding), workspace: workspace)
            #expect(fast == again)
            let gradients = conv2dBackward(problem.outputGradient, input: problem.input, weight: problem.weight,
                                           stride: problem.stride, padding: .zeros(problem.padding),
                                           computesInputGradient: false, workspace: workspace)
            let full = conv2dBackward(problem.outputGradient, input: problem.input, weight: problem.weight,
                                      stride: problem.stride, padding: .zeros(problem.padding), workspace: workspace)
            #expect(gradients.input == nil && gradients.weight == full.weight && gradients.bias == full.bias)
        }
    }
}

@Suite("conv2d by hand")
struct Conv2DHandTests {
    @Test("output sizes (H + 2P − K)/S + 1: a 7×7 input and a 3×3 kernel")
    func sizes() {
        func outputSize(_ padding: ConvPadding, stride: Int = 1) -> [Int] {
            let g = Conv2DGeometry(input: [1, 1, 7, 7], weight: [1, 1, 3, 3], stride: stride, padding: padding)
            return [g.outputHeight, g.outputWidth]
        }
        #expect(outputSize(.valid) == [5, 5])             // (7 − 3)/1 + 1
        #expect(outputSize(.same) == [7, 7])              // padding (K − 1)/2 = 1: (7 + 2 − 3) + 1
        #expect(outputSize(.zeros(1)) == [7, 7])
        #expect(outputSize(.full) == [9, 9])              // padding K − 1 = 2: (7 + 4 − 3) + 1
        #expect(outputSize(.valid, stride: 2) == [3, 3])  // ⌊4/2⌋ + 1
        #expect(outputSize(.same, stride: 2) == [4, 4])   // ⌊6/2⌋ + 1
        // Radford's first layer: 28×28 with 'full' 3×3 gives 30×30.
        #expect(Conv2DGeometry(input: [1, 1, 28, 28], weight: [32, 1, 3, 3], padding: .full).outputShape == [1, 32, 30, 30])
        let y = conv2d(Tensor(repeating: 1, shape: [1, 1, 7, 7]), weight: Tensor(repeating: 1, shape: [1, 1, 3, 3]))
        #expect(y == Tensor(repeating: 9, shape: [1, 1, 5, 5]))  // each output sums nine ones
    }

    /// The image: two columns of 0, then three of 1 — a vertical edge between columns 1 and 2.
    private let edgeImage = Tensor(shape: [1, 1, 5, 5], scalars: (0..<25).map { $0 % 5 >= 2 ? 1 : 0 })
    /// Prewitt's horizontal-gradient kernel: right column minus left column, over three rows.
    private let prewitt = Tensor(shape: [1, 1, 3, 3], scalars: [-1, 0, 1, -1, 0, 1, -1, 0, 1])

    @Test("Prewitt on a vertical edge, valid: 3 where the window straddles the edge, 0 on the flat part")
    func prewittValid() {
        // Output (y, x) = Σ over the three rows of (column x + 2) − (column x). Columns are 0 0 1 1 1:
        // x = 0: 1 − 0 = 1 per row, 3 in all; x = 1: 1 − 0, 3; x = 2: 1 − 1 = 0.
        let expected = Tensor(shape: [1, 1, 3, 3], scalars: [3, 3, 0, 3, 3, 0, 3, 3, 0])
        #expect(conv2d(edgeImage, weight: prewitt) == expected)
        #expect(conv2dReference(edgeImage, weight: prewitt) == expected)
        // A true convolution flips the kernel (here: negates it) and would give −3: this is cross-correlation.
        #expect(conv2d(edgeImage, weight: prewitt).scalars.allSatisfy { $0 >= 0 })
    }

    @Test("Prewitt with 'same' padding: the zero border makes a false edge on the right")
    func prewittSame() {
        // Per row: (column x + 1) − (column x − 1), zero outside: x = 0: 0 − 0 = 0; x = 1: 1 − 0 = 1;
        // x = 2: 1 − 0 = 1; x = 3: 1 − 1 = 0; x = 4: 0 (padding) − 1 = −1. The top and bottom outputs
        // see two image rows (the third is padding), the others three.
        let row: [Float] = [0, 1, 1, 0, -1]
        let expected = Tensor(shape: [1, 1, 5, 5], scalars: [2, 3, 3, 3, 2].flatMap { rows in row.map { $0 * rows } })
        #expect(conv2d(edgeImage, weight: prewitt, padding: .same) == expected)
        // With a bias of 0.5 every output moves by 0.5.
        let biased = conv2d(edgeImage, weight: prewitt, bias: Tensor(shape: [1], scalars: [0.5]), padding: .same)
        #expect(biased.scalars == expected.scalars.map { $0 + 0.5 })
    }
}

@Suite("Conv2D layer")
struct Conv2DLayerTests {
    @Test("finite differences: ∂input, ∂weight, ∂bias", arguments: [(1, ConvPadding.zeros(1)), (2, .full), (1, .valid)])
    func gradientCheck(stride: Int, padding: ConvPadding) {
        var generator = SplitMix64(seed: 42)
        let layer = Conv2D(name: "conv", inChannels: 2, outChannels: 3, kernelSize: 3, stride: stride, padding: padding,
                           generator: &generator)
        layer.bias!.value = randomTensor([3], &generator)
        let input = randomTensor([2, 2, 5, 6], &generator)

        // The loss is linear in each of input, weight and bias, so central differences have no truncation
        // error; what is left is rounding: y is Float with errors ~ 2⁻²⁴ · Σ|x·w| (≲ 18 terms of size ≲ 1
        // here), and only the ≲ 27 outputs an element touches change, so (L₊ − L₋)/2ε is off by about
        // √27 · 2⁻²⁴ · 18 / 0.02 ≈ 3e-4 at most. atol 1e-3; rtol 1e-3 for the larger gradients.
        let check = GradientCheck(epsilon: 1e-2, atol: 1e-3, rtol: 1e-3)
        let wrong = check.mismatches(layer, input: input, seed: 43)
        #expect(wrong.isEmpty, "\(wrong.prefix(3))")
    }

    @Test("a shared weight's gradient is the sum over every position where it is used (Drchal)")
    func sharedWeights() {
        // One row x = 1 2 3 4 and a 1×2 kernel (w₀, w₁): y_p = w₀·x_p + w₁·x_{p+1} for p = 0, 1, 2.
        // With E = y₀ + y₁ + y₂, ∂E/∂w₀ = x₀ + x₁ + x₂ = 6 and ∂E/∂w₁ = x₁ + x₂ + x₃ = 9.
        let layer = Conv2D(name: "shared", weight: Tensor(shape: [1, 1, 1, 2], scalars: [0.5, -1]), bias: nil)
        let x = Tensor(shape: [1, 1, 1, 4], scalars: [1, 2, 3, 4])
        _ = layer.forward(x, training: true)
        _ = layer.backward(Tensor(repeating: 1, shape: [1, 1, 1, 3]))
        #expect(layer.weight.gradient.scalars == [6, 9])

        // The same sum, one position at a time: untie the weight, take each use's gradient alone
        // (∂y_p/∂w = (x_p, x_{p+1})), and add them up.
        var perPosition: [Float] = [0, 0]
        for p in 0..<3 {
            layer.weight.zeroGradient()
            var oneHot = Tensor(zeros: [1, 1, 1, 3])
            oneHot[0, 0, 0, p] = 1
            _ = layer.forward(x, training: true)
            _ = layer.backward(oneHot)
            #expect(layer.weight.gradient.scalars == [x[0, 0, 0, p], x[0, 0, 0, p + 1]])
            perPosition[0] += layer.weight.gradient.scalars[0]
            perPosition[1] += layer.weight.gradient.scalars[1]
        }
        #expect(perPosition == [6, 9])

        // And numerically: E changes by 6·ε when w₀ moves by ε (exact here: small integers and ε = 1/64).
        let epsilon: Float = 0x1p-6
        layer.weight.value.scalars[0] += epsilon
        let plus = layer.forward(x, training: false).scalars.reduce(0, +)
        layer.weight.value.scalars[0] -= 2 * epsilon
        let minus = layer.forward(x, training: false).scalars.reduce(0, +)
        #expect((plus - minus) / (2 * epsilon) == 6)
    }

    @Test("names, seeded initialization, summary, first-layer mode")
    func layer() {
        let a = Conv2D(name: "conv1", inChannels: 1, outChannels: 32, kernelSize: 3, padding: .full, seed: 7)
        let b = Conv2D(name: "conv1", inChannels: 1, outChannels: 32, kernelSize: 3, padding: .full, seed: 7)
        #expect(a.parameters.map(\.name) == ["conv1.weight", "conv1.bias"])
        #expect(a.weight.value == b.weight.value && a.weight.value.shape == [32, 1, 3, 3])
        #expect(a.bias!.value == Tensor(zeros: [32]))
        #expect(a.summary == "Conv2D 1 → 32, 3×3, padding full")

        // He: standard deviation √(2 / fanIn); over 64·32·9 = 18,432 draws the sample's is within 3 %.
        let he = Conv2D(name: "c", inChannels: 32, outChannels: 64, kernelSize: 3, hasBias: false, seed: 1)
        let values = he.weight.value.scalars.map(Double.init)
        let std = (values.map { $0 * $0 }.reduce(0, +) / Double(values.count)).squareRoot()
        #expect(abs(std / (2.0 / 288).squareRoot() - 1) < 0.03)
        #expect(he.parameters.map(\.name) == ["c.weight"] && he.summary == "Conv2D 32 → 64, 3×3, no bias")
        // Radford's N(0, 0.01²).
        let radford = Conv2D(name: "c", inChannels: 32, outChannels: 64, kernelSize: 3, hasBias: false,
                             initialization: .normal(standardDeviation: 0.01), seed: 1)
        #expect(radford.weight.value.scalars.allSatisfy { abs($0) < 0.06 })  // 6 σ

        // The first layer may skip ∂input; the parameter gradients are the same.
        let x = Tensor(repeating: 0.5, shape: [2, 1, 6, 6])
        let g = Tensor(repeating: 1, shape: [2, 32, 8, 8])
        _ = a.forward(x, training: true)
        _ = a.backward(g)
        b.computesInputGradient = false
        _ = b.forward(x, training: true)
        #expect(b.backward(g) == Tensor(zeros: [2, 1, 6, 6]))
        #expect(a.weight.gradient == b.weight.gradient && a.bias!.gradient == b.bias!.gradient)
    }

    @Test("Radford's conv stack: 28 → 30 → 15 → 13 → 7 → 5 → 3, 1152 features")
    func radfordShapes() {
        let layers: [any Layer] = [
            Conv2D(name: "conv1", inChannels: 1, outChannels: 32, kernelSize: 3, padding: .full, hasBias: false, seed: 1),
            MaxPool2D(rounding: .ceil),
            Conv2D(name: "conv2", inChannels: 32, outChannels: 64, kernelSize: 3, hasBias: false, seed: 2),
            MaxPool2D(rounding: .ceil),
            Conv2D(name: "conv3", inChannels: 64, outChannels: 128, kernelSize: 3, hasBias: false, seed: 3),
            MaxPool2D(rounding: .ceil),
            Flatten(),
        ]
        var x = Tensor(repeating: 0.1, shape: [2, 1, 28, 28])
        var shapes: [[Int]] = []
        for layer in layers {
            x = layer.forward(x, training: true)
            shapes.append(x.shape)
        }
        #expect(shapes == [[2, 32, 30, 30], [2, 32, 15, 15], [2, 64, 13, 13], [2, 64, 7, 7],
                           [2, 128, 5, 5], [2, 128, 3, 3], [2, 1152]])
        var g = Tensor(repeating: 1, shape: [2, 1152])
        for layer in layers.reversed() { g = layer.backward(g) }
        #expect(g.shape == [2, 1, 28, 28])
    }

    @Test("Flatten: [N, C, H, W] → [N, C·H·W] and back, elements in place")
    func flatten() {
        let x = Tensor(shape: [2, 3, 2, 2], scalars: (0..<24).map(Float.init))
        let layer = Flatten()
        let y = layer.forward(x, training: true)
        #expect(y.shape == [2, 12] && y.scalars == x.scalars && y[1, 5] == x[1, 1, 0, 1])
        #expect(layer.backward(y) == x)
        #expect(layer.parameters.isEmpty && layer.summary == "Flatten")
    }
}
