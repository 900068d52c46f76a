/// Checks files against the SHA-256 of their decompressed content.
public enum ContentChecksum {
    /// The SHA-256 (64 lower-case hex digits) of the content of the file at `path`, gunzipped when it is gzip.
    public static func of(file path: String) throws(IDXError) -> String {
        SHA256.hex(of: try FileContent.read(path))
    }

    /// Checks each of the four files in `folder` against `expected` (lower-case hex, by file).
    public static func check(_ folder: DatasetFolder, against expected: [DatasetFile: String]) -> [FileCheck] {
        DatasetFile.allCases.map { file in
            let wanted = expected[file] ?? ""
            guard let path = folder.files[file] else { return FileCheck(file: file, path: nil, expected: wanted, outcome: .missing) }
            do throws(IDXError) {
                let actual = try of(file: path)
                return FileCheck(file: file, path: path, expected: wanted,
                                 outcome: actual == wanted.lowercased() ? .matches : .differs(actual: actual))
            } catch {
                return FileCheck(file: file, path: path, expected: wanted, outcome: .unreadable(error))
            }
        }
    }
}

/// One file checked against its published content checksum.
public struct FileCheck: Sendable, Equatable {
    /// What became of the check.
    public enum Outcome: Sendable, Equatable {
        case matches
        case differs(actual: String)
        case missing
        case unreadable(IDXError)
    }

    public var file: DatasetFile
    /// Where the file is; `nil` when it is missing.
    public var path: String?
    /// The published SHA-256, lower-case hex.
    public var expected: String
    public var outcome: Outcome

    /// Whether the content is the published one.
    public var passed: Bool { outcome == .matches }
}
