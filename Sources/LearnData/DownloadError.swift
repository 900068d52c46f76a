/// Why a download failed. Each case names the file and the URL (or the path it could not write) and
/// prints as one line. After any of them, no temporary file is left and an existing file is untouched.
public enum DownloadError: Error, Equatable, CustomStringConvertible {
    /// The mirror is not an http(s) URL.
    case badMirror(String)
    /// The mirror is an http(s) URL that cannot be fetched from: no host, or a port out of range.
    case invalidMirror(String, reason: String)
    /// The server answered with a status other than 200.
    case httpStatus(file: String, url: String, status: Int)
    /// No connection: refused, no such host, no network.
    case unreachable(file: String, url: String, reason: String)
    /// The connection broke or stalled before the whole file came (or before any of it: `received` 0).
    case interrupted(file: String, url: String, received: Int64, expected: Int64?, reason: String)
    /// The server compressed the file on the wire with a `Content-Encoding` that could not be undone.
    case contentEncoding(file: String, url: String, encoding: String)
    /// The server announced or sent more than `limit` bytes, more than the file can be.
    case tooLarge(file: String, url: String, limit: Int64)
    /// The file came whole but its content is not the published one.
    case checksumMismatch(file: String, url: String, expected: String, actual: String)
    /// The file came whole but does not decompress.
    case gzip(file: String, url: String, message: String)
    /// The file could not be written or renamed into place (`path` is the folder or file).
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .badMirror(let mirror):
            return "mirror '\(mirror)' is not an http:// or https:// URL"
        case .invalidMirror(let mirror, let reason):
            return "mirror '\(mirror)': \(reason)"
        case .contentEncoding(let file, let url, let encoding):
            return "\(file): the server sent \(url) compressed on the wire (Content-Encoding: \(encoding)), which cannot be undone; "
                + "try another mirror"
        case .httpStatus(let file, let url, let status):
            return "\(file): the server answered HTTP \(status) (\(Self.statusText(status))) for \(url)"
        case .unreachable(let file, let url, let reason):
            return "\(file): cannot connect to \(url) (\(reason))"
        case .interrupted(let file, let url, let received, let expected, let reason):
            if received == 0 { return "\(file): \(url): \(reason)" }
            let of = expected.map { " of \($0)" } ?? ""
            return "\(file): the transfer from \(url) broke off after \(received)\(of) bytes (\(reason))"
        case .tooLarge(let file, let url, let limit):
            return "\(file): the server sent or announced more than \(limit) bytes for \(url), more than the file can be; stopped"
        case .checksumMismatch(let file, let url, let expected, let actual):
            if let owner = KnownDataset.owner(ofContent: actual) {
                let what = "\(file): checksum mismatch for \(url): the content is \(owner.dataset.name)'s \(owner.file.fileName)"
                // The published file under its own name: the checksum given for it is what is wrong.
                if owner.file.compressedName == file || owner.file.fileName == file {
                    return what + ", as published; the checksum given for it (\(expected)) is not that file's"
                }
                return what + " (a mirror of another dataset, or its files swapped?)"
            }
            return "\(file): checksum mismatch for \(url): the content's SHA-256 is \(actual), expected \(expected)"
        case .gzip(let file, let url, let message):
            return "\(file): the file from \(url) is not valid gzip (\(message))"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write (\(reason))"
        }
    }

    /// The usual words for an HTTP status ("not found"), or "an error" for one with none here.
    static func statusText(_ status: Int) -> String {
        switch status {
        case 301, 302, 303, 307, 308: "a redirect that was not followed"
        case 400: "bad request"
        case 401: "a login is needed"
        case 403: "forbidden"
        case 404: "not found"
        case 410: "gone"
        case 429: "too many requests; try later"
        case 500: "internal server error"
        case 502: "bad gateway"
        case 503: "service unavailable"
        case 504: "gateway timeout"
        case 100..<200, 200..<300: "not the file"
        case 400..<500: "a client error"
        default: "a server error"
        }
    }
}
