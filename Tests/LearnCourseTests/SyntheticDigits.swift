import Foundation
import LearnData

/// A small stand-in for MNIST, built in the tests so that they never need the real files: 28 × 28
/// images in which digit c is a vertical bar two pixels wide at columns 4 + 2c and 5 + 2c, rows 6…21,
/// full ink (255) but for a fainter first row (100), plus one faint pixel (50 + i mod 100) in row 25 that
/// makes every image different.
enum SyntheticDigits {
    static let side = 28

    /// The bytes of image `i`, whose label is `i mod 10`.
    static func image(_ i: Int) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: side * side)
        let c = i % 10
        for row in 6...21 {
            for column in [4 + 2 * c, 5 + 2 * c] { pixels[row * side + column] = row == 6 ? 100 : 255 }
        }
        pixels[25 * side + i % side] = UInt8(50 + i % 100)
        return pixels
    }

    /// `train` training and `test` test images (the test images continue the numbering).
    static func dataset(train: Int = 64, test: Int = 32) -> Dataset {
        func split(_ range: Range<Int>) -> Dataset.Split {
            Dataset.Split(images: range.flatMap(image), labels: range.map { UInt8($0 % 10) })
        }
        return Dataset(name: "synthetic", rows: side, columns: side, train: split(0..<train), test: split(train..<train + test))
    }
}
