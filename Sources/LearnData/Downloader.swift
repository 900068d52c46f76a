import Foundation

/// One file to fetch: its name on the mirror, the name it is kept under, and its content's SHA-256.
public struct DownloadItem: Sendable, Equatable {
    /// The name under the mirror URL, e.g. `train-images-idx3-ubyte.gz`.
    public var remoteName: String
    /// The name in the target folder (the remote name unless told otherwise).
    public var localName: String
    /// Lower-case hex SHA-256 of the decompressed content.
    public var contentSHA256: String

    public init(remoteName: String, localName: String? = nil, contentSHA256: String) {
        self.remoteName = remoteName
        self.localName = localName ?? remoteName
        self.contentSHA256 = contentSHA256.lowercased()
    }
}

extension KnownDataset {
    /// The four `.gz` files as the mirrors publish them, checked against the catalog's content checksums.
    public var downloadItems: [DownloadItem] {
        DatasetFile.allCases.map { DownloadItem(remoteName: $0.compressedName, contentSHA256: contentSHA256[$0] ?? "") }
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

    /// A downloader from `mirror` (an http or https folder URL) into `folder`.
    public init(mirror: String, folder: String) throws(DownloadError) {
        let normalised = mirror.hasSuffix("/") ? mirror : mirror + "/"
        guard let url = URL(string: normalised), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw .badMirror(mirror)
        }
        self.mirror = normalised
        self.folder = folder
    }

    /// The URL of `item` on the mirror.
    public func url(of item: DownloadItem) -> String { mirror + item.remoteName }

    /// Fetches every item in order, stopping at the first failure.
    public func fetch(_ items: [DownloadItem], progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in })
        throws(DownloadError) -> [DownloadResult] {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: folder, reason: Self.reason(error))
        }
        var results: [DownloadResult] = []
        for (index, item) in items.enumerated() {
            results.append(try fetch(item) { received, total in
                progress(DownloadProgress(file: item.localName, index: index, count: items.count, received: received, total: total))
            })
        }
        return results
    }

    /// Fetches one item (the folder must exist).
    func fetch(_ item: DownloadItem, progress: @escaping @Sendable (Int64, Int64?) -> Void) throws(DownloadError) -> DownloadResult {
        let finalPath = path(item.localName)
        var stale: [String] = []
        for path in presentCandidates(item) where FileManager.default.fileExists(atPath: path) {
            if (try? ContentChecksum.of(file: path)) == item.contentSHA256 {
                return DownloadResult(item: item, path: path, action: .alreadyPresent)
            }
            stale.append(path)
        }

        let address = url(of: item)
        guard let url = URL(string: address) else { throw .badMirror(mirror) }
        let temporary = path(".\(item.localName).\(getpid()).part")
        var keepTemporary = false
        defer { if !keepTemporary { try? FileManager.default.removeItem(atPath: temporary) } }

        let transfer = HTTPTransfer(url: url, idleTimeout: idleTimeout, totalTimeout: totalTimeout)
        let bytes: Int64
        do {
            bytes = try transfer.run(to: URL(fileURLWithPath: temporary), progress: progress)
        } catch {
            switch error {
            case .status(let status): throw .httpStatus(file: item.localName, url: address, status: status)
            case .unreachable(let reason): throw .unreachable(file: item.localName, url: address, reason: reason)
            case .interrupted(let received, let expected, let reason):
                throw .interrupted(file: item.localName, url: address, received: received, expected: expected, reason: reason)
            case .cannotWrite(let reason): throw .cannotWrite(path: temporary, reason: reason)
            }
        }

        try verify(temporary, item: item, address: address)
        guard rename(temporary, finalPath) == 0 else {
            throw .cannotWrite(path: finalPath, reason: String(cString: strerror(errno)))
        }
        keepTemporary = true
        for path in stale where path != finalPath { try? FileManager.default.removeItem(atPath: path) }
        return DownloadResult(item: item, path: finalPath, action: .downloaded(bytes: bytes))
    }

    /// Checks the downloaded file: gzip when its name ends in `.gz`, and the content's SHA-256.
    private func verify(_ temporary: String, item: DownloadItem, address: String) throws(DownloadError) {
        let raw: [UInt8]
        do { raw = try FileBytes.read(temporary) } catch { throw .cannotWrite(path: temporary, reason: error.reason) }
        var content = raw
        if item.remoteName.hasSuffix(".gz") || Gzip.isCompressed(raw) {
            do { content = try Gzip.decompress(raw) } catch {
                throw .gzip(file: item.localName, url: address, message: error.message)
            }
        }
        let actual = SHA256.hex(of: content)
        guard actual == item.contentSHA256 else {
            throw .checksumMismatch(file: item.localName, url: address, expected: item.contentSHA256, actual: actual)
        }
    }

    /// Where a good copy of `item` may already be: its own name, and the uncompressed name for a `.gz`.
    private func presentCandidates(_ item: DownloadItem) -> [String] {
        var paths = [path(item.localName)]
        if item.localName.hasSuffix(".gz") { paths.append(path(String(item.localName.dropLast(3)))) }
        return paths
    }

    private func path(_ name: String) -> String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain, let code = Int32(exactly: underlying.code) {
            return String(cString: strerror(code))
        }
        return (error as NSError).localizedDescription
    }
}
