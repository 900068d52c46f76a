import LearnCore
import Foundation

/// A list of content checksums in the `sha256sum` format (`SHA256SUMS.content`): one `HEX  NAME` per line,
/// `HEX *NAME` also accepted, blank lines and `#` comments skipped.
///
/// Only the four dataset files are taken (other names are ignored; a leading folder is dropped), and
/// only by their uncompressed names: the SHA-256 of a `.gz` file depends on the compressor, so a line for
/// `train-images-idx3-ubyte.gz` is an error that says to use the content checksums instead.
public enum ChecksumList {
    /// The checksum of each of the four files in `text`; `file` names the list in errors.
    public static func parse(_ text: String, file: String) throws(ChecksumListError) -> [DatasetFile: String] {
        var sums: [DatasetFile: String] = [:]
        for (index, raw) in text.textLines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            let hex = fields.first.map { $0.lowercased() } ?? ""
            guard fields.count == 2, hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
                throw .malformed(file: file, line: index + 1, message: "expected '64 hex digits, spaces, a file name', got '\(line)'")
            }
            var name = fields[1].trimmingCharacters(in: .whitespacesAndNewlines)
            if name.hasPrefix("*") { name.removeFirst() }
            if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
            if name.hasSuffix(".gz"), DatasetFile(rawValue: String(name.dropLast(3))) != nil {
                throw .malformed(file: file, line: index + 1, message: "'\(name)' is a compressed file: its SHA-256 depends on the compressor; give the checksums of the decompressed content (SHA256SUMS.content)")
            }
            guard let dataFile = DatasetFile(rawValue: name) else { continue }
            if let earlier = sums[dataFile], earlier != hex {
                throw .malformed(file: file, line: index + 1, message: "a second, different checksum for \(name)")
            }
            sums[dataFile] = hex
        }
        let missing = DatasetFile.allCases.filter { sums[$0] == nil }
        guard missing.isEmpty else { throw .incomplete(file: file, missing: missing) }
        return sums
    }

    /// Reads and parses the list at `path`.
    public static func read(_ path: String) throws(ChecksumListError) -> [DatasetFile: String] {
        let bytes: [UInt8]
        do { bytes = try RegularFile.read(path, limit: 1 << 20) } catch { throw .cannotRead(file: path, reason: error.reason) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .malformed(file: path, line: nil, message: "not UTF-8 text")
        }
        return try parse(text, file: path)
    }
}

/// Why a checksum list could not be used. Each case names the list and prints as one line.
public enum ChecksumListError: Error, Equatable, CustomStringConvertible {
    /// The list is missing or unreadable.
    case cannotRead(file: String, reason: String)
    /// A line (or the whole file, when `line` is nil) is not in the `sha256sum` format.
    case malformed(file: String, line: Int?, message: String)
    /// Some of the four dataset files have no checksum.
    case incomplete(file: String, missing: [DatasetFile])

    public var description: String {
        switch self {
        case .cannotRead(let file, let reason):
            return "\(file): cannot read it (\(reason))"
        case .malformed(let file, let line, let message):
            return "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
        case .incomplete(let file, let missing):
            return "\(file): no checksum for \(missing.map(\.fileName).joined(separator: ", "))"
        }
    }
}
