import LearnCore
import LearnTensor

/// The synthetic MNIST-shaped data the epoch and inference workloads run on, as bench/peers.py makes
/// it: 28 × 28 pixels uniform in [0, 1), labels 0–9, from a fixed seed, only whole batches of 128.
///
/// The numbers differ from NumPy's (another generator), which changes nothing measured: every kernel
/// does the same work whatever the pixels are.
struct BenchData {
    /// peers.py's `SEED`, `BATCH`, `EPOCH_IMAGES` and `INFERENCE_IMAGES`.
    static let seed: UInt64 = 20_240_601
    static let batch = 128
    static let epochImages = 60_000
    static let inferenceImages = 10_000

    /// `[n, 784]` (or `[n, 1, 28, 28]` with ``images``).
    var inputs: Tensor
    var labels: [Int]
    var count: Int { labels.count }

    /// The images an epoch of `samples` trains on: the last partial batch is dropped, as Radford's
    /// tutorial and peers.py do (but at least one batch).
    static func wholeBatches(_ samples: Int) -> Int { max(batch, samples / batch * batch) }

    /// `count` images as `[count, 784]` with labels, drawn from `seed`.
    init(count: Int, seed: UInt64 = BenchData.seed) {
        var generator = SplitMix64(seed: seed)
        // 24 random bits per pixel: exactly representable, in [0, 1).
        let pixels = [Float](unsafeUninitializedCapacity: count * 784) { out, initialized in
            for i in 0..<count * 784 { out[i] = Float(generator.next() >> 40) * 0x1p-24 }
            initialized = count * 784
        }
        inputs = Tensor(shape: [count, 784], scalars: pixels)
        labels = (0..<count).map { _ in Int(generator.next().multipliedFullWidth(by: 10).high) }
    }

    /// The same images as `[n, 1, 28, 28]`, as the convolutional networks take them.
    var images: Tensor { inputs.reshaped([count, 1, 28, 28]) }

    /// Samples `range` (a batch).
    func batch(_ range: Range<Int>, images: Bool) -> (inputs: Tensor, labels: [Int]) {
        let x = inputs.rows(range)
        return (images ? x.reshaped([range.count, 1, 28, 28]) : x, Array(labels[range]))
    }
}
