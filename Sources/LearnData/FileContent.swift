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
    public static func read(_ path: String, maximum: Int = maximumSize) throws(IDXError) -> [UInt8] {
        let raw: [UInt8]
        do { raw = try RegularFile.read(path, limit: maximum) } catch {
            if let size = error.sizeOverLimit {
                throw .tooLong(file: path, limit: maximum, why: "(the file is \(size)), the most a dataset file may hold")
            }
            throw .cannotRead(file: path, reason: error.reason)
        }
        guard Gzip.isCompressed(raw) else { return raw }
        do {
            return try Gzip.decompress(raw) { produced in IDX.statedSize(header: produced).flatMap { $0 <= maximum ? $0 : nil } ?? maximum }
        } catch {
            guard let limit = error.limitExceeded else { throw .gzip(file: path, message: error.message) }
            throw .tooLong(file: path, limit: limit,
                           why: limit == maximum ? "once unpacked, the most a dataset file may hold" : "once unpacked, as its IDX header states")
        }
    }
}
