/// Appends little-endian integers to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }
}

/// Reads little-endian integers and strings from a byte array, throwing `.truncated` past `end`.
struct ByteReader {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    mutating func take(_ count: Int) throws(ModelArchiveError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= end - position else { throw .truncated }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) throws(ModelArchiveError) -> T {
        var value: T = 0
        for (i, b) in try take(MemoryLayout<T>.size).enumerated() { value |= T(b) << (8 * i) }
        return value
    }

    mutating func uint8() throws(ModelArchiveError) -> UInt8 { try integer(UInt8.self) }
    mutating func uint16() throws(ModelArchiveError) -> UInt16 { try integer(UInt16.self) }
    mutating func uint32() throws(ModelArchiveError) -> UInt32 { try integer(UInt32.self) }

    mutating func string(count: Int) throws(ModelArchiveError) -> String {
        let slice = try take(count)
        guard let text = String(validating: slice, as: UTF8.self) else { throw .malformed("a name or metadata is not UTF-8") }
        return text
    }

    static func uint64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * i) }
        return value
    }
}
