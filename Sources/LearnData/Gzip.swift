import CZlib

/// Why gzip data could not be decompressed or compressed, in one line (zlib's own words where it has them).
public struct GzipError: Error, Equatable, CustomStringConvertible {
    public var message: String
    /// The limit the content went past, when that is the error (``Gzip/decompress(_:limit:)``).
    public var limitExceeded: Int?
    public init(_ message: String, limitExceeded: Int? = nil) { self.message = message; self.limitExceeded = limitExceeded }
    /// The content is longer than `limit` bytes.
    static func exceeding(_ limit: Int) -> GzipError {
        GzipError("unpacks to more than \(limit) bytes; not unpacked further", limitExceeded: limit)
    }
    public var description: String { message }
}

/// gzip (RFC 1952) through the system zlib: decompression of single- and multi-member files, and
/// compression (used by tests to build `.gz` fixtures).
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number `1f 8b`.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed content of every member of `compressed`, concatenated.
    ///
    /// `limit` bounds the output: it is asked, with the bytes produced so far, how many the content may
    /// hold (so a caller can read a header: ``FileContent`` allows what the IDX header states), before
    /// the output grows and at the end; more is `GzipError.limitExceeded`, and inflating stops there. So
    /// a small file that would unpack to gigabytes (a "gzip bomb") costs at most the limit in memory.
    /// The output starts small and grows by doubling, up to the last member's trailer (ISIZE, the size
    /// modulo 2³²) when that is within the limit, so a single-member file is not copied more than a few
    /// times. Trailing zero bytes after the last member are ignored, as `gzip -d` does; any other
    /// trailing bytes, a corrupt stream or a cut-off one are errors.
    public static func decompress(_ compressed: [UInt8],
                                  limit: (_ produced: ArraySlice<UInt8>) -> Int = { _ in .max }) throws(GzipError) -> [UInt8] {
        guard isCompressed(compressed) else { throw GzipError("not gzip data (no 1f 8b magic)") }
        guard compressed.count <= Int(UInt32.max) else { throw GzipError("more than 4 GiB of compressed data") }

        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw GzipError("zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }

        let hint = initialCapacity(for: compressed)
        var output = [UInt8](repeating: 0, count: min(hint, 1 << 16))
        var produced = 0
        var failure: GzipError? = nil
        compressed.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            // Each pass consumes input, produces output, grows the output (never past limit + 1), or ends.
            while true {
                if produced == output.count {
                    let most = limit(output[..<produced])
                    guard produced <= most else { failure = .exceeding(most); return }
                    let ceiling = most == .max ? most : most + 1
                    output.append(contentsOf: repeatElement(0, count: min(max(hint, output.count * 2), ceiling) - output.count))
                }
                let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                    let room = min(out.count - produced, Int(UInt32.max))
                    stream.next_out = out.baseAddress.map { $0 + produced }
                    stream.avail_out = UInt32(room)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    produced += room - Int(stream.avail_out)
                    return status
                }
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    let rest = Int(stream.avail_in)
                    if rest == 0 { return }
                    let start = input.count - rest
                    if input[start...].allSatisfy({ $0 == 0 }) { return }
                    guard rest >= 2, input[start] == 0x1F, input[start + 1] == 0x8B else {
                        failure = GzipError("\(rest) bytes of garbage after the gzip data")
                        return
                    }
                    inflateReset(&stream)  // the next member
                case Z_BUF_ERROR where produced == output.count:
                    continue  // out of room: grow and go on
                case Z_BUF_ERROR:
                    failure = GzipError("unexpected end of the compressed data (the file is cut off)")
                    return
                case Z_MEM_ERROR:
                    failure = GzipError("out of memory while inflating")
                    return
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    failure = GzipError("corrupt gzip data (\(reason))")
                    return
                }
            }
        }
        if let failure { throw failure }
        let most = limit(output[..<produced])
        guard produced <= most else { throw .exceeding(most) }
        output.removeSubrange(produced...)
        return output
    }

    /// `bytes` as one gzip member at compression `level` (0…9).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws(GzipError) -> [UInt8] {
        guard bytes.count <= Int(UInt32.max) else { throw GzipError("more than 4 GiB to compress") }
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw GzipError("zlib could not start deflating (level \(level))")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        var produced = 0
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(min(out.count, Int(UInt32.max)))
                let status = deflate(&stream, Z_FINISH)
                produced = out.count - Int(stream.avail_out)
                return status
            }
        }
        guard status == Z_STREAM_END else { throw GzipError("deflate did not finish (zlib status \(status))") }
        output.removeSubrange(produced...)
        return output
    }

    /// The output size to start from: the last member's ISIZE, bounded by deflate's best ratio (1032:1).
    static func initialCapacity(for compressed: [UInt8]) -> Int {
        let bound = compressed.count.multipliedReportingOverflow(by: 1032)
        let ceiling = bound.overflow ? Int.max : bound.partialValue
        guard compressed.count >= 18 else { return 64 }
        let tail = compressed.count - 4
        let stated = Int(compressed[tail]) | Int(compressed[tail + 1]) << 8 | Int(compressed[tail + 2]) << 16
            | Int(compressed[tail + 3]) << 24
        return max(64, min(stated, ceiling))
    }
}
