import Foundation

/// A tiny learnable dataset in the MNIST layout for the `learn train`, `eval` and `predict` tests:
/// 28 × 28 images of three shapes, so easy that softmax regression separates them in a few steps.
///
/// - class 0: a horizontal bar, 3 rows thick, across columns 2–25, at a row from 8 to 17;
/// - class 1: a vertical bar, 3 columns thick, down rows 2–25, at a column from 8 to 17;
/// - class 2: a cross of both diagonals.
///
/// Each is drawn with ink 180–255 on a background of noise 0–40 (seeded). Only class 2 inks the
/// corners, only class 0 the middle of the left and right edges, only class 1 the middle of the top
/// and bottom: a linear model separates them with a wide margin. With 600 training images (5 batches
/// of 128), `learn train logreg --epochs 2` gets all 60 test images right.
enum TinyDigits {
    static let size = 28
    static let classes = 3

    /// A small deterministic generator (64-bit LCG, high bits), independent of `learn`'s.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// One image of `label`, row-major bytes.
    static func image(_ label: Int, _ g: inout Generator) -> [UInt8] {
        var pixels = (0..<size * size).map { _ in UInt8(g.next(41)) }
        let ink = { (g: inout Generator) in UInt8(180 + g.next(76)) }
        switch label {
        case 0:
            let top = 8 + g.next(10)
            for y in top..<top + 3 { for x in 2..<26 { pixels[y * size + x] = ink(&g) } }
        case 1:
            let left = 8 + g.next(10)
            for y in 2..<26 { for x in left..<left + 3 { pixels[y * size + x] = ink(&g) } }
        default:
            for i in 2..<26 {
                pixels[i * size + i] = ink(&g)
                pixels[i * size + (size - 1 - i)] = ink(&g)
                pixels[i * size + min(i + 1, 25)] = ink(&g)
                pixels[i * size + (size - 2 - i)] = ink(&g)
            }
        }
        return pixels
    }

    /// `count` images cycling through the classes, and their labels.
    static func split(count: Int, seed: UInt64) -> (images: [UInt8], labels: [UInt8]) {
        var g = Generator(state: seed)
        var images: [UInt8] = [], labels: [UInt8] = []
        for i in 0..<count {
            images += image(i % classes, &g)
            labels.append(UInt8(i % classes))
        }
        return (images, labels)
    }

    /// Writes the four files (raw IDX) into `folder`: `train` training and `test` test images.
    static func write(to folder: URL, train: Int = 600, test: Int = 60) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let a = split(count: train, seed: 1), b = split(count: test, seed: 2)
        let files: [(String, [UInt8])] = [
            ("train-images-idx3-ubyte", DataFixture.idx([train, size, size], a.images)),
            ("train-labels-idx1-ubyte", DataFixture.idx([train], a.labels)),
            ("t10k-images-idx3-ubyte", DataFixture.idx([test, size, size], b.images)),
            ("t10k-labels-idx1-ubyte", DataFixture.idx([test], b.labels)),
        ]
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
    }

    /// A binary PGM (P5) of `width × height`: a dark vertical bar on light paper (the way a photo of a
    /// drawn "1" looks), which `learn predict` must invert and shrink to 28 × 28.
    static func darkBarPGM(width: Int = 56, height: Int = 56) -> Data {
        var pixels = [UInt8](repeating: 235, count: width * height)
        for y in height / 14..<height - height / 14 {
            for x in width * 13 / 28..<width * 16 / 28 { pixels[y * width + x] = 20 }
        }
        return Data(Array("P5\n\(width) \(height)\n255\n".utf8) + pixels)
    }
}
