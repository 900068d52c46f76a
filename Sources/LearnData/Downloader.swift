import Foundation
import LearnCore

/// One file to fetch: its name on the mirror, the name it is kept under, and its content's SHA-256.
public struct DownloadItem: Sendable, Equatable {
    /// The name under the mirror URL, e.g. `train-images-idx3-ubyte.gz`.
    public var remoteName: String
    /// The name in the target folder (the remote name unless told otherwise).
    public var localName: String
    /// Lower-case hex SHA-256 of the decompressed content.
    public var contentSHA256: String
    /// The decompressed content's size in bytes, when it is known: the transfer and the unpacking stop
    /// past what such content can take (``Downloader/transferLimit(for:)``).
    public var contentSize: Int?

    public init(remoteName: String, localName: String? = nil, contentSHA256: String, contentSize: Int? = nil) {
        self.remoteName = remoteName
        self.localName = localName ?? remoteName
        self.contentSHA256 = contentSHA256.lowercased()
        self.contentSize = contentSize
    }
}

extension KnownDataset {
    /// The four `.gz` files as the mirrors publish them, checked against the catalog's content checksums.
    public var downloadItems: [DownloadItem] {
        DatasetFile.allCases.map {
            DownloadItem(remoteName: $0.compressedName, contentSHA256: contentSHA256[$0] ?? "", contentSize: contentSize[$0])
        }
    }

    /// The size of each file's content: 60,000 train and 10,000 test images of 28 × 28 bytes and their
    /// labels, each after its IDX header (16 bytes for images, 8 for labels). The same for MNIST and
    /// Fashion-MNIST.
    public var contentSize: [DatasetFile: Int] {
        [.trainImages: 16 + 60_000 * 28 * 28, .trainLabels: 8 + 60_000, .testImages: 16 + 10_000 * 28 * 28, .testLabels: 8 + 10_000]
    }
}

/// How far one file has come: bytes received and the total when the server said it.
public struct DownloadProgress: Sendable, Equatable {
    public var file: String
    /// Which file this is (0-based) of `count`.
    public var index: Int
    public var count: Int
    public var received: Int64
    public var total: Int64?
}

/// What became of one file.
public struct DownloadResult: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// Fetched, checked and renamed into place; `bytes` as transferred.
        case downloaded(bytes: Int64)
        /// A file with the right content was already there and was left alone.
        case alreadyPresent
    }

    public var item: DownloadItem
    /// Where the file is now.
    public var path: String
    public var action: Action
}

/// Fetches dataset files from a mirror into a folder, each through a temporary file that takes its final
/// name only after its decompressed content matches its SHA-256.
///
/// Files already there with the right content are skipped. On any failure (HTTP error, no connection, a
/// transfer cut short, a checksum mismatch, bad gzip) the temporary file is removed, a file already
/// there is untouched, and the `DownloadError` names the file and the URL.
public struct Downloader: Sendable {
    /// The folder URL the files are under (always ending in `/`).
    public let mirror: String
    /// Where the files go; created if missing.
    public var folder: String
    /// Longest wait for the next piece of data, in seconds.
    public var idleTimeout: TimeInterval = 60
    /// Longest time for one file, in seconds.
    public var totalTimeout: TimeInterval = 3600
    /// The stall rule: a transfer that receives fewer than `stallMinimumBytes` in any `stallWindow`
    /// seconds is given up (32 KiB a minute: a server trickling bytes cannot keep a fetch alive for an hour).
    public var stallWindow: TimeInterval = 60
    public var stallMinimumBytes: Int64 = 32 << 10
    /// The most a file of unknown content size may take, on the wire and unpacked.
    public var maximumBytes: Int = FileContent.maximumSize
    /// Download every file even when a copy with the right content is already there (the new file
    /// replaces it only once it is checked).
    public var force = false

    /// A downloader from `mirror` (an http or https folder URL with a host, and a port from 1 to 65535
    /// if it gives one) into `folder`; checked here, before anything is fetched.
    public init(mirror: String, folder: String) throws(DownloadError) {
        let normalised = mirror.hasSuffix("/") ? mirror : mirror + "/"
        guard let url = URL(string: normalised), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            throw .badMirror(mirror)
        }
        guard let host = url.host, !host.isEmpty else { throw .invalidMirror(mirror, reason: "it names no host") }
        if let port = url.port, !(1...65535).contains(port) {
            throw .invalidMirror(mirror, reason: "the port \(port) is not between 1 and 65535")
        }
        self.mirror = normalised
        self.folder = folder
    }

    /// The URL of `item` on the mirror.
    public func url(of item: DownloadItem) -> String { mirror + item.remoteName }

    /// Fetches every item in order, stopping at the first failure. `progress` is called on URLSession's
    /// queue as data comes; `finished` on the calling thread as each file is in place (or skipped).
    public func fetch(_ items: [DownloadItem], progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in },
                      finished: (DownloadResult) -> Void = { _ in })
        throws(DownloadError) -> [DownloadResult] {
        let made: [String]
        switch Self.makeFolders(folder) {
        case .success(let folders): made = folders
        case .failure(let failure): throw .cannotWrite(path: folder, reason: failure.reason)
        }
        // Folders made for this fetch that are still empty when it fails, or when a signal ends it, go
        // again (innermost first; rmdir leaves a folder that holds anything): a failure leaves no trace.
        defer { for path in made { TemporaryFiles.unregisterFolder(path) } }
        var results: [DownloadResult] = []
        do {
            for (index, item) in items.enumerated() {
                let result = try fetch(item) { received, total in
                    progress(DownloadProgress(file: item.localName, index: index, count: items.count, received: received, total: total))
                }
                finished(result)
                results.append(result)
            }
        } catch {
            for path in made.reversed() { rmdir(path) }
            throw error
        }
        return results
    }

    /// Fetches one item (the folder must exist).
    func fetch(_ item: DownloadItem, progress: @escaping @Sendable (Int64, Int64?) -> Void) throws(DownloadError) -> DownloadResult {
        let finalPath = path(item.localName)
        // The rename into place, and the removal of a stale copy, would replace whatever the names hold:
        // only a regular file (or nothing) may be there; a symbolic link, FIFO, device or folder is left alone.
        for path in presentCandidates(item) {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG else { continue }
            let kind = info.st_mode & S_IFMT == S_IFLNK ? "is a symbolic link, not a regular file" : RegularFile.kind(of: info.st_mode) ?? ""
            throw .cannotWrite(path: path, reason: "\(kind): it is not replaced")
        }
        var stale: [String] = []
        for path in presentCandidates(item) where FileManager.default.fileExists(atPath: path) {
            if !force, (try? ContentChecksum.of(file: path)) == item.contentSHA256 {
                return DownloadResult(item: item, path: path, action: .alreadyPresent)
            }
            stale.append(path)
        }

        let address = url(of: item)
        guard let url = URL(string: address) else { throw .badMirror(mirror) }
        let file: TemporaryFile
        do { file = try TemporaryFile.create(for: finalPath, suffix: "part") } catch {
            throw .cannotWrite(path: finalPath, reason: error.reason)
        }
        let temporary = file.path
        var committed = false
        defer { if !committed { file.discard() } }

        let transfer = HTTPTransfer(url: url, idleTimeout: idleTimeout, totalTimeout: totalTimeout,
                                    maximumBytes: Int64(transferLimit(for: item)), stallWindow: stallWindow,
                                    stallMinimumBytes: stallMinimumBytes)
        let outcome: HTTPTransfer.Outcome
        do {
            outcome = try transfer.run(to: file, progress: progress)
        } catch {
            switch error {
            case .status(let status): throw .httpStatus(file: item.localName, url: address, status: status)
            case .unreachable(let reason): throw .unreachable(file: item.localName, url: address, reason: reason)
            case .interrupted(let received, let expected, let reason):
                throw .interrupted(file: item.localName, url: address, received: received, expected: expected, reason: reason)
            case .cannotWrite(let reason): throw .cannotWrite(path: temporary, reason: reason)
            case .tooLarge(_, let limit): throw .tooLarge(file: item.localName, url: address, limit: limit)
            case .encoding(let encoding): throw .contentEncoding(file: item.localName, url: address, encoding: encoding)
            }
        }

        let gzip = try verify(temporary, item: item, address: address, contentDecoded: outcome.contentEncoding != nil)
        // A `.gz` whose compression the server declared as its Content-Encoding arrives unpacked (URLSession
        // undoes it): its content is checked all the same, and kept under the uncompressed name.
        let kept = item.localName.hasSuffix(".gz") && !gzip ? path(String(item.localName.dropLast(3))) : finalPath
        committed = true
        do { try file.commit(to: kept) } catch { throw .cannotWrite(path: kept, reason: error.reason) }
        // Only a regular file (as checked above, and again now) is removed; unlink never removes a folder.
        for path in stale where path != kept {
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
        return DownloadResult(item: item, path: kept, action: .downloaded(bytes: outcome.bytes))
    }

    /// The most bytes `item` may take on the wire: its content size plus what gzip can add to content
    /// that does not compress at all (stored blocks: 5 bytes per 64 KiB, a header with a file name and
    /// a trailer; 64 KiB covers them), or ``maximumBytes`` when its size is not known.
    public func transferLimit(for item: DownloadItem) -> Int {
        guard let size = item.contentSize else { return maximumBytes }
        return size + size / 1000 + (64 << 10)
    }

    /// The temporary file `item` is written to before it is checked: `.NAME.PID.part` in the folder
    /// (``TemporaryFile``: removed if a signal ends the process, swept by the next fetch if the process
    /// died without a chance to remove it).
    public func temporaryPath(for item: DownloadItem) -> String { TemporaryFile.path(for: path(item.localName), suffix: "part") }

    /// Checks the downloaded file: gzip when its name ends in `.gz` (unless the server's Content-Encoding
    /// was undone on the way, `contentDecoded`, and the data is not gzip), and the content's SHA-256. The
    /// file is read in pieces, unpacked and hashed as it goes, so neither it nor its content is ever held
    /// whole; content longer than the item's known size (or ``maximumBytes``) is a gzip error. Returns
    /// whether the file is gzip.
    private func verify(_ temporary: String, item: DownloadItem, address: String, contentDecoded: Bool) throws(DownloadError) -> Bool {
        let file: (descriptor: Int32, size: Int)
        do { file = try RegularFile.open(temporary) } catch { throw .cannotWrite(path: temporary, reason: error.reason) }
        defer { close(file.descriptor) }
        let most = item.contentSize ?? maximumBytes
        var hasher = SHA256()
        var produced = 0
        var piece = [UInt8](repeating: 0, count: 1 << 20)
        var inflater: GzipStream? = nil
        var first = true
        while true {
            let read = piece.withUnsafeMutableBytes { buffer in
                Result { () throws(RegularFile.Failure) -> Int in try RegularFile.readChunk(file.descriptor, into: buffer) }
            }
            let count: Int
            switch read {
            case .success(let n): count = n
            case .failure(let error): throw .cannotWrite(path: temporary, reason: error.reason)
            }
            do throws(GzipError) {
                if first {
                    first = false
                    let magic = count >= 2 && piece[0] == 0x1F && piece[1] == 0x8B
                    if (item.remoteName.hasSuffix(".gz") && !contentDecoded) || magic {
                        guard magic else { throw GzipError("not gzip data (no 1f 8b magic)") }
                        inflater = try GzipStream()
                    }
                }
                guard count > 0 else { try inflater?.finish(); break }
                var failure: GzipError? = nil
                piece.withUnsafeBytes { bytes in
                    let chunk = UnsafeRawBufferPointer(rebasing: bytes[..<count])
                    guard let inflater else {
                        produced += count
                        hasher.update(chunk)
                        return
                    }
                    do throws(GzipError) {
                        try inflater.feed(chunk) { (out) throws(GzipError) in
                            produced += out.count
                            guard produced <= most else { throw .exceeding(most) }
                            hasher.update(out)
                        }
                    } catch { failure = error }
                }
                if let failure { throw failure }
            } catch {
                throw .gzip(file: item.localName, url: address, message: error.message)
            }
        }
        let actual = hasher.finalize().map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        guard actual == item.contentSHA256 else {
            throw .checksumMismatch(file: item.localName, url: address, expected: item.contentSHA256, actual: actual)
        }
        return inflater != nil
    }

    /// Where a good copy of `item` may already be: its own name, and the uncompressed name for a `.gz`.
    private func presentCandidates(_ item: DownloadItem) -> [String] {
        var paths = [path(item.localName)]
        if item.localName.hasSuffix(".gz") { paths.append(path(String(item.localName.dropLast(3)))) }
        return paths
    }

    private func path(_ name: String) -> String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }

    /// Why a folder could not be made: the system's reason ("Not a directory", "Permission denied").
    struct FolderFailure: Error { let reason: String }

    /// Creates `path` and any missing parent folders (`mkdir -p`), listing each one it made with
    /// ``TemporaryFiles/registerFolder(_:)`` as it makes it (the caller unlists them); returns those
    /// folders, outermost first, or the system's reason when it cannot.
    static func makeFolders(_ path: String) -> Result<[String], FolderFailure> {
        var prefix = path.hasPrefix("/") ? "/" : ""
        var made: [String] = []
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o755) == 0 {
                TemporaryFiles.registerFolder(prefix)
                made.append(prefix)
                continue
            }
            let code = errno
            var info = stat()
            let reason: String?
            if code != EEXIST || stat(prefix, &info) != 0 {
                reason = String(cString: strerror(code))
            } else {
                reason = info.st_mode & S_IFMT == S_IFDIR ? nil : "\(prefix) is not a folder"
            }
            if let reason {
                for folder in made.reversed() {
                    rmdir(folder)
                    TemporaryFiles.unregisterFolder(folder)
                }
                return .failure(FolderFailure(reason: reason))
            }
        }
        return .success(made)
    }
}
