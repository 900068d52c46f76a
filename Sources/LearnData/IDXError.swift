/// Why an IDX file or a dataset could not be read. Every case names its file and prints as one line.
public enum IDXError: Error, Equatable, CustomStringConvertible {
    /// The file is missing or unreadable; `reason` is the system's ("No such file or directory").
    case cannotRead(file: String, reason: String)
    /// The file starts like gzip but does not decompress.
    case gzip(file: String, message: String)
    /// The first bytes are not `00 00 TT NN`.
    case badMagic(file: String, found: [UInt8])
    /// An element type other than 0x08 (unsigned byte).
    case unsupportedType(file: String, code: UInt8)
    /// The header promises `expected` bytes in all; the file has `got`.
    case truncated(file: String, expected: Int, got: Int)
    /// The file has `got` bytes; the header accounts for `expected`.
    case trailingBytes(file: String, expected: Int, got: Int)
    /// The product of the dimensions does not fit in memory.
    case tooLarge(file: String, dimensions: [Int])
    /// The file, or its content once unpacked, is longer than `limit` bytes: the most its IDX header
    /// states, or the most a dataset file may hold (``FileContent/maximumSize``) when the header says
    /// nothing usable. Checked while reading, so a gzip bomb is never unpacked whole.
    case tooLong(file: String, limit: Int, why: String)
    /// The file has the wrong number of dimensions for its role (3 for images, 1 for labels).
    case wrongRank(file: String, expected: Int, dimensions: [Int])
    /// A label outside 0…9.
    case labelOutOfRange(file: String, index: Int, label: UInt8)
    /// The images file and the labels file of one split disagree on the number of examples.
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// The test images are not the size of the train images.
    case imageSizeMismatch(file: String, size: [Int], expected: [Int])
    /// Images of no pixels (a size of 0 rows or 0 columns).
    case emptyImages(file: String, size: [Int])

    /// The file the error is about (the images file for a count mismatch).
    public var file: String {
        switch self {
        case .cannotRead(let file, _), .gzip(let file, _), .badMagic(let file, _), .unsupportedType(let file, _),
             .truncated(let file, _, _), .trailingBytes(let file, _, _), .tooLarge(let file, _), .tooLong(let file, _, _),
             .wrongRank(let file, _, _), .labelOutOfRange(let file, _, _), .imageSizeMismatch(let file, _, _),
             .emptyImages(let file, _):
            return file
        case .countMismatch(let images, _, _, _):
            return images
        }
    }

    public var description: String {
        switch self {
        case .cannotRead(let file, let reason):
            return "\(file): cannot read it (\(reason))"
        case .gzip(let file, let message):
            return "\(file): \(message)"
        case .badMagic(let file, let found):
            let hex = found.map { String($0, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
            return "\(file): not an IDX file (it starts \(hex.isEmpty ? "with nothing" : hex), an IDX file with 00 00 08)"
        case .unsupportedType(let file, let code):
            return "\(file): IDX element type 0x\(String(code, radix: 16).leftPadded(to: 2)) is not supported (only 0x08, unsigned bytes)"
        case .truncated(let file, let expected, let got):
            return "\(file): truncated: the header promises \(expected) bytes, the file has \(got)"
        case .trailingBytes(let file, let expected, let got):
            return "\(file): \(got - expected) bytes after the data (the header accounts for \(expected), the file has \(got))"
        case .tooLarge(let file, let dimensions):
            return "\(file): dimensions \(dimensions.map(String.init).joined(separator: " × ")) are too large"
        case .tooLong(let file, let limit, let why):
            return "\(file): more than \(limit) bytes \(why); not read further"
        case .wrongRank(let file, let expected, let dimensions):
            let what = expected == 3 ? "images (count × rows × columns)" : "labels (count)"
            return "\(file): expected \(what), \(expected) dimension\(expected == 1 ? "" : "s"), got \(dimensions.count): \(dimensions)"
        case .labelOutOfRange(let file, let index, let label):
            return "\(file): label \(label) at index \(index) is not a class 0…9"
        case .countMismatch(let images, let imageCount, let labels, let labelCount):
            return "\(images): \(imageCount) images, but \(labels) has \(labelCount) labels"
        case .emptyImages(let file, let size):
            return "\(file): images of \(size.map(String.init).joined(separator: "×")) pixels hold nothing to read"
        case .imageSizeMismatch(let file, let size, let expected):
            return "\(file): images are \(size.map(String.init).joined(separator: "×")), the train images \(expected.map(String.init).joined(separator: "×"))"
        }
    }
}

extension String {
    /// `self` with zeros in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
