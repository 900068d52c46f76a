/// An IDX file, the format of MNIST (LeCun et al.): dimensions and row-major unsigned bytes.
///
/// Layout: a magic `00 00 08 NN` (0x08: unsigned bytes; NN: the number of dimensions), NN sizes as
/// big-endian 32-bit integers, then size₀·size₁·…·size_NN−1 bytes, the last dimension varying fastest.
/// Images are `count × rows × columns` (magic 0x00000803), labels `count` (0x00000801).
public struct IDX: Equatable, Sendable {
    /// The size of each dimension, outermost first.
    public var dimensions: [Int]
    /// The data, row-major; `bytes.count` is the product of `dimensions`.
    public var bytes: [UInt8]

    /// An IDX value from its parts; the caller promises that the sizes agree.
    public init(dimensions: [Int], bytes: [UInt8]) {
        precondition(dimensions.count <= 255 && dimensions.allSatisfy { (0...Int(UInt32.max)).contains($0) },
                     "IDX: dimensions \(dimensions) do not fit the format")
        precondition(dimensions.reduce(1, *) == bytes.count,
                     "IDX: dimensions \(dimensions) hold \(dimensions.reduce(1, *)) bytes, got \(bytes.count)")
        self.dimensions = dimensions
        self.bytes = bytes
    }

    /// Parses a whole IDX file's bytes (already decompressed); `file` names it in errors.
    ///
    /// Every length is checked before it is used, so no input can crash it: a short file is
    /// `.truncated`, a long one `.trailingBytes`, and sizes whose product overflows `.tooLarge`.
    public init(parsing data: consuming [UInt8], file: String) throws(IDXError) {
        guard data.count >= 4 else {
            if data.count >= 2, data[0] != 0 || data[1] != 0 { throw .badMagic(file: file, found: Array(data)) }
            throw .truncated(file: file, expected: 4, got: data.count)
        }
        guard data[0] == 0, data[1] == 0 else { throw .badMagic(file: file, found: Array(data[0..<4])) }
        guard data[2] == 0x08 else { throw .unsupportedType(file: file, code: data[2]) }
        let rank = Int(data[3])
        let headerSize = 4 + 4 * rank
        guard data.count >= headerSize else { throw .truncated(file: file, expected: headerSize, got: data.count) }

        var dimensions: [Int] = []
        dimensions.reserveCapacity(rank)
        var total = 1, overflow = false
        for d in 0..<rank {
            let at = 4 + 4 * d
            let size = Int(data[at]) << 24 | Int(data[at + 1]) << 16 | Int(data[at + 2]) << 8 | Int(data[at + 3])
            dimensions.append(size)
            let product = total.multipliedReportingOverflow(by: size)
            total = product.partialValue
            overflow = overflow || product.overflow
        }
        let sum = total.addingReportingOverflow(headerSize)
        guard !overflow, !sum.overflow else { throw .tooLarge(file: file, dimensions: dimensions) }
        let expected = sum.partialValue
        guard data.count >= expected else { throw .truncated(file: file, expected: expected, got: data.count) }
        guard data.count == expected else { throw .trailingBytes(file: file, expected: expected, got: data.count) }

        var body = data
        body.removeSubrange(0..<headerSize)
        self.dimensions = dimensions
        self.bytes = body
    }

    /// The whole file's size (header and data) that the header at the start of `header` states, or nil
    /// when `header` is not that far yet, is not an IDX header of unsigned bytes, or states a size that
    /// overflows. Lets ``FileContent`` stop unpacking where a well-formed file would end.
    public static func statedSize(header: ArraySlice<UInt8>) -> Int? {
        let start = header.startIndex
        guard header.count >= 4, header[start] == 0, header[start + 1] == 0, header[start + 2] == 0x08 else { return nil }
        let rank = Int(header[start + 3])
        guard header.count >= 4 + 4 * rank else { return nil }
        var total = 4 + 4 * rank
        var data = 1
        for d in 0..<rank {
            let at = start + 4 + 4 * d
            let size = Int(header[at]) << 24 | Int(header[at + 1]) << 16 | Int(header[at + 2]) << 8 | Int(header[at + 3])
            let product = data.multipliedReportingOverflow(by: size)
            guard !product.overflow else { return nil }
            data = product.partialValue
        }
        let sum = total.addingReportingOverflow(data)
        guard !sum.overflow else { return nil }
        total = sum.partialValue
        return total
    }

    /// Reads and parses the file at `path`, raw or gzip-compressed.
    public init(contentsOf path: String) throws(IDXError) {
        try self.init(parsing: try FileContent.read(path), file: path)
    }

    /// The file's bytes: magic, big-endian dimensions, data.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        out.reserveCapacity(4 + 4 * dimensions.count + bytes.count)
        for size in dimensions {
            let s = UInt32(size)
            out += [UInt8(s >> 24), UInt8(s >> 16 & 0xFF), UInt8(s >> 8 & 0xFF), UInt8(s & 0xFF)]
        }
        return out + bytes
    }
}
