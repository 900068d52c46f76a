/// A Float32 tensor: a shape and its elements in row-major order (the last index varies fastest).
///
/// A value type: copies share storage until one is written (the array's copy-on-write). Batches are
/// `[batch, features]` for dense layers and `[batch, channels, height, width]` (NCHW) for images.
public struct Tensor: Sendable, Equatable {
    /// The size of each dimension.
    public private(set) var shape: [Int]
    /// The elements, `shape.reduce(1, *)` of them, in row-major order.
    public var scalars: [Float]

    /// A tensor of `shape` holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in \(shape)")
        precondition(scalars.count == Self.count(of: shape),
                     "Tensor: shape \(shape) needs \(Self.count(of: shape)) elements, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` with every element `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: Self.count(of: shape)))
    }

    /// A tensor of `shape` filled with zeros.
    public init(zeros shape: [Int]) { self.init(repeating: 0, shape: shape) }

    /// The number of elements.
    public var count: Int { scalars.count }
    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The same elements under another shape with the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        precondition(Self.count(of: newShape) == count, "reshaped: \(shape) has \(count) elements, \(newShape) needs \(Self.count(of: newShape))")
        return Tensor(shape: newShape, scalars: scalars)
    }

    /// The element at a full index, e.g. `t[2, 0]`.
    public subscript(_ index: Int...) -> Float {
        get { scalars[offset(index)] }
        set { scalars[offset(index)] = newValue }
    }

    /// Rows `range` of the first dimension (for a batch: those samples), as a new tensor.
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0],
                     "rows: \(range) out of the first dimension of \(shape)")
        let stride = shape.isEmpty ? 1 : count / max(shape[0], 1)
        var newShape = shape
        newShape[0] = range.count
        return Tensor(shape: newShape, scalars: Array(scalars[range.lowerBound * stride..<range.upperBound * stride]))
    }

    /// The element count of `shape`.
    public static func count(of shape: [Int]) -> Int { shape.reduce(1, *) }

    private func offset(_ index: [Int]) -> Int {
        precondition(index.count == rank, "Tensor: index \(index) for shape \(shape)")
        var offset = 0
        for (i, n) in zip(index, shape) {
            precondition(i >= 0 && i < n, "Tensor: index \(index) out of shape \(shape)")
            offset = offset * n + i
        }
        return offset
    }
}
