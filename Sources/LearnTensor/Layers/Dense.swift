import LearnCore

/// A fully connected layer: `y = x · W + b` for a batch `x` of shape `[batch, in]`, weights `W` of shape
/// `[in, out]` (row i holds the weights leaving input i) and an optional bias `b` of shape `[out]`
/// (Radford's networks have none); `y` is `[batch, out]`.
///
/// An input of rank above 2 is read as `[batch, product of the rest]` in row-major order (as ``Flatten``
/// would), and ∂L/∂input comes back in the input's shape.
///
/// Backward, for `G = ∂L/∂y` `[batch, out]`:
/// - `∂L/∂W += xᵀ · G` (`[in, out]`), `∂L/∂b += Σ_rows G` (`[out]`),
/// - `∂L/∂x = G · Wᵀ` (`[batch, in]`), skipped when ``computesInputGradient`` is false.
///
/// All three products run on ``gemm(opA:opB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:maxThreads:)`` (`∂L/∂W`
/// accumulates in place with `beta = 1`). Complexity: `2 · batch · in · out` flops forward, twice that
/// backward. Parameters are named `<name>.weight` and `<name>.bias`, e.g. `dense1.weight`.
public final class Dense: Layer, InputGradientOptional {
    /// `[in, out]`.
    public let weight: Parameter
    /// `[out]`, or nil for a layer without bias.
    public let bias: Parameter?
    /// Whether ``backward(_:)`` computes ∂L/∂input. ``Network/backwardToParameters(_:)`` turns it off on
    /// the first layer with weights, whose input gradient nobody uses: that saves a third of the layer's
    /// backward work, and `backward` then returns zeros.
    public var computesInputGradient = true
    /// Threads the matrix products may use.
    public var maxThreads = availableCoreCount

    private var savedInput: Tensor?

    /// The number of inputs, `in`.
    public var inputCount: Int { weight.value.shape[0] }
    /// The number of outputs, `out`.
    public var outputCount: Int { weight.value.shape[1] }

    /// A layer with the caller's weights `[in, out]` and bias `[out]` (or nil).
    public init(name: String, weight: Tensor, bias: Tensor?) {
        precondition(weight.rank == 2 && weight.shape[0] >= 1 && weight.shape[1] >= 1,
                     "Dense \(name): weight must be [in, out] with in, out ≥ 1, got \(weight.shape)")
        if let bias { precondition(bias.shape == [weight.shape[1]], "Dense \(name): bias is \(bias.shape), expected [\(weight.shape[1])]") }
        self.weight = Parameter(name: "\(name).weight", value: weight)
        self.bias = bias.map { Parameter(name: "\(name).bias", value: $0) }
    }

    /// A layer `inputs → outputs` with weights drawn by `initialization` from `generator` (so a seed fixes
    /// them; fanIn = inputs, fanOut = outputs) and, if `hasBias`, a zero bias.
    public convenience init(name: String, inputs: Int, outputs: Int, hasBias: Bool = true,
                            initialization: Initialization = .glorotUniform, generator: inout SplitMix64) {
        precondition(inputs >= 1 && outputs >= 1, "Dense \(name): \(inputs) → \(outputs)")
        let weight = initialization.tensor(shape: [inputs, outputs], fanIn: inputs, fanOut: outputs, generator: &generator)
        self.init(name: name, weight: weight, bias: hasBias ? Tensor(zeros: [outputs]) : nil)
    }

    /// As the initializer with a generator, seeded with `seed`.
    public convenience init(name: String, inputs: Int, outputs: Int, hasBias: Bool = true,
                            initialization: Initialization = .glorotUniform, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        self.init(name: name, inputs: inputs, outputs: outputs, hasBias: hasBias, initialization: initialization,
                  generator: &generator)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let batch = checkedBatch(input)
        let (n, k) = (outputCount, inputCount)
        if training { savedInput = input }
        let output = [Float](unsafeUninitializedCapacity: batch * n) { out, initialized in
            initialized = batch * n
            guard batch > 0 else { return }
            input.scalars.withUnsafeBufferPointer { x in
                weight.value.scalars.withUnsafeBufferPointer { w in
                    gemm(m: batch, n: n, k: k, a: x.baseAddress!, lda: k, b: w.baseAddress!, ldb: n,
                         beta: 0, c: out.baseAddress!, ldc: n, maxThreads: maxThreads)
                }
            }
            if let bias {
                bias.value.scalars.withUnsafeBufferPointer { b in
                    for row in 0..<batch {
                        let y = out.baseAddress! + row * n
                        for j in 0..<n { y[j] += b[j] }
                    }
                }
            }
        }
        return Tensor(shape: [batch, n], scalars: output)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input = savedInput else { preconditionFailure("Dense \(weight.name): backward without a training forward") }
        let batch = input.shape[0], (n, k) = (outputCount, inputCount)
        precondition(outputGradient.shape == [batch, n],
                     "Dense \(weight.name): output gradient is \(outputGradient.shape), expected [\(batch), \(n)]")
        guard batch > 0 else { return Tensor(zeros: input.shape) }
        outputGradient.scalars.withUnsafeBufferPointer { g in
            // ∂L/∂W += xᵀ · G: op(A) = xᵀ is [k × batch] stored as x [batch × k].
            input.scalars.withUnsafeBufferPointer { x in
                weight.gradient.scalars.withUnsafeMutableBufferPointer { dw in
                    gemm(opA: .transposed, m: k, n: n, k: batch, a: x.baseAddress!, lda: k, b: g.baseAddress!, ldb: n,
                         beta: 1, c: dw.baseAddress!, ldc: n, maxThreads: maxThreads)
                }
            }
            if let bias {
                bias.gradient.scalars.withUnsafeMutableBufferPointer { db in
                    for row in 0..<batch {
                        let gRow = g.baseAddress! + row * n
                        for j in 0..<n { db[j] += gRow[j] }
                    }
                }
            }
        }
        guard computesInputGradient else { return Tensor(zeros: input.shape) }
        // ∂L/∂x = G · Wᵀ: op(B) = Wᵀ is [n × k] stored as W [k × n].
        let inputGradient = [Float](unsafeUninitializedCapacity: batch * k) { dx, initialized in
            initialized = batch * k
            outputGradient.scalars.withUnsafeBufferPointer { g in
                weight.value.scalars.withUnsafeBufferPointer { w in
                    gemm(opB: .transposed, m: batch, n: k, k: n, a: g.baseAddress!, lda: n, b: w.baseAddress!, ldb: n,
                         beta: 0, c: dx.baseAddress!, ldc: k, maxThreads: maxThreads)
                }
            }
        }
        return Tensor(shape: input.shape, scalars: inputGradient)
    }

    public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

    /// E.g. `Dense 784 → 625` or `Dense 784 → 625, no bias`.
    public var summary: String { "Dense \(inputCount) → \(outputCount)" + (bias == nil ? ", no bias" : "") }

    /// The batch size of `input`, after checking that each sample holds `in` features.
    private func checkedBatch(_ input: Tensor) -> Int {
        precondition(input.rank >= 2 && input.count == input.shape[0] * inputCount,
                     "Dense \(weight.name): input is \(input.shape), expected [batch, \(inputCount)]")
        return input.shape[0]
    }
}
