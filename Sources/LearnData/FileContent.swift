#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LearnCore

/// The content of a dataset file: its bytes, gunzipped when they start with the gzip magic (whatever
/// the file is called).
public enum FileContent {
    /// The most content a dataset file may hold, 1 GiB: MNIST's largest file is 47,040,016 bytes, and
    /// EMNIST's largest about 550 MB. A larger file, or one that unpacks to more, is refused.
    public static let maximumSize = 1 << 30

    /// Reads `path` whole and decompresses it if it is gzip, never holding more than its IDX header
    /// states (plus the compressed bytes), nor more than `maximum` bytes of content. The file must be a
    /// regular file (a FIFO or a device is refused at once, ``RegularFile``).
    ///
    /// With `checksHeader` (for parsing), a file that is not gzip and whose size on disk is not what
    /// its IDX header states is refused from the header, before it is read; without it (for a checksum
    /// of whatever the file holds) it is read as it is.
    public static func read(_ path: String, maximum: Int = maximumSize, checksHeader: Bool = true) throws(IDXError) -> [UInt8] {
        if checksHeader { try checkRawHeader(path, maximum: maximum) }
        let raw: [UInt8]
        do { raw = try RegularFile.read(path, limit: maximum) } catch {
            if let size = error.sizeOverLimit {
                throw .tooLong(file: path, limit: maximum, why: "(the file is \(size)), the most a dataset file may hold")
            }
            throw .cannotRead(file: path, reason: error.reason)
        }
        guard Gzip.isCompressed(raw) else { return raw }
        // A header that states more than `maximum` stops the unpacking at its first piece (64 KiB).
        var statedBeyond: Int? = nil
        do {
            return try Gzip.decompress(raw) { produced in
                guard let stated = IDX.statedSize(header: produced) else { return maximum }
                if stated > maximum { statedBeyond = stated; return 0 }
                return stated
            }
        } catch {
            if let stated = statedBeyond {
                throw .tooLong(file: path, limit: maximum, why: "once unpacked: its IDX header states \(stated), more than a dataset file may hold")
            }
            guard let limit = error.limitExceeded else { throw .gzip(file: path, message: error.message) }
            throw .tooLong(file: path, limit: limit,
                           why: limit == maximum ? "once unpacked, the most a dataset file may hold" : "once unpacked, as its IDX header states")
        }
    }

    /// For a file that is not gzip: its IDX header against its size on disk, before it is read whole,
    /// so a 900 MB file whose header states 47 MB (or the reverse) is refused without reading it.
    private static func checkRawHeader(_ path: String, maximum: Int) throws(IDXError) {
        guard let (descriptor, size) = try? RegularFile.open(path) else { return }  // the full read says why
        defer { close(descriptor) }
        guard size <= maximum else { return }  // refused as too long, before it is read
        var prefix = [UInt8](repeating: 0, count: min(size, 1024))
        var done = 0
        while done < prefix.count {
            let n = prefix.withUnsafeMutableBytes { buffer in
                (try? RegularFile.readChunk(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))) ?? 0
            }
            if n == 0 { break }
            done += n
        }
        let header = prefix[..<done]
        guard !Gzip.isCompressed(Array(header)), let stated = IDX.statedSize(header: header) else { return }
        if stated > size { throw .truncated(file: path, expected: stated, got: size) }
        if stated < size { throw .trailingBytes(file: path, expected: stated, got: size) }
    }
}
