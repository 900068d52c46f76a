import Foundation
import LearnCore

/// A greyscale picture read from a PGM file (Netpbm `P5` binary or `P2` text), for `learn predict --image`.
///
/// Pixels are scaled to 0…1 by the file's maximum value. PGM stores 0 as black; MNIST stores ink as
/// bright on black, so ``inkOnBlack()`` inverts a picture whose border is mostly light (a dark digit on
/// white paper) and leaves an MNIST-style one alone; ``ImagePreparation`` does the rest of what MNIST's
/// makers did (the ink's box scaled to 20 px, centred by its centre of mass).
public struct PGMImage: Equatable, Sendable {
    public var width: Int
    public var height: Int
    /// `width · height` values in 0…1, row-major.
    public var pixels: [Float]

    public init(width: Int, height: Int, pixels: [Float]) {
        precondition(pixels.count == width * height, "PGMImage: \(width) × \(height) needs \(width * height) pixels, got \(pixels.count)")
        self.width = width; self.height = height; self.pixels = pixels
    }

    /// Reads the file at `path`.
    public init(contentsOf path: String) throws(PGMError) {
        // 4096 × 4096 pixels as P2 text of five-digit values and spaces: under 128 MiB.
        let bytes: [UInt8]
        do { bytes = try RegularFile.read(path, limit: 1 << 27) } catch { throw .cannotRead(file: path, reason: error.reason) }
        try self.init(bytes: bytes, file: path)
    }

    /// Parses the bytes of a PGM file; `file` names it in errors.
    public init(bytes: [UInt8], file: String) throws(PGMError) {
        var position = 0
        // A header token: skips white space and `#` comments, returns the next run of non-space bytes.
        func token() -> String? {
            while position < bytes.count {
                if bytes[position] == UInt8(ascii: "#") {
                    while position < bytes.count && bytes[position] != 10 { position += 1 }
                } else if [9, 10, 13, 32].contains(bytes[position]) {
                    position += 1
                } else { break }
            }
            let start = position
            while position < bytes.count && ![9, 10, 13, 32].contains(bytes[position]) { position += 1 }
            return start < position ? String(decoding: bytes[start..<position], as: UTF8.self) : nil
        }
        guard let magic = token(), magic == "P5" || magic == "P2" else { throw .notPGM(file: file) }
        guard let w = token().flatMap(Int.init), let h = token().flatMap(Int.init), let maxValue = token().flatMap(Int.init),
              w > 0, h > 0, w <= 4096, h <= 4096, (1...65535).contains(maxValue) else {
            throw .badHeader(file: file)
        }
        let count = w * h
        var values = [Float](repeating: 0, count: count)
        if magic == "P5" {
            position += 1  // the single white-space byte after the maximum value
            let size = maxValue < 256 ? 1 : 2
            guard bytes.count - position >= count * size else { throw .truncated(file: file, expected: count, got: (bytes.count - position) / size) }
            for i in 0..<count {
                let v = size == 1 ? Int(bytes[position + i]) : Int(bytes[position + 2 * i]) << 8 | Int(bytes[position + 2 * i + 1])
                values[i] = Float(min(v, maxValue)) / Float(maxValue)
            }
        } else {
            for i in 0..<count {
                guard let t = token() else { throw .truncated(file: file, expected: count, got: i) }
                guard let v = Int(t), v >= 0 else { throw .badHeader(file: file) }
                values[i] = Float(min(v, maxValue)) / Float(maxValue)
            }
        }
        self.init(width: w, height: h, pixels: values)
    }

    /// Ink bright on a dark background, as in MNIST: inverted when the border is mostly light.
    public func inkOnBlack() -> PGMImage {
        var border: [Float] = []
        for x in 0..<width { border += [pixels[x], pixels[(height - 1) * width + x]] }
        for y in 0..<height { border += [pixels[y * width], pixels[y * width + width - 1]] }
        let mean = border.reduce(0, +) / Float(max(border.count, 1))
        return mean > 0.5 ? PGMImage(width: width, height: height, pixels: pixels.map { 1 - $0 }) : self
    }
}

/// Why a PGM file could not be read; each case names the file and prints as one line.
public enum PGMError: Error, Equatable, CustomStringConvertible {
    /// Missing, unreadable, not a regular file (a FIFO, a device) or too large; `reason` says which.
    case cannotRead(file: String, reason: String)
    case notPGM(file: String)
    case badHeader(file: String)
    case truncated(file: String, expected: Int, got: Int)

    public var description: String {
        switch self {
        case .cannotRead(let file, let reason): return "\(file): cannot read it (\(reason))"
        case .notPGM(let file): return "\(file): not a PGM image (expected a P5 or P2 header)"
        case .badHeader(let file): return "\(file): bad PGM header (width, height and maximum value must be positive; at most 4096 × 4096)"
        case .truncated(let file, let expected, let got): return "\(file): truncated PGM: \(expected) pixels expected, \(got) found"
        }
    }
}
