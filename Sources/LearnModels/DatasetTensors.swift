import LearnData
import LearnTensor

extension Dataset.Split {
    /// Images `range` as a batch `[n, 1, rows, columns]` scaled from 0…255 to 0…1, as the course's
    /// networks take them.
    public func imageTensor(_ range: Range<Int>? = nil, rows: Int, columns: Int) -> Tensor {
        let range = range ?? 0..<count
        let pixels = rows * columns
        let scalars = images[range.lowerBound * pixels..<range.upperBound * pixels].map { Float($0) * (1 / 255) }
        return Tensor(shape: [range.count, 1, rows, columns], scalars: scalars)
    }

    /// Labels `range` as class indices.
    public func labelIndices(_ range: Range<Int>? = nil) -> [Int] {
        labels[range ?? 0..<count].map(Int.init)
    }
}
