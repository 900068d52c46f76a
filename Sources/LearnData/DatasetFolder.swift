import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a folder holds of a dataset's four files: the path of each one present (the raw file when both
/// it and its `.gz` are there) and the names of those missing.
///
/// A file that is there but cannot be read (no permission, a folder or a FIFO under its name, a
/// symbolic link to nothing or in a loop) counts as present, so that reading it names it and says why (exit 66) instead of calling it missing; a
/// readable raw or `.gz` copy is preferred to an unreadable one.
public struct DatasetFolder: Sendable, Equatable {
    /// The folder, as given.
    public var path: String
    /// Whether the folder exists.
    public var exists: Bool
    /// The path of each file found, raw or `.gz`.
    public var files: [DatasetFile: String]

    /// Looks at `path` now.
    public init(inspecting path: String) {
        self.path = path
        var isFolder: ObjCBool = false
        exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
        files = [:]
        guard exists else { return }
        for file in DatasetFile.allCases {
            // Present: any entry under the name, even a symbolic link that leads nowhere or in a loop.
            let present = [file.fileName, file.compressedName].map { (path as NSString).appendingPathComponent($0) }
                .filter { var info = stat(); return lstat($0, &info) == 0 }
            files[file] = present.first(where: Self.isReadableRegularFile) ?? present.first
        }
    }

    /// Whether `path` is (after symbolic links) a regular file this process may read.
    static func isReadableRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(path, R_OK) == 0
    }

    /// The files not found, in canonical order.
    public var missing: [DatasetFile] { DatasetFile.allCases.filter { files[$0] == nil } }
    /// Whether all four files are there.
    public var isComplete: Bool { missing.isEmpty }
    /// Whether every file found is compressed (`gz`), none (`raw`), or some of each (`mixed`).
    public var storage: String {
        let compressed = files.values.filter { $0.hasSuffix(".gz") }.count
        return compressed == files.count ? "gz" : compressed == 0 ? "raw" : "mixed"
    }

    /// What the folder holds, in a few words: `no such folder`, `none of the 4 files`,
    /// `3 of 4 files, missing t10k-labels-idx1-ubyte`, or `all 4 files (gz)` (`raw`, `raw and gz`).
    /// Whether the content is right is `ContentChecksum`'s business, not this one's.
    public var summary: String {
        let total = DatasetFile.allCases.count
        guard exists else { return "no such folder" }
        guard !files.isEmpty else { return "none of the \(total) files" }
        guard isComplete else {
            return "\(files.count) of \(total) files, missing \(missing.map(\.fileName).joined(separator: ", "))"
        }
        return "all \(total) files (\(storage == "mixed" ? "raw and gz" : storage))"
    }
}
