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
        do { bytes = try RegularFile.read(path, limit: 1 << 27) } catch {
            // Too large for any picture of at most 4096 × 4096 (P2 text included): bad data, not unreadable.
            if let size = error.sizeOverLimit { throw .badHeader(file: path, reason: "the file is \(size) bytes, more than a 4096 × 4096 picture needs") }
            throw .cannotRead(file: path, reason: error.reason)
        }
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
        // A header number: a whole number in `range`, else one line saying which field and why.
        func field(_ name: String, in range: ClosedRange<Int>) throws(PGMError) -> Int {
            guard let text = token() else { throw .badHeader(file: file, reason: "no \(name) (the file ends in the header)") }
            guard text.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(text), range.contains(value) else {
                throw .badHeader(file: file, reason: "the \(name) is '\(Self.shortened(text))', expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        // 4096 × 4096 bounds the memory a header can ask for (64 MiB of pixels).
        let w = try field("width", in: 1...4096), h = try field("height", in: 1...4096)
        let maxValue = try field("maximum value", in: 1...65535)
        let count = w * h
        var values = [Float](repeating: 0, count: count)
        // A pixel above the header's maximum is bad data, not something to clamp silently.
        func scaled(_ v: Int, at i: Int, text: String? = nil) throws(PGMError) -> Float {
            guard v <= maxValue else {
                throw .pixelAboveMaximum(file: file, row: i / w, column: i % w, value: text ?? String(v), maximum: maxValue)
            }
            return Float(v) / Float(maxValue)
        }
        if magic == "P5" {
            position += 1  // the single white-space byte after the maximum value
            let size = maxValue < 256 ? 1 : 2
            let available = max(0, bytes.count - position)
            guard available >= count * size else { throw .truncated(file: file, expected: count, got: available / size) }
            for i in 0..<count {
                let v = size == 1 ? Int(bytes[position + i]) : Int(bytes[position + 2 * i]) << 8 | Int(bytes[position + 2 * i + 1])
                values[i] = try scaled(v, at: i)
            }
        } else {
            for i in 0..<count {
                guard let t = token() else { throw .truncated(file: file, expected: count, got: i) }
                guard t.utf8.allSatisfy({ (48...57).contains($0) }) else {
                    throw .badPixel(file: file, row: i / w, column: i % w, text: Self.shortened(t))
                }
                // More digits than an Int holds is above any maximum.
                values[i] = try scaled(Int(t) ?? Int.max, at: i, text: Self.shortened(t))
            }
        }
        self.init(width: w, height: h, pixels: values)
    }

    /// A token from the file as an error quotes it: at most 20 characters, then `…`.
    static func shortened(_ text: String) -> String { text.count > 20 ? String(text.prefix(20)) + "…" : text }

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
    /// A header field missing, not a whole number, or out of range (width and height 1…4096, maximum
    /// value 1…65535); `reason` says which.
    case badHeader(file: String, reason: String)
    case truncated(file: String, expected: Int, got: Int)
    /// A pixel (row and column from 0, row 0 at the top) above the maximum value the header states.
    case pixelAboveMaximum(file: String, row: Int, column: Int, value: String, maximum: Int)
    /// A P2 pixel that is not a whole number.
    case badPixel(file: String, row: Int, column: Int, text: String)

    public var description: String {
        switch self {
        case .cannotRead(let file, let reason): return "\(file): cannot read it (\(reason))"
        case .notPGM(let file): return "\(file): not a PGM image (expected a P5 or P2 header)"
        case .badHeader(let file, let reason): return "\(file): bad PGM header: \(reason)"
        case .truncated(let file, let expected, let got): return "\(file): truncated PGM: \(expected) pixels expected, \(got) found"
        case .pixelAboveMaximum(let file, let row, let column, let value, let maximum):
            return "\(file): the pixel at row \(row), column \(column) (from 0) is \(value), above the header's maximum value \(maximum)"
        case .badPixel(let file, let row, let column, let text):
            return "\(file): the pixel at row \(row), column \(column) (from 0) is '\(text)', not a whole number"
        }
    }
}
