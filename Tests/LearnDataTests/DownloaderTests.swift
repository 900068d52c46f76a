import Foundation
import Testing
@testable import LearnData
import LearnCore

/// Downloads from a real HTTP server on 127.0.0.1: a good fetch, a corrupt file, a 404, a transfer cut
/// short, no server at all. After every failure: no final file, no temporary file, old files untouched.
@Suite(.enabled(if: LocalHTTPServer.python != nil, "python3 is not installed; the download tests need it for a local HTTP server"),
       .timeLimit(.minutes(2)))
struct DownloaderTests {
    /// A mirror folder holding the tiny dataset as `.gz` files, and a fresh target folder.
    struct Setup {
        let root: String
        let checksums: [DatasetFile: String]
        var mirror: String { root + "/mirror" }
        var target: String { root + "/target" }
        var items: [DownloadItem] {
            DatasetFile.allCases.map { DownloadItem(remoteName: $0.compressedName, contentSHA256: checksums[$0]!) }
        }
        init() throws {
            root = try Fixture.temporaryFolder()
            checksums = try Fixture.write(Fixture.tinyDataset(), to: root + "/mirror", compressed: true)
        }
        func downloader(_ server: String) throws -> Downloader {
            var downloader = try Downloader(mirror: server, folder: target)
            downloader.idleTimeout = 10
            downloader.totalTimeout = 30
            return downloader
        }
        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Collects progress reports from URLSession's queue.
    final class ProgressLog: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [DownloadProgress] = []
        func add(_ report: DownloadProgress) { lock.withLock { reports.append(report) } }
        var all: [DownloadProgress] { lock.withLock { reports } }
    }

    @Test func goodDownloadThenNothingToDo() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let server = try LocalHTTPServer.serving(setup.mirror)
        defer { server.stop() }

        let log = ProgressLog()
        let results = try setup.downloader(server.baseURL).fetch(setup.items) { log.add($0) }
        #expect(results.map(\.path) == DatasetFile.allCases.map { setup.target + "/" + $0.compressedName })
        #expect(results.allSatisfy { if case .downloaded(let bytes) = $0.action { bytes > 0 } else { false } })
        #expect(Fixture.names(in: setup.target) == DatasetFile.allCases.map(\.compressedName).sorted())
        let loaded = try Dataset.load(name: "tiny", from: setup.target)
        #expect(loaded.train.labels == Fixture.tinyDataset()[.trainLabels]?.bytes)

        let last = try #require(log.all.last)
        #expect(last.index == 3 && last.count == 4 && last.file == "t10k-labels-idx1-ubyte.gz")
        #expect(last.total == last.received)

        let again = try setup.downloader(server.baseURL).fetch(setup.items)
        #expect(again.allSatisfy { $0.action == .alreadyPresent })
    }

    /// Each file is reported as it is in place; `force` fetches again what is already there.
    @Test func finishedReportsAndForce() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let server = try LocalHTTPServer.serving(setup.mirror)
        defer { server.stop() }
        var reported: [DownloadResult] = []
        let results = try setup.downloader(server.baseURL).fetch(setup.items, finished: { reported.append($0) })
        #expect(reported == results && reported.count == 4)

        // A good raw copy of the train images is there too; with force it is replaced by the download.
        try Fixture.write([.trainImages: Fixture.tinyDataset()[.trainImages]!], to: setup.target, compressed: false)
        var downloader = try setup.downloader(server.baseURL)
        downloader.force = true
        let again = try downloader.fetch(setup.items)
        #expect(again.allSatisfy { if case .downloaded = $0.action { true } else { false } })
        #expect(Fixture.names(in: setup.target) == DatasetFile.allCases.map(\.compressedName).sorted())
    }

    /// The `.part` file has the one temporary name pattern (``TemporaryFile``), which is what the
    /// signal handler removes and the next fetch sweeps.
    @Test func theTemporaryFileFollowsTheOnePattern() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let downloader = try setup.downloader("http://127.0.0.1:1/")
        let temporary = downloader.temporaryPath(for: setup.items[1])
        #expect(temporary == setup.target + "/.train-labels-idx1-ubyte.gz.\(getpid()).part")
        #expect(temporary == TemporaryFile.path(for: setup.target + "/train-labels-idx1-ubyte.gz", suffix: "part"))
    }

    @Test func aGoodUncompressedFileAlreadyThereIsKept() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try Fixture.write([.trainImages: Fixture.tinyDataset()[.trainImages]!], to: setup.target, compressed: false)
        // No server at all: the first file needs none, the second fails to connect.
        let nobody = "http://127.0.0.1:\(try LocalHTTPServer.freePort())/"
        let first = try setup.downloader(nobody).fetch([setup.items[0]])
        #expect(first == [DownloadResult(item: setup.items[0], path: setup.target + "/train-images-idx3-ubyte", action: .alreadyPresent)])
    }

    @Test func corruptFileIsRejectedAndLeavesNothing() throws {
        let setup = try Setup()
        defer { setup.remove() }
        // The mirror's train labels are other labels than the checksum promises.
        try Fixture.write([.trainLabels: Fixture.labels(count: 5, seed: 999)], to: setup.mirror, compressed: true)
        let server = try LocalHTTPServer.serving(setup.mirror)
        defer { server.stop() }

        #expect {
            try setup.downloader(server.baseURL).fetch(setup.items)
        } throws: { error in
            guard case DownloadError.checksumMismatch(let file, let url, let expected, _) = error else { return false }
            return file == "train-labels-idx1-ubyte.gz" && url == server.baseURL + "train-labels-idx1-ubyte.gz"
                && expected == setup.checksums[.trainLabels]
        }
        // The first file came and was kept; the corrupt one left nothing, not even a temporary file.
        #expect(Fixture.names(in: setup.target) == ["train-images-idx3-ubyte.gz"])
    }

    @Test func notGzipIsAGzipError() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try Data("<html>not found</html>".utf8).write(to: URL(fileURLWithPath: setup.mirror + "/train-images-idx3-ubyte.gz"))
        let server = try LocalHTTPServer.serving(setup.mirror)
        defer { server.stop() }
        #expect {
            try setup.downloader(server.baseURL).fetch(setup.items)
        } throws: { error in
            guard case DownloadError.gzip(let file, _, _) = error else { return false }
            return file == "train-images-idx3-ubyte.gz"
        }
        #expect(Fixture.names(in: setup.target).isEmpty)
    }

    @Test func notFoundLeavesAnOldFileUntouched() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try FileManager.default.removeItem(atPath: setup.mirror + "/train-images-idx3-ubyte.gz")
        // An old, wrong file is already in the target: a failed download must not touch it.
        try FileManager.default.createDirectory(atPath: setup.target, withIntermediateDirectories: true)
        let old = Data("old bytes".utf8)
        try old.write(to: URL(fileURLWithPath: setup.target + "/train-images-idx3-ubyte.gz"))
        let server = try LocalHTTPServer.serving(setup.mirror)
        defer { server.stop() }

        #expect(throws: DownloadError.httpStatus(file: "train-images-idx3-ubyte.gz",
                                                 url: server.baseURL + "train-images-idx3-ubyte.gz", status: 404)) {
            try setup.downloader(server.baseURL).fetch(setup.items)
        }
        #expect(Fixture.names(in: setup.target) == ["train-images-idx3-ubyte.gz"])
        #expect(FileManager.default.contents(atPath: setup.target + "/train-images-idx3-ubyte.gz") == old)
    }

    @Test func aWrongFileIsReplacedByAGoodDownload() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try Fixture.write([.trainImages: Fixture.images(count: 1, rows: 1, columns: 1, seed: 1)], to: setup.target, compressed: false)
        let server = try LocalHTTPServer.serving(setup.mirror)
        defer { server.stop() }
        let results = try setup.downloader(server.baseURL).fetch([setup.items[0]])
        #expect(results[0].path == setup.target + "/train-images-idx3-ubyte.gz")
        // The wrong uncompressed file would shadow the good one, so it is gone.
        #expect(Fixture.names(in: setup.target) == ["train-images-idx3-ubyte.gz"])
    }

    @Test func interruptedTransfer() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let script = setup.root + "/short_body_server.py"
        try LocalHTTPServer.shortBodyScript.write(toFile: script, atomically: true, encoding: .utf8)
        let server = try LocalHTTPServer.running(script: script)
        defer { server.stop() }

        #expect {
            try setup.downloader(server.baseURL).fetch(setup.items)
        } throws: { error in
            guard case DownloadError.interrupted(let file, let url, _, _, _) = error else { return false }
            return file == "train-images-idx3-ubyte.gz" && url == server.baseURL + "train-images-idx3-ubyte.gz"
        }
        #expect(Fixture.names(in: setup.target).isEmpty)
    }

    /// A target folder made by a fetch that failed before any file was kept is removed again.
    @Test func aFolderMadeForAFailedFetchIsRemoved() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let nobody = "http://127.0.0.1:\(try LocalHTTPServer.freePort())/"
        #expect(throws: DownloadError.self) { try setup.downloader(nobody).fetch(setup.items) }
        #expect(!FileManager.default.fileExists(atPath: setup.target))
        // A folder that was there before stays.
        try FileManager.default.createDirectory(atPath: setup.target, withIntermediateDirectories: true)
        #expect(throws: DownloadError.self) { try setup.downloader(nobody).fetch(setup.items) }
        #expect(FileManager.default.fileExists(atPath: setup.target))
        // Every folder made on the way (mkdir -p) goes, innermost first; the one that was there stays.
        var deep = try Downloader(mirror: nobody, folder: setup.target + "/a/b/c")
        deep.idleTimeout = 10
        #expect(throws: DownloadError.self) { try deep.fetch(setup.items) }
        #expect(Fixture.names(in: setup.target).isEmpty)
        #expect(TemporaryFiles.currentFolders.allSatisfy { !$0.hasPrefix(setup.target) })
    }

    /// The folders made for a fetch are listed for a signal handler while it runs, and not after.
    @Test func theFoldersMadeAreListedWhileTheFetchRuns() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let server = try LocalHTTPServer.serving(setup.mirror)
        defer { server.stop() }
        var listed: [String] = []
        _ = try setup.downloader(server.baseURL).fetch(setup.items, finished: { _ in
            if listed.isEmpty { listed = TemporaryFiles.currentFolders.filter { $0.hasPrefix(setup.target) } }
        })
        #expect(listed == [setup.target])
        #expect(TemporaryFiles.currentFolders.allSatisfy { !$0.hasPrefix(setup.target) })
        #expect(Fixture.names(in: setup.target).count == 4)
    }

    @Test func aMismatchWithAnotherDatasetsContentSaysSo() {
        let error = DownloadError.checksumMismatch(file: "F", url: "U", expected: "e", actual: KnownDataset.mnist.contentSHA256[.testLabels]!)
        #expect(error.description == "F: checksum mismatch for U: the content is mnist's t10k-labels-idx1-ubyte (a mirror of another dataset, or its files swapped?)")
        // The published file under its own name: the checksum list given is what is wrong.
        let own = DownloadError.checksumMismatch(file: "t10k-labels-idx1-ubyte.gz", url: "U", expected: "e",
                                                 actual: KnownDataset.mnist.contentSHA256[.testLabels]!)
        #expect(own.description == "t10k-labels-idx1-ubyte.gz: checksum mismatch for U: the content is mnist's t10k-labels-idx1-ubyte, "
                + "as published; the checksum given for it (e) is not that file's")
    }

    @Test func noServerIsUnreachable() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let nobody = "http://127.0.0.1:\(try LocalHTTPServer.freePort())/"
        #expect {
            try setup.downloader(nobody).fetch(setup.items)
        } throws: { error in
            guard case DownloadError.unreachable(let file, let url, _) = error else { return false }
            return file == "train-images-idx3-ubyte.gz" && url == nobody + "train-images-idx3-ubyte.gz"
        }
        #expect(Fixture.names(in: setup.target).isEmpty)
    }

    @Test func badMirrorAndUnwritableFolder() throws {
        #expect(throws: DownloadError.badMirror("ftp://example.org/")) { try Downloader(mirror: "ftp://example.org/", folder: "/tmp") }
        #expect(throws: DownloadError.badMirror("not a url")) { try Downloader(mirror: "not a url", folder: "/tmp") }
        #expect(try Downloader(mirror: "http://127.0.0.1:1/data", folder: "/tmp").mirror == "http://127.0.0.1:1/data/")

        let setup = try Setup()
        defer { setup.remove() }
        let file = setup.root + "/a-file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect {
            try Downloader(mirror: "http://127.0.0.1:1/", folder: file + "/inside").fetch(setup.items)
        } throws: { error in
            guard case DownloadError.cannotWrite(let path, let reason) = error else { return false }
            return path == file + "/inside" && reason == "\(file) is not a folder"
        }
    }

    @Test func everyErrorIsOneLineNamingFileAndURL() {
        let errors: [DownloadError] = [
            .httpStatus(file: "F", url: "U", status: 404), .unreachable(file: "F", url: "U", reason: "refused"),
            .interrupted(file: "F", url: "U", received: 1, expected: 2, reason: "r"),
            .interrupted(file: "F", url: "U", received: 1, expected: nil, reason: "r"),
            .checksumMismatch(file: "F", url: "U", expected: "e", actual: "a"), .gzip(file: "F", url: "U", message: "m"),
        ]
        for error in errors {
            #expect(error.description.hasPrefix("F: ") && error.description.contains("U") && !error.description.contains("\n"))
        }
    }
}
