// The fast 2-D convolution: im2col + `gemm`, parallel over the batch. (3 × 3 kernels at stride 1 with
// enough channels go by Winograd's F(2×2, 3×3) instead: `Conv2DWinograd.swift`.)
//
// Forward, for a group of `g` images side by side (g·H'·W' columns, so that small feature maps still
// give the GEMM a wide enough product):
//
//     columns [C·KH·KW, g·H'·W'] = im2col(images)
//     out     [C', g·H'·W']      = W [C', C·KH·KW] · columns           (+ bias[o] on row o)
//
// Backward, with G = ∂L/∂out gathered the same way:
//
//     ∂L/∂W     += G · columnsᵀ          [C', C·KH·KW]   (summed over the groups: the shared-weight rule)
//     ∂L/∂bias  += Σ_p G[o, p]
//     ∂columns   = Wᵀ · G                [C·KH·KW, g·H'·W'],   ∂L/∂images = col2im(∂columns)
//
// ∂L/∂W goes through the GEMM for wide layers (C' ≥ 64) and through `addRowDotProducts` for narrow
// ones, where the GEMM's transposing copy of the columns would cost more than the products.
//
// Threads: the batch is cut into `T` fixed, contiguous parts, one per thread; each thread has its own
// scratch (im2col matrix, gathered gradient, partial ∂L/∂W and ∂L/∂bias) in one reused workspace, and
// runs the GEMM driver single-threaded (when the batch makes a single part, the GEMM may use the
// threads instead). The partial weight gradients are added in thread order 0, 1, …, T − 1 after all
// threads finish, so for a given `T` every run gives bit-identical results.
//
// Measured (release, 2-core AMD EPYC, batch 128, in a slow hour with the 2048³ GEMM at 83 GFLOP/s):
// Radford's three conv layers forward + backward took 60 ms by im2col alone, 40 ms with conv2 and conv3
// by Winograd (`Conv2DWinograd.swift`), of which conv1 here is 3.5 ms; the GEMMs reach 80–95 % of the
// 2048³ GEMM's rate, im2col and col2im take most of the rest.
//
// Why the writes are disjoint (the argument that makes passing raw pointers through `UnsafeSendable`
// sound here, as in `Parallel.swift`): thread `t` writes only the output (or input-gradient) images of
// its own part of the batch and its own slice of the workspace; the input, the weights and the output
// gradient are only read; `parallelFor` returns after every thread has finished, before the caller
// reduces the partials and before any buffer is freed.

/// Scratch memory for ``conv2d(_:weight:bias:stride:padding:maxThreads:workspace:)`` and
/// ``conv2dBackward(_:input:weight:stride:padding:computesInputGradient:maxThreads:workspace:)``,
/// kept from one batch to the next so the hot path allocates nothing but its results.
///
/// Grows to the largest size asked for and never shrinks. Not thread-safe: one workspace per layer.
public final class Conv2DWorkspace {
    private var storage: UnsafeMutablePointer<Float>?
    private var capacity = 0

    public init() {}
    deinit { storage?.deallocate() }

    /// Room for at least `count` floats, 64-byte aligned, valid until the next call.
    func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity || storage == nil {
            storage?.deallocate()
            capacity = max(count, 16)
            storage = .allocateAligned(capacity)
        }
        return storage!
    }
}

/// How one convolution call splits its work: `threads` contiguous parts of the batch, `group` images
/// per GEMM, and where each thread's scratch lives in the workspace.
struct Conv2DPlan {
    let geometry: Conv2DGeometry
    let threads: Int
    let group: Int
    /// Floats of one thread's slice: im2col matrix, gathered output gradient, partial ∂W, partial ∂bias,
    /// zero-padded copy of one image (for a padded convolution).
    let columnsFloats: Int, gatherFloats: Int, weightFloats: Int, biasFloats: Int, paddedFloats: Int

    /// A group of images is made at least this many im2col columns wide when the batch allows…
    static let targetColumns = 512
    /// …as long as its im2col matrix stays under this many floats (1 MB, one core's L2 here).
    static let maximumColumnsFloats = 256 * 1024
    /// Below this many multiply-adds per thread a second thread costs more than it gives.
    static let minimumMultiplyAddsPerThread = 1_000_000
    /// From this many output channels the weight gradient goes through the GEMM, below it through
    /// `addRowDotProducts` (measured on the course's layers: dot products were 1.5–2.5× faster for
    /// C' = 6, 16, 32, the GEMM 15 % faster for C' = 128, the two even at 64).
    static let minimumOutChannelsForWeightGEMM = 64

    /// The plan for `g` on at most `maxThreads` threads. Tests may force a smaller threshold for a second
    /// thread and a fixed `group` size.
    init(_ g: Conv2DGeometry, maxThreads: Int, minimumMultiplyAddsPerThread: Int = Self.minimumMultiplyAddsPerThread,
         group forcedGroup: Int? = nil) {
        precondition(maxThreads >= 1, "conv2d: maxThreads is \(maxThreads)")
        geometry = g
        threads = max(1, min(maxThreads, conv2DCoreCount, g.batch, g.multiplyAdds / max(1, minimumMultiplyAddsPerThread)))
        let perThread = (g.batch + threads - 1) / threads
        let wide = (Self.targetColumns + g.outputPlane - 1) / g.outputPlane
        let fits = max(1, Self.maximumColumnsFloats / max(1, g.patchSize * g.outputPlane))
        group = max(1, min(forcedGroup ?? min(wide, fits), perThread))
        func padded(_ count: Int) -> Int { (count + 15) / 16 * 16 }  // keep every slice 64-byte aligned
        columnsFloats = padded(g.patchSize * group * g.outputPlane)
        gatherFloats = group > 1 ? padded(g.outChannels * group * g.outputPlane) : 0
        weightFloats = padded(g.outChannels * g.patchSize)
        biasFloats = padded(g.outChannels)
        paddedFloats = g.isPadded ? padded(g.inChannels * g.prepadded.inputPlane) : 0
    }

    var floatsPerThread: Int { columnsFloats + gatherFloats + weightFloats + biasFloats + paddedFloats }
    var workspaceFloats: Int { threads * floatsPerThread }

    /// The images of part `t`.
    func images(ofPart t: Int) -> Range<Int> { (t * geometry.batch / threads)..<((t + 1) * geometry.batch / threads) }

    /// The groups of part `t`, as (first image, image count).
    func groups(ofPart t: Int) -> [(first: Int, count: Int)] {
        stride(from: images(ofPart: t).lowerBound, to: images(ofPart: t).upperBound, by: group).map {
            ($0, min(group, images(ofPart: t).upperBound - $0))
        }
    }
}

/// One thread's slice of the workspace.
private struct Conv2DScratch {
    let columns: UnsafeMutablePointer<Float>, gather: UnsafeMutablePointer<Float>
    let weight: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>
    let padded: UnsafeMutablePointer<Float>

    init(_ plan: Conv2DPlan, base: UnsafeMutablePointer<Float>, part: Int) {
        columns = base + part * plan.floatsPerThread
        gather = columns + plan.columnsFloats
        weight = gather + plan.gatherFloats
        bias = weight + plan.weightFloats
        padded = bias + plan.biasFloats
    }

    /// Unrolls image `index` of `input` into the columns starting at `column`, through the zero-padded
    /// copy when the convolution pads (see ``copyIntoPadded(_:image:padded:)``).
    func im2colImage(_ plan: Conv2DPlan, input: UnsafePointer<Float>, index: Int, column: Int, ld: Int) {
        let g = plan.geometry
        let image = input + index * g.inChannels * g.inputPlane
        if g.isPadded {
            copyIntoPadded(g, image: image, padded: padded)
            im2col(g.prepadded, image: padded, columns: columns + column, ld: ld)
        } else {
            im2col(g, image: image, columns: columns + column, ld: ld)
        }
    }

    /// Zeroes the padded copy's border (once per call: images only overwrite its interior).
    func preparePadding(_ plan: Conv2DPlan) {
        if plan.paddedFloats > 0 { padded.initialize(repeating: 0, count: plan.paddedFloats) }
    }
}

/// The fast 2-D convolution (a cross-correlation, as in every library: the kernel is not flipped):
///
///     out[n, o, y, x] = bias[o] + Σ_c Σ_ky Σ_kx  in[n, c, y·S + ky − PH, x·S + kx − PW] · w[o, c, ky, kx]
///
/// with `in` zero outside the image. Input `[N, C, H, W]`, weight `[C', C, KH, KW]`, bias `[C']` or nil;
/// output `[N, C', H', W']`, `H' = ⌊(H + 2·PH − KH)/S⌋ + 1` (see ``Conv2DGeometry`` and ``ConvPadding``).
///
/// im2col + ``gemm(opA:opB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:maxThreads:)``, on up to `maxThreads`
/// threads over the batch (see the top of `Conv2D.swift`). Pass a `workspace` kept between calls to
/// reuse the scratch memory.
///
/// Accuracy: each output is a `Float` sum of `C·KH·KW` products, within about `√(C·KH·KW) · 2⁻²⁴ · Σ|x·w|`
/// of ``conv2dReference(_:weight:bias:stride:padding:)``. Complexity: `2 · N · C' · H' · W' · C · KH · KW`
/// flops plus `N · C · KH · KW · H' · W'` im2col stores.
public func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1,
                   padding: ConvPadding = .valid, maxThreads: Int = availableCoreCount,
                   workspace: Conv2DWorkspace? = nil) -> Tensor {
    let g = Conv2DGeometry(input: input.shape, weight: weight.shape, stride: stride, padding: padding)
    if g.usesWinograd {
        return conv2dWinograd(input, weight: weight, bias: bias, plan: WinogradPlan(g, maxThreads: maxThreads),
                              maxThreads: maxThreads, workspace: workspace)
    }
    return conv2d(input, weight: weight, bias: bias, plan: Conv2DPlan(g, maxThreads: maxThreads),
                  maxThreads: maxThreads, workspace: workspace)
}

/// ``conv2d(_:weight:bias:stride:padding:maxThreads:workspace:)`` with a given plan (tests force one).
func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor?, plan: Conv2DPlan, maxThreads: Int,
            workspace: Conv2DWorkspace?) -> Tensor {
    let g = plan.geometry
    if let bias { precondition(bias.shape == [g.outChannels], "conv2d: bias is \(bias.shape), expected [\(g.outChannels)]") }
    let outputCount = Tensor.count(of: g.outputShape)
    guard outputCount > 0 else { return Tensor(zeros: g.outputShape) }
    let owner = workspace ?? Conv2DWorkspace()
    defer { withExtendedLifetime(owner) {} }  // the scratch pointer lives as long as its owner
    let scratch = owner.floats(plan.workspaceFloats)
    let gemmThreads = plan.threads == 1 ? min(maxThreads, conv2DCoreCount) : 1
    let (kk, p, cOut) = (g.patchSize, g.outputPlane, g.outChannels)

    let output = [Float](unsafeUninitializedCapacity: outputCount) { out, initialized in
        input.scalars.withUnsafeBufferPointer { x in
            weight.scalars.withUnsafeBufferPointer { w in
                let biasValues = bias?.scalars
                let shared = UnsafeSendable((x: x.baseAddress!, w: w.baseAddress!, out: out.baseAddress!, scratch: scratch))
                parallelFor(plan.threads) { part in
                    let (x, w, out) = (shared.value.x, shared.value.w, shared.value.out)
                    let space = Conv2DScratch(plan, base: shared.value.scratch, part: part)
                    space.preparePadding(plan)
                    for (first, count) in plan.groups(ofPart: part) {
                        let ld = count * p
                        for j in 0..<count {
                            space.im2colImage(plan, input: x, index: first + j, column: j * p, ld: ld)
                        }
                        // A single image goes straight into the output; a group goes through the gather
                        // buffer and is scattered to its images.
                        let product = count == 1 ? out + first * cOut * p : space.gather
                        convGEMM(m: cOut, n: ld, k: kk, a: w, lda: kk, b: space.columns, ldb: ld,
                                 c: product, ldc: ld, threads: gemmThreads)
                        for j in 0..<count {
                            for o in 0..<cOut {
                                let target = out + ((first + j) * cOut + o) * p
                                let value = biasValues?[o] ?? 0
                                if count == 1 {
                                    if value != 0 { addScalar(value, to: target, count: p) }
                                } else {
                                    copyAddingScalar(value, from: product + o * ld + j * p, to: target, count: p)
                                }
                            }
                        }
                    }
                }
            }
        }
        initialized = outputCount
    }
    return Tensor(shape: g.outputShape, scalars: output)
}

/// The backward pass of ``conv2d(_:weight:bias:stride:padding:maxThreads:workspace:)``: given
/// `G = ∂L/∂out` (`[N, C', H', W']`) for `input` and `weight`,
///
///     ∂L/∂w[o, c, ky, kx] = Σ_{n, y, x} G[n, o, y, x] · in[n, c, y·S + ky − PH, x·S + kx − PW]
///     ∂L/∂bias[o]         = Σ_{n, y, x} G[n, o, y, x]
///     ∂L/∂in[n, c, iy, ix] = Σ over the (o, ky, kx, y, x) with y·S + ky − PH = iy, x·S + kx − PW = ix
///                            of G[n, o, y, x] · w[o, c, ky, kx]
///
/// A weight is shared by every position of the image and every image of the batch, so its gradient is
/// the sum over all the places it was used. Skip `∂L/∂in` (`computesInputGradient: false`) for a
/// network's first layer, whose input gradient nobody needs.
///
/// Per-thread partial weight and bias gradients are added in a fixed order, so a run is bit-identical
/// to the next for the same `maxThreads`. Accuracy as the forward pass, with `N · H' · W'` terms per
/// weight-gradient entry and `C' · KH · KW` per input-gradient entry. Complexity: `4 · N · C' · H' · W' · C · KH · KW`
/// flops (half without the input gradient), plus im2col and col2im.
public func conv2dBackward(_ outputGradient: Tensor, input: Tensor, weight: Tensor, stride: Int = 1,
                           padding: ConvPadding = .valid, computesInputGradient: Bool = true,
                           maxThreads: Int = availableCoreCount, workspace: Conv2DWorkspace? = nil) -> Conv2DGradients {
    let g = Conv2DGeometry(input: input.shape, weight: weight.shape, stride: stride, padding: padding)
    if g.usesWinograd {
        return conv2dWinogradBackward(outputGradient, input: input, weight: weight, plan: WinogradPlan(g, maxThreads: maxThreads),
                                      computesInputGradient: computesInputGradient, maxThreads: maxThreads, workspace: workspace)
    }
    return conv2dBackward(outputGradient, input: input, weight: weight, plan: Conv2DPlan(g, maxThreads: maxThreads),
                          computesInputGradient: computesInputGradient, maxThreads: maxThreads, workspace: workspace)
}

/// ``conv2dBackward(_:input:weight:stride:padding:computesInputGradient:maxThreads:workspace:)`` with a
/// given plan (tests force one).
func conv2dBackward(_ outputGradient: Tensor, input: Tensor, weight: Tensor, plan: Conv2DPlan,
                    computesInputGradient: Bool, maxThreads: Int, workspace: Conv2DWorkspace?) -> Conv2DGradients {
    let g = plan.geometry
    precondition(outputGradient.shape == g.outputShape,
                 "conv2d backward: output gradient is \(outputGradient.shape), the forward gave \(g.outputShape)")
    let (kk, p, cOut) = (g.patchSize, g.outputPlane, g.outChannels)
    var weightGradient = [Float](repeating: 0, count: cOut * kk)
    var biasGradient = [Float](repeating: 0, count: cOut)
    // Each thread zeroes its own images just before col2im adds into them (in parallel, in cache), so the
    // array starts uninitialized; every image belongs to exactly one part.
    var inputGradient = computesInputGradient ? [Float](unsafeUninitializedCapacity: input.count) { $1 = input.count } : []
    guard g.batch > 0 else {
        return Conv2DGradients(input: computesInputGradient ? Tensor(zeros: input.shape) : nil,
                               weight: Tensor(shape: weight.shape, scalars: weightGradient),
                               bias: Tensor(shape: [cOut], scalars: biasGradient))
    }
    let owner = workspace ?? Conv2DWorkspace()
    defer { withExtendedLifetime(owner) {} }  // the scratch pointer lives as long as its owner
    let scratch = owner.floats(plan.workspaceFloats)
    let gemmThreads = plan.threads == 1 ? min(maxThreads, conv2DCoreCount) : 1
    let imageFloats = g.inChannels * g.inputPlane

    outputGradient.scalars.withUnsafeBufferPointer { dy in
        input.scalars.withUnsafeBufferPointer { x in
            weight.scalars.withUnsafeBufferPointer { w in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    let shared = UnsafeSendable((dy: dy.baseAddress!, x: x.baseAddress!, w: w.baseAddress!,
                                                 // (an empty array may still have an address: ask the flag)
                                                 dx: computesInputGradient ? dx.baseAddress : nil, scratch: scratch))
                    parallelFor(plan.threads) { part in
                        let (dy, x, w, dx) = (shared.value.dy, shared.value.x, shared.value.w, shared.value.dx)
                        let space = Conv2DScratch(plan, base: shared.value.scratch, part: part)
                        space.weight.initialize(repeating: 0, count: cOut * kk)
                        space.bias.initialize(repeating: 0, count: cOut)
                        space.preparePadding(plan)
                        for (first, count) in plan.groups(ofPart: part) {
                            let ld = count * p
                            // G for the group as one [C', count·P] matrix.
                            let gradient: UnsafePointer<Float>
                            if count == 1 {
                                gradient = dy + first * cOut * p
                            } else {
                                for j in 0..<count {
                                    for o in 0..<cOut {
                                        copyAddingScalar(0, from: dy + ((first + j) * cOut + o) * p,
                                                         to: space.gather + o * ld + j * p, count: p)
                                    }
                                }
                                gradient = UnsafePointer(space.gather)
                            }
                            for o in 0..<cOut { space.bias[o] += orderedSum(gradient + o * ld, count: ld) }
                            for j in 0..<count {
                                space.im2colImage(plan, input: x, index: first + j, column: j * p, ld: ld)
                            }
                            // ∂W += G · columnsᵀ: [C', ld] · [ld, C·KH·KW]. The GEMM first copies columnsᵀ into
                            // its panels (a strided copy of C·KH·KW · ld floats, 1/C' of the work per product):
                            // worth it for wide layers; narrow ones take dot products of the rows as they lie.
                            if cOut >= Conv2DPlan.minimumOutChannelsForWeightGEMM {
                                convGEMM(opB: .transposed, m: cOut, n: kk, k: ld, a: gradient, lda: ld,
                                         b: space.columns, ldb: ld, beta: 1, c: space.weight, ldc: kk, threads: gemmThreads)
                            } else {
                                addRowDotProducts(m: cOut, n: kk, k: ld, a: gradient, lda: ld, b: space.columns, ldb: ld,
                                                  c: space.weight, rowStride: kk, columnStride: 1)
                            }
                            guard let dx else { continue }
                            // ∂columns = Wᵀ · G: [C·KH·KW, C'] · [C', ld], over the columns (no longer needed).
                            convGEMM(opA: .transposed, m: kk, n: ld, k: cOut, a: w, lda: kk, b: gradient, ldb: ld,
                                     c: space.columns, ldc: ld, threads: gemmThreads)
                            for j in 0..<count {
                                let image = dx + (first + j) * imageFloats
                                image.initialize(repeating: 0, count: imageFloats)
                                col2im(g, columns: space.columns + j * p, ld: ld, image: image)
                            }
                        }
                    }
                }
            }
        }
    }
    // The deterministic reduction: partials added in thread order.
    for part in 0..<plan.threads {
        let space = Conv2DScratch(plan, base: scratch, part: part)
        weightGradient.withUnsafeMutableBufferPointer { addScalar(0, from: space.weight, to: $0.baseAddress!, count: cOut * kk) }
        for o in 0..<cOut { biasGradient[o] += space.bias[o] }
    }
    return Conv2DGradients(input: computesInputGradient ? Tensor(shape: input.shape, scalars: inputGradient) : nil,
                           weight: Tensor(shape: weight.shape, scalars: weightGradient),
                           bias: Tensor(shape: [cOut], scalars: biasGradient))
}
