// The 3 × 3, stride-1 convolution by Winograd's F(2×2, 3×3) (the transforms are in
// `WinogradTransforms.swift`): 2.25 times fewer multiplications than the direct convolution, done as 16
// GEMMs, one per position ξ of the 4 × 4 transformed tile. For a group of images with T output tiles
// of 2 × 2 between them, everything channels-last (so the transforms run on eight channels at once, one per
// SIMD lane):
//
//     V[ξ] [T, C]  = (Bᵀ d B)[ξ] of every input tile and channel
//     U[ξ] [C, C'] = (G g Gᵀ)[ξ] of every filter                       (once per call)
//     M[ξ] [T, C'] = V[ξ] · U[ξ]                                        forward
//     out          = Aᵀ M A of every tile (+ bias), back to [N, C', H', W']
//
// and backward, with ∂M = A ∂Y Aᵀ of every output-gradient tile:
//
//     ∂U[ξ] += V[ξ]ᵀ · ∂M[ξ]      [C, C']   (summed over the groups), ∂g = Gᵀ ∂U G
//     ∂V[ξ]  = ∂M[ξ] · U[ξ]ᵀ      [T, C],   ∂input = Σ over the tiles of B ∂V Bᵀ
//
// Threads, workspace and determinism as in `Conv2D.swift`: the batch is cut into fixed contiguous parts,
// one per thread, each with its own slice of the workspace; partial ∂U and ∂bias are added in thread
// order afterwards, so a run is bit-identical to the next for the same thread count. Every thread writes
// only the output (or input-gradient) images of its own part and its own slice; the input, weights,
// U and the output gradient are only read; `parallelFor` returns after every thread has finished.
//
// Accuracy: not the direct convolution's. Each output is a sum over the channels of 16 products of
// transformed values, each a ± combination of up to 9 weights and 16 inputs of the tile, so its rounding
// error is bounded by the magnitudes of the whole 4 × 4 tile, not of the 3 × 3 window:
//
//     |out − exact| ≤ 4 · (C + 16) · 2⁻²⁴ · (Σ_c (Σ_{3×3} |g_oc|) · (Σ_{4×4 tile} |d_c|) + |bias|)
//
// (the 4 is the largest sum over ξ of |A|·|G|·|Bᵀ| products, 2 per axis; the 16 covers the channel sum's
// and the transforms' roundings). For random data that is several times the direct convolution's bound,
// `(9·C + 2) · 2⁻²⁴ · Σ|x·w|`; the error measured on the course's layers is under 1 % of the latter. The
// backward pass has the same form with the tile sums of |∂Y| in place of the filter's or the input's.
// `Conv2DWinogradTests` checks these bounds and states the measured error; `conv2dWinogradErrorBound`
// (`Conv2DWinogradBound.swift`) computes them for `learn bench`.

/// How one Winograd convolution call splits its work: `threads` parts of the batch, `group` images per
/// set of 16 GEMMs, and the sizes of each thread's scratch.
struct WinogradPlan {
    let geometry: Conv2DGeometry
    let threads: Int
    let group: Int
    /// Output tiles of 2 × 2 per column and per row of an image.
    let tilesY: Int, tilesX: Int
    /// The zero-padded channels-last input (and input-gradient) plane: rows and pixels per row; the
    /// output (and output-gradient) plane.
    let inputRows: Int, inputColumns: Int, outputRows: Int, outputColumns: Int
    /// Floats of one thread's slice: V (or ∂V), M (or ∂M), partial ∂U, partial ∂bias, three planes.
    let transformedFloats: Int, productFloats: Int, filterFloats: Int, biasFloats: Int
    let inputPlaneFloats: Int, outputPlaneFloats: Int

    /// A group of images is made at least this many tiles tall when the batch allows (the GEMMs' m).
    static let targetTiles = 256
    /// The smallest channel counts for which the GEMMs of the transformed domain pay off.
    static let minimumChannels = 8

    /// Whether Winograd F(2×2, 3×3) applies: a 3 × 3 kernel at stride 1, channel counts in and out that
    /// are multiples of 8 (the SIMD width of the transforms) and at least ``minimumChannels``, and an
    /// output of at least 2 × 2.
    static func applies(to g: Conv2DGeometry) -> Bool {
        g.kernelHeight == 3 && g.kernelWidth == 3 && g.stride == 1
            && g.inChannels >= minimumChannels && g.inChannels % 8 == 0
            && g.outChannels >= minimumChannels && g.outChannels % 8 == 0
            && g.outputHeight >= 2 && g.outputWidth >= 2
    }

    /// The plan for `g` (which must ``applies(to:)``) on at most `maxThreads` threads; tests may force
    /// the group size and a smaller threshold for a second thread.
    init(_ g: Conv2DGeometry, maxThreads: Int,
         minimumMultiplyAddsPerThread: Int = Conv2DPlan.minimumMultiplyAddsPerThread, group forcedGroup: Int? = nil) {
        precondition(Self.applies(to: g), "conv2d: Winograd F(2×2, 3×3) does not apply to \(g)")
        precondition(maxThreads >= 1, "conv2d: maxThreads is \(maxThreads)")
        geometry = g
        threads = max(1, min(maxThreads, conv2DCoreCount, g.batch, g.multiplyAdds / max(1, minimumMultiplyAddsPerThread)))
        (tilesY, tilesX) = ((g.outputHeight + 1) / 2, (g.outputWidth + 1) / 2)
        let perThread = (g.batch + threads - 1) / threads
        group = max(1, min(forcedGroup ?? (Self.targetTiles + tilesY * tilesX - 1) / (tilesY * tilesX), perThread))
        (inputRows, inputColumns) = (2 * tilesY + 2, 2 * tilesX + 2)
        (outputRows, outputColumns) = (2 * tilesY, 2 * tilesX)
        func padded(_ count: Int) -> Int { (count + 15) / 16 * 16 }  // 64-byte aligned slices
        let tiles = group * tilesY * tilesX
        transformedFloats = padded(16 * tiles * g.inChannels)
        productFloats = padded(16 * tiles * g.outChannels)
        filterFloats = padded(16 * g.inChannels * g.outChannels)
        biasFloats = padded(g.outChannels)
        inputPlaneFloats = padded(inputRows * inputColumns * g.inChannels)
        outputPlaneFloats = padded(outputRows * outputColumns * g.outChannels)
    }

    var tilesPerImage: Int { tilesY * tilesX }
    var floatsPerThread: Int { transformedFloats + productFloats + filterFloats + biasFloats + 2 * inputPlaneFloats + outputPlaneFloats }
    /// The transformed filters U, shared by the threads, then every thread's slice.
    var workspaceFloats: Int { filterFloats + threads * floatsPerThread }

    /// The images of part `t`.
    func images(ofPart t: Int) -> Range<Int> { (t * geometry.batch / threads)..<((t + 1) * geometry.batch / threads) }

    /// The groups of part `t`, as (first image, image count).
    func groups(ofPart t: Int) -> [(first: Int, count: Int)] {
        let part = images(ofPart: t)
        return stride(from: part.lowerBound, to: part.upperBound, by: group).map { ($0, min(group, part.upperBound - $0)) }
    }
}

/// One thread's slice of a Winograd workspace, and the steps that move data between the images
/// (`[N, C, H, W]`) and the transformed domain (channels-last).
private struct WinogradScratch {
    let plan: WinogradPlan
    let transformed: UnsafeMutablePointer<Float>, product: UnsafeMutablePointer<Float>
    let filter: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>
    let inputPlane: UnsafeMutablePointer<Float>, gradientPlane: UnsafeMutablePointer<Float>
    let outputPlane: UnsafeMutablePointer<Float>

    init(_ plan: WinogradPlan, base: UnsafeMutablePointer<Float>, part: Int) {
        self.plan = plan
        transformed = base + plan.filterFloats + part * plan.floatsPerThread
        product = transformed + plan.transformedFloats
        filter = product + plan.productFloats
        bias = filter + plan.filterFloats
        inputPlane = bias + plan.biasFloats
        gradientPlane = inputPlane + plan.inputPlaneFloats
        outputPlane = gradientPlane + plan.inputPlaneFloats
        // The planes' borders stay zero: only their interiors are overwritten.
        inputPlane.initialize(repeating: 0, count: plan.inputPlaneFloats)
        outputPlane.initialize(repeating: 0, count: plan.outputPlaneFloats)
    }

    /// Calls `body(ty, tx, t)` for every tile of an image, t = ty · tilesX + tx.
    @inline(__always)
    private func forEachTile(_ body: (_ ty: Int, _ tx: Int, _ tile: Int) -> Void) {
        for ty in 0..<plan.tilesY {
            for tx in 0..<plan.tilesX { body(ty, tx, ty * plan.tilesX + tx) }
        }
    }

    /// V of the images `first ..< first + count` of `input`: `[16][T][C]` in `transformed`.
    func transformInputs(_ input: UnsafePointer<Float>, first: Int, count: Int) {
        let g = plan.geometry, c = g.inChannels, tiles = count * plan.tilesPerImage
        let rows = min(g.inputHeight, plan.inputRows - g.paddingHeight)
        let columns = min(g.inputWidth, plan.inputColumns - g.paddingWidth)
        let (rowStride, pixelStride) = (plan.inputColumns * c, c)
        for j in 0..<count {
            // The image, channels-last, into the interior of the zero-bordered plane.
            let image = input + (first + j) * c * g.inputPlane
            for channel in 0..<c {
                for y in 0..<rows {
                    let source = image + channel * g.inputPlane + y * g.inputWidth
                    let target = inputPlane + (y + g.paddingHeight) * rowStride + g.paddingWidth * pixelStride + channel
                    for x in 0..<columns { target[x * pixelStride] = source[x] }
                }
            }
            forEachTile { ty, tx, tile in
                let origin = inputPlane + 2 * ty * rowStride + 2 * tx * pixelStride
                let destination = transformed + (j * plan.tilesPerImage + tile) * c
                for block in stride(from: 0, to: c, by: 8) {
                    winogradInputTransform(origin + block, rowStride: rowStride, pixelStride: pixelStride)
                        .store(destination + block, stride: tiles * c)
                }
            }
        }
    }

    /// ∂M of the images `first ..< first + count` of `outputGradient`: `[16][T][C']` in `product`; adds
    /// each channel's sum to the partial ∂bias.
    func transformOutputGradients(_ outputGradient: UnsafePointer<Float>, first: Int, count: Int) {
        let g = plan.geometry, cOut = g.outChannels, tiles = count * plan.tilesPerImage
        let (rowStride, pixelStride) = (plan.outputColumns * cOut, cOut)
        for j in 0..<count {
            let image = outputGradient + (first + j) * cOut * g.outputPlane
            for o in 0..<cOut {
                bias[o] += orderedSum(image + o * g.outputPlane, count: g.outputPlane)
                for y in 0..<g.outputHeight {
                    let source = image + o * g.outputPlane + y * g.outputWidth, target = outputPlane + y * rowStride + o
                    for x in 0..<g.outputWidth { target[x * pixelStride] = source[x] }
                }
            }
            forEachTile { ty, tx, tile in
                let origin = outputPlane + 2 * ty * rowStride + 2 * tx * pixelStride
                let destination = product + (j * plan.tilesPerImage + tile) * cOut
                for block in stride(from: 0, to: cOut, by: 8) {
                    let p = UnsafePointer(origin + block)
                    winogradOutputGradientTransform(lanes(p), lanes(p + pixelStride), lanes(p + rowStride), lanes(p + rowStride + pixelStride))
                        .store(destination + block, stride: tiles * cOut)
                }
            }
        }
    }

    /// `out = Aᵀ M A (+ bias)` for the images `first ..< first + count`, from `product`.
    func transformOutputs(into output: UnsafeMutablePointer<Float>, bias biasValues: [Float]?, first: Int, count: Int) {
        let g = plan.geometry, cOut = g.outChannels, tiles = count * plan.tilesPerImage
        let (rowStride, pixelStride) = (plan.outputColumns * cOut, cOut)
        for j in 0..<count {
            forEachTile { ty, tx, tile in
                let source = product + (j * plan.tilesPerImage + tile) * cOut
                let target = outputPlane + 2 * ty * rowStride + 2 * tx * pixelStride
                for block in stride(from: 0, to: cOut, by: 8) {
                    let (y00, y01, y10, y11) = winogradOutputTransform(TileLanes(loading: source + block, stride: tiles * cOut))
                    @inline(__always) func put(_ offset: Int, _ y: SIMD8<Float>) {
                        UnsafeMutableRawPointer(target + block + offset).storeBytes(of: y, as: SIMD8<Float>.self)
                    }
                    put(0, y00); put(pixelStride, y01); put(rowStride, y10); put(rowStride + pixelStride, y11)
                }
            }
            // Back to [C', H', W'], adding the bias.
            let image = output + (first + j) * cOut * g.outputPlane
            for o in 0..<cOut {
                let value = biasValues?[o] ?? 0
                for y in 0..<g.outputHeight {
                    let source = outputPlane + y * rowStride + o, target = image + o * g.outputPlane + y * g.outputWidth
                    for x in 0..<g.outputWidth { target[x] = source[x * pixelStride] + value }
                }
            }
        }
    }

    /// `∂input = Σ B ∂V Bᵀ` for the images `first ..< first + count`, from `transformed`, written over
    /// their input-gradient images.
    func transformInputGradients(into inputGradient: UnsafeMutablePointer<Float>, first: Int, count: Int) {
        let g = plan.geometry, c = g.inChannels, tiles = count * plan.tilesPerImage
        let (rowStride, pixelStride) = (plan.inputColumns * c, c)
        for j in 0..<count {
            gradientPlane.initialize(repeating: 0, count: plan.inputPlaneFloats)
            forEachTile { ty, tx, tile in
                let source = transformed + (j * plan.tilesPerImage + tile) * c
                let origin = gradientPlane + 2 * ty * rowStride + 2 * tx * pixelStride
                for block in stride(from: 0, to: c, by: 8) {
                    winogradInputGradientTransformAdding(TileLanes(loading: source + block, stride: tiles * c), into: origin + block,
                                                         rowStride: rowStride, pixelStride: pixelStride)
                }
            }
            let image = inputGradient + (first + j) * c * g.inputPlane
            for channel in 0..<c {
                for y in 0..<g.inputHeight {
                    let source = gradientPlane + (y + g.paddingHeight) * rowStride + g.paddingWidth * pixelStride + channel
                    let target = image + channel * g.inputPlane + y * g.inputWidth
                    for x in 0..<g.inputWidth { target[x] = source[x * pixelStride] }
                }
            }
        }
    }
}

/// `U = G g Gᵀ` of every filter of `weight` (`[C', C, 3, 3]`) into `u`, laid out `[16][C][C']`.
private func transformFilters(_ weight: UnsafePointer<Float>, _ g: Conv2DGeometry, into u: UnsafeMutablePointer<Float>) {
    let (c, cOut) = (g.inChannels, g.outChannels)
    for o in 0..<cOut {
        for channel in 0..<c { winogradFilterTransform(weight + 9 * (o * c + channel), into: u + channel * cOut + o, stride: c * cOut) }
    }
}

/// ``conv2d(_:weight:bias:stride:padding:maxThreads:workspace:)`` by Winograd F(2×2, 3×3), for a
/// geometry the plan ``WinogradPlan/applies(to:)``.
func conv2dWinograd(_ input: Tensor, weight: Tensor, bias: Tensor?, plan: WinogradPlan, maxThreads: Int,
                    workspace: Conv2DWorkspace?) -> Tensor {
    let g = plan.geometry
    if let bias { precondition(bias.shape == [g.outChannels], "conv2d: bias is \(bias.shape), expected [\(g.outChannels)]") }
    let owner = workspace ?? Conv2DWorkspace()
    defer { withExtendedLifetime(owner) {} }  // the scratch pointer lives as long as its owner
    let scratch = owner.floats(plan.workspaceFloats)
    let gemmThreads = plan.threads == 1 ? min(maxThreads, conv2DCoreCount) : 1
    let (c, cOut) = (g.inChannels, g.outChannels)
    weight.scalars.withUnsafeBufferPointer { transformFilters($0.baseAddress!, g, into: scratch) }
    let outputCount = Tensor.count(of: g.outputShape)

    let output = [Float](unsafeUninitializedCapacity: outputCount) { out, initialized in
        input.scalars.withUnsafeBufferPointer { x in
            let biasValues = bias?.scalars
            let shared = UnsafeSendable((x: x.baseAddress!, out: out.baseAddress!, scratch: scratch))
            parallelFor(plan.threads) { part in
                let space = WinogradScratch(plan, base: shared.value.scratch, part: part)
                let u = UnsafePointer(shared.value.scratch)
                for (first, count) in plan.groups(ofPart: part) {
                    let tiles = count * plan.tilesPerImage
                    space.transformInputs(shared.value.x, first: first, count: count)
                    for xi in 0..<16 {
                        convGEMM(m: tiles, n: cOut, k: c, a: space.transformed + xi * tiles * c, lda: c, b: u + xi * c * cOut, ldb: cOut,
                                 c: space.product + xi * tiles * cOut, ldc: cOut, threads: gemmThreads, packsA: false)
                    }
                    space.transformOutputs(into: shared.value.out, bias: biasValues, first: first, count: count)
                }
            }
        }
        initialized = outputCount
    }
    return Tensor(shape: g.outputShape, scalars: output)
}

/// ``conv2dBackward(_:input:weight:stride:padding:computesInputGradient:maxThreads:workspace:)`` by
/// Winograd F(2×2, 3×3), for a geometry the plan ``WinogradPlan/applies(to:)``.
func conv2dWinogradBackward(_ outputGradient: Tensor, input: Tensor, weight: Tensor, plan: WinogradPlan,
                            computesInputGradient: Bool, maxThreads: Int, workspace: Conv2DWorkspace?) -> Conv2DGradients {
    let g = plan.geometry
    precondition(outputGradient.shape == g.outputShape,
                 "conv2d backward: output gradient is \(outputGradient.shape), the forward gave \(g.outputShape)")
    let (c, cOut) = (g.inChannels, g.outChannels)
    let owner = workspace ?? Conv2DWorkspace()
    defer { withExtendedLifetime(owner) {} }  // the scratch pointer lives as long as its owner
    let scratch = owner.floats(plan.workspaceFloats)
    let gemmThreads = plan.threads == 1 ? min(maxThreads, conv2DCoreCount) : 1
    weight.scalars.withUnsafeBufferPointer { transformFilters($0.baseAddress!, g, into: scratch) }
    var inputGradient = computesInputGradient ? [Float](unsafeUninitializedCapacity: input.count) { $1 = input.count } : []

    outputGradient.scalars.withUnsafeBufferPointer { dy in
        input.scalars.withUnsafeBufferPointer { x in
            inputGradient.withUnsafeMutableBufferPointer { dx in
                let shared = UnsafeSendable((dy: dy.baseAddress!, x: x.baseAddress!, scratch: scratch,
                                             // (an empty array may still have an address: ask the flag)
                                             dx: computesInputGradient ? dx.baseAddress : nil))
                parallelFor(plan.threads) { part in
                    let space = WinogradScratch(plan, base: shared.value.scratch, part: part)
                    let u = UnsafePointer(shared.value.scratch)
                    space.filter.initialize(repeating: 0, count: 16 * c * cOut)
                    space.bias.initialize(repeating: 0, count: cOut)
                    for (first, count) in plan.groups(ofPart: part) {
                        let tiles = count * plan.tilesPerImage
                        space.transformInputs(shared.value.x, first: first, count: count)
                        space.transformOutputGradients(shared.value.dy, first: first, count: count)
                        for xi in 0..<16 {
                            let dm = space.product + xi * tiles * cOut, v = space.transformed + xi * tiles * c
                            // ∂U[ξ] += V[ξ]ᵀ · ∂M[ξ]
                            convGEMM(opA: .transposed, m: c, n: cOut, k: tiles, a: v, lda: c, b: dm, ldb: cOut,
                                     beta: 1, c: space.filter + xi * c * cOut, ldc: cOut, threads: gemmThreads, packsA: false)
                            // ∂V[ξ] = ∂M[ξ] · U[ξ]ᵀ, over V[ξ] (no longer needed).
                            if shared.value.dx != nil {
                                convGEMM(opB: .transposed, m: tiles, n: c, k: cOut, a: dm, lda: cOut, b: u + xi * c * cOut, ldb: cOut,
                                         c: v, ldc: c, threads: gemmThreads, packsA: false)
                            }
                        }
                        if let dx = shared.value.dx { space.transformInputGradients(into: dx, first: first, count: count) }
                    }
                }
            }
        }
    }
    // The deterministic reduction: partials added in thread order, then ∂g = Gᵀ ∂U G.
    let filters = cOut * c
    var transformedGradient = [Float](repeating: 0, count: 16 * filters)
    var biasGradient = [Float](repeating: 0, count: cOut)
    for part in 0..<plan.threads {
        let space = WinogradScratch.partials(plan, base: scratch, part: part)
        transformedGradient.withUnsafeMutableBufferPointer { addScalar(0, from: space.filter, to: $0.baseAddress!, count: 16 * filters) }
        for o in 0..<cOut { biasGradient[o] += space.bias[o] }
    }
    let weightGradient = [Float](unsafeUninitializedCapacity: 9 * filters) { dw, initialized in
        transformedGradient.withUnsafeBufferPointer { du in
            for o in 0..<cOut {
                for channel in 0..<c {
                    winogradFilterGradientTransform(du.baseAddress! + channel * cOut + o, stride: filters,
                                                    into: dw.baseAddress! + 9 * (o * c + channel))
                }
            }
        }
        initialized = 9 * filters
    }
    return Conv2DGradients(input: computesInputGradient ? Tensor(shape: input.shape, scalars: inputGradient) : nil,
                           weight: Tensor(shape: weight.shape, scalars: weightGradient),
                           bias: Tensor(shape: [cOut], scalars: biasGradient))
}

private extension WinogradScratch {
    /// Where part `part`'s partial ∂U and ∂bias lie, without touching its planes.
    static func partials(_ plan: WinogradPlan, base: UnsafeMutablePointer<Float>, part: Int)
        -> (filter: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>) {
        let filter = base + plan.filterFloats + part * plan.floatsPerThread + plan.transformedFloats + plan.productFloats
        return (filter, filter + plan.filterFloats)
    }
}
