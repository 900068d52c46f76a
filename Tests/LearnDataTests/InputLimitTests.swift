import Foundation
import Testing
import LearnCore
@testable import LearnData
#if canImport(Glibc)
import Glibc
#endif

/// Files that are not regular files, and content that unpacks to more than it can hold.
@Suite(.timeLimit(.minutes(1)))
struct InputLimitTests {
    /// Runs `body` on another thread; if it has not returned within 5 s, opens the FIFO at `fifo` for
    /// writing and closes it again, which lets a reader blocked in `open(2)` go on (then sees the end),
    /// so the test fails instead of hanging. Returns whether `body` finished on its own.
    static func finishesWithoutAWriter(_ fifo: String, _ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread { body(); done.signal() }.start()
        if done.wait(timeout: .now() + 5) == .success { return true }
        for _ in 0..<3 {
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            if done.wait(timeout: .now() + 5) == .success { break }
        }
        return false
    }

    @Test func aFIFOIsRefusedAtOnceNotWaitedOn() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/train-images-idx3-ubyte"
        #expect(mkfifo(fifo, 0o600) == 0)
        let message = "is a FIFO (named pipe), not a regular file"

        let outcome = Outcome()
        #expect(Self.finishesWithoutAWriter(fifo) {
            do { _ = try FileContent.read(fifo) } catch { outcome.set("\(error)") }
        }, "reading a FIFO with no writer must not wait for one")
        #expect(outcome.value == "\(fifo): cannot read it (\(message))")

        #expect(Self.finishesWithoutAWriter(fifo) {
            do { _ = try PGMImage(contentsOf: fifo) } catch { outcome.set("\(error)") }
        })
        #expect(outcome.value == "\(fifo): cannot read it (\(message))")

        #expect(Self.finishesWithoutAWriter(fifo) {
            do { _ = try ChecksumList.read(fifo) } catch { outcome.set("\(error)") }
        })
        #expect(outcome.value?.contains(message) == true, "\(outcome.value ?? "")")

        #expect(throws: RegularFile.Failure(reason: "is a device, not a regular file")) { try RegularFile.read("/dev/zero") }
        #expect(throws: RegularFile.Failure(reason: "is a folder, not a regular file")) { try RegularFile.read(folder) }
        // A symbolic link is followed to the regular file it names.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: folder + "/bytes"))
        #expect(symlink(folder + "/bytes", folder + "/link") == 0)
        #expect(try RegularFile.read(folder + "/link") == [1, 2, 3])
    }

    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var text: String?
        func set(_ value: String) { lock.withLock { text = value } }
        var value: String? { lock.withLock { text } }
    }

    /// 64 MiB of zeros after a header for ten 28 × 28 images: a gzip of about 64 KiB that would unpack
    /// to 8,000 times what the header states. Unpacking stops just past the 7,856 bytes it can hold.
    @Test func aGzipBombStopsAtWhatTheIDXHeaderStates() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 10, 0, 0, 0, 28, 0, 0, 0, 28]
        let bomb = try Gzip.compress(header + [UInt8](repeating: 0, count: 64 << 20), level: 9)
        #expect(bomb.count < 1 << 20)
        let path = folder + "/t10k-images-idx3-ubyte.gz"
        try Data(bomb).write(to: URL(fileURLWithPath: path))
        #expect(throws: IDXError.tooLong(file: path, limit: 16 + 10 * 28 * 28, why: "once unpacked, as its IDX header states")) {
            try FileContent.read(path)
        }
        #expect(throws: IDXError.tooLong(file: path, limit: 16 + 10 * 28 * 28, why: "once unpacked, as its IDX header states")) {
            try IDX(contentsOf: path)
        }

        // A header that states more than a dataset file may hold stops the unpacking at its first piece;
        // no header at all: the overall maximum.
        let huge: [UInt8] = [0, 0, 8, 3, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0]
        try Data(try Gzip.compress(huge + [UInt8](repeating: 0, count: 8 << 20), level: 9)).write(to: URL(fileURLWithPath: path))
        #expect(throws: IDXError.tooLong(file: path, limit: 1 << 20,
                                         why: "once unpacked: its IDX header states \(16 + 65536 * 256 * 256), more than a dataset file may hold")) {
            try FileContent.read(path, maximum: 1 << 20)
        }
        try Data(try Gzip.compress(Array("not an IDX header".utf8) + [UInt8](repeating: 0, count: 8 << 20), level: 9))
            .write(to: URL(fileURLWithPath: path))
        #expect(throws: IDXError.tooLong(file: path, limit: 1 << 20, why: "once unpacked, the most a dataset file may hold")) {
            try FileContent.read(path, maximum: 1 << 20)
        }
        // A raw file whose size on disk is not what its header states is refused from its header alone
        // (a sparse 512 MiB file: reading it whole would take 512 MiB).
        let sparse = folder + "/sparse"
        try Data(header).write(to: URL(fileURLWithPath: sparse))
        #expect(truncate(sparse, 512 << 20) == 0)
        #expect(throws: IDXError.trailingBytes(file: sparse, expected: 16 + 10 * 28 * 28, got: 512 << 20)) {
            try FileContent.read(sparse)
        }
        // A raw file larger than the maximum is refused before it is read.
        try Data(header + [UInt8](repeating: 0, count: 2 << 20)).write(to: URL(fileURLWithPath: folder + "/raw"))
        #expect(throws: IDXError.tooLong(file: folder + "/raw", limit: 1 << 20, why: "(the file is \(16 + (2 << 20))), the most a dataset file may hold")) {
            try FileContent.read(folder + "/raw", maximum: 1 << 20)
        }
        // A good file within its header's size still reads.
        let good = IDX(dimensions: [10, 28, 28], bytes: [UInt8](repeating: 7, count: 7840))
        try Data(try Gzip.compress(good.encoded())).write(to: URL(fileURLWithPath: path))
        #expect(try IDX(contentsOf: path) == good)
        #expect(IDX.statedSize(header: good.encoded()[...]) == 7856)
        #expect(IDX.statedSize(header: good.encoded()[..<15]) == nil)
    }

    @Test func decompressStopsPastItsLimit() throws {
        let zeros = try Gzip.compress([UInt8](repeating: 0, count: 1 << 20))
        #expect(throws: GzipError("unpacks to more than 1000 bytes; not unpacked further", limitExceeded: 1000)) {
            try Gzip.decompress(zeros) { _ in 1000 }
        }
        #expect(try Gzip.decompress(zeros) { _ in 1 << 20 }.count == 1 << 20)
    }

    /// The streaming inflater the downloader checks files with gives what `Gzip.decompress` gives, for
    /// any split of the input: two members, trailing zeros; and refuses garbage and a cut-off stream.
    @Test func gzipStreamInAnyPiecesMatchesDecompress() throws {
        let a = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31 >> 3) }, b = [UInt8](repeating: 9, count: 300_000)
        let data = try Gzip.compress(a) + Gzip.compress(b) + [0, 0, 0]
        func stream(_ input: [UInt8], piece: Int) throws -> [UInt8] {
            let inflater = try GzipStream()
            var out: [UInt8] = []
            var start = 0
            while start < input.count {
                let end = min(start + piece, input.count)
                try input[start..<end].withUnsafeBytes { bytes in
                    try inflater.feed(bytes) { (o) throws(GzipError) in out += o }
                }
                start = end
            }
            try inflater.finish()
            return out
        }
        for piece in [1, 7, 4096, 1 << 20] {
            #expect(try stream(data, piece: piece) == a + b, "pieces of \(piece)")
            #expect(throws: GzipError.self, "pieces of \(piece)") { try stream(data + [1, 2], piece: piece) }
            #expect(throws: GzipError("unexpected end of the compressed data (the file is cut off)"), "pieces of \(piece)") {
                try stream(Array(data.dropLast(20)), piece: piece)
            }
        }
    }
}
