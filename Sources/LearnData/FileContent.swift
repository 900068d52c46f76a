/// The content of a dataset file: its bytes, gunzipped when they start with the gzip magic (whatever
/// the file is called).
public enum FileContent {
    /// Reads `path` whole and decompresses it if it is gzip.
    public static func read(_ path: String) throws(IDXError) -> [UInt8] {
        let raw: [UInt8]
        do { raw = try FileBytes.read(path) } catch { throw .cannotRead(file: path, reason: error.reason) }
        guard Gzip.isCompressed(raw) else { return raw }
        do { return try Gzip.decompress(raw) } catch { throw .gzip(file: path, message: error.message) }
    }
}
