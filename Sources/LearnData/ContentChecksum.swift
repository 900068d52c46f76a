/// Checks files against the SHA-256 of their decompressed content.
public enum ContentChecksum {
    /// The SHA-256 (64 lower-case hex digits) of the content of the file at `path`, gunzipped when it is gzip.
    public static func of(file path: String) throws(IDXError) -> String {
        SHA256.hex(of: try FileContent.read(path, checksHeader: false))
    }

    /// Checks each of the four files in `folder` against `expected` (lower-case hex, by file).
    public static func check(_ folder: DatasetFolder, against expected: [DatasetFile: String]) -> [FileCheck] {
        DatasetFile.allCases.map { check($0, in: folder, expected: expected[$0] ?? "") }
    }

    /// Checks one file of `folder` against `expected` (hex). When the content differs, says why if it
    /// can: the file is not a well-formed IDX file for its role, or it is another known file (the
    /// other dataset's, or the other split's).
    public static func check(_ file: DatasetFile, in folder: DatasetFolder, expected: String) -> FileCheck {
        let wanted = expected.lowercased()
        guard let path = folder.files[file] else { return FileCheck(file: file, path: nil, expected: wanted, outcome: .missing) }
        let content: [UInt8]
        do throws(IDXError) {
            content = try FileContent.read(path, checksHeader: false)  // the checksum of what is there, well-formed or not
        } catch {
            return FileCheck(file: file, path: path, expected: wanted, outcome: .unreadable(error))
        }
        let actual = SHA256.hex(of: content)
        guard actual != wanted else { return FileCheck(file: file, path: path, expected: wanted, outcome: .matches) }
        return FileCheck(file: file, path: path, expected: wanted, outcome: .differs(actual: actual),
                         diagnosis: diagnose(content, sha256: actual, as: file, path: path))
    }

    /// Why `content` (whose SHA-256 is `sha256`) is not the expected content of `file`, if it can tell.
    static func diagnose(_ content: [UInt8], sha256: String, as file: DatasetFile, path: String) -> FileCheck.Diagnosis? {
        if let owner = KnownDataset.owner(ofContent: sha256) { return .contentOf(dataset: owner.dataset.name, file: owner.file) }
        do throws(IDXError) {
            let idx = try IDX(parsing: content, file: path)
            let rank = file.holdsImages ? 3 : 1
            guard idx.dimensions.count == rank else {
                return .malformed(.wrongRank(file: path, expected: rank, dimensions: idx.dimensions))
            }
            return nil
        } catch {
            return .malformed(error)
        }
    }
}

/// One file checked against its published content checksum.
public struct FileCheck: Sendable, Equatable, CustomStringConvertible {
    /// What became of the check.
    public enum Outcome: Sendable, Equatable {
        case matches
        case differs(actual: String)
        case missing
        case unreadable(IDXError)
    }

    /// Why a file's content differs, when that can be told.
    public enum Diagnosis: Sendable, Equatable {
        /// It is not a well-formed IDX file for its role (truncated, bad magic, wrong number of dimensions…).
        case malformed(IDXError)
        /// It is the content of another known file: the other dataset's, or the other split's.
        case contentOf(dataset: String, file: DatasetFile)
    }

    public var file: DatasetFile
    /// Where the file is; `nil` when it is missing.
    public var path: String?
    /// The published SHA-256, lower-case hex.
    public var expected: String
    public var outcome: Outcome
    /// Why the content differs, when `outcome` is `.differs` and the reason could be told.
    public var diagnosis: Diagnosis? = nil

    /// Whether the content is the published one.
    public var passed: Bool { outcome == .matches }

    /// One line naming the file: `PATH: content SHA-256 matches`, or what is wrong.
    public var description: String {
        let name = path ?? file.fileName
        switch outcome {
        case .matches:
            return "\(name): content SHA-256 matches"
        case .missing:
            return "\(name)[.gz]: missing"
        case .unreadable(let error):
            return error.description
        case .differs(let actual):
            switch diagnosis {
            case .malformed(let error):
                return "\(error.description) (so its content SHA-256 differs)"
            case .contentOf(let dataset, let other):
                return "\(name): checksum mismatch: the content is \(dataset)'s \(other.fileName)"
            case nil:
                return "\(name): checksum mismatch: the content's SHA-256 is \(actual), expected \(expected)"
            }
        }
    }
}
