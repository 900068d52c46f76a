import CZlib

/// gzip decompression fed in pieces: the output goes to a sink piece by piece, so a file is checked
/// (hashed, counted) without ever holding it, or its content, whole. The same rules as
/// ``Gzip/decompress(_:limit:)``: every member in turn, trailing zero bytes ignored, anything else
/// after the last member an error, and a stream cut off an error at ``finish()``.
final class GzipStream {
    /// zlib keeps a pointer back to its `z_stream`, so the stream lives at a fixed address.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var output = [UInt8](repeating: 0, count: 1 << 18)
    /// The last `inflate` ended a member, and no byte of another has come yet.
    private var memberEnded = false
    /// Only zero bytes have come since the last member ended.
    private var zeroTail = false

    init() throws(GzipError) {
        stream.initialize(to: z_stream())
        guard inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw GzipError("zlib could not start inflating")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Inflates `input` (the next piece of the compressed data), handing each piece of output to `sink`.
    func feed(_ input: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) throws(GzipError) -> Void) throws(GzipError) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        var rest = UnsafeRawBufferPointer(start: base, count: input.count)
        while !rest.isEmpty {
            if memberEnded || zeroTail {
                if rest.allSatisfy({ $0 == 0 }) { zeroTail = true; return }
                if zeroTail { throw GzipError("bytes of garbage after the gzip data") }
                inflateReset(stream)  // the next member
                memberEnded = false
            }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: rest.baseAddress!.assumingMemoryBound(to: UInt8.self))
            stream.pointee.avail_in = UInt32(min(rest.count, Int(UInt32.max)))
            let offered = Int(stream.pointee.avail_in)
            var status: Int32 = Z_OK
            // Each pass consumes input or produces output, until the input is used or a member ends.
            repeat {
                var refused: GzipError? = nil
                let produced = output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) -> Int in
                    stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    stream.pointee.avail_out = UInt32(out.count)
                    status = inflate(stream, Z_NO_FLUSH)
                    let produced = out.count - Int(stream.pointee.avail_out)
                    if produced > 0 {
                        do throws(GzipError) { try sink(UnsafeRawBufferPointer(rebasing: out[..<produced])) } catch { refused = error }
                    }
                    return produced
                }
                if let refused { throw refused }
                switch status {
                case Z_OK, Z_STREAM_END:
                    break
                case Z_BUF_ERROR where stream.pointee.avail_in == 0 || produced > 0:
                    break  // needs more input (or more room, which the next pass gives)
                case Z_MEM_ERROR:
                    throw GzipError("out of memory while inflating")
                default:
                    let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw GzipError("corrupt gzip data (\(reason))")
                }
            } while status != Z_STREAM_END && (stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0)
            let used = offered - Int(stream.pointee.avail_in)
            rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + used)...])
            if status == Z_STREAM_END { memberEnded = true }
        }
    }

    /// Ends the data: an error when the last member is cut off.
    func finish() throws(GzipError) {
        guard memberEnded || zeroTail else { throw GzipError("unexpected end of the compressed data (the file is cut off)") }
    }
}
