import Foundation
import Testing
@testable import LearnData
#if canImport(Glibc)
import Glibc
#endif

/// Servers that never stop sending, or trickle: a fetch stops at the file's known size or at the stall
/// rule, with short limits set by the test; and nothing but a regular file is ever replaced.
@Suite(.enabled(if: LocalHTTPServer.python != nil, "python3 is not installed; the download tests need it for a local HTTP server"),
       .timeLimit(.minutes(2)))
struct DownloadLimitTests {
    /// Answers every request with 200 and no length, then a body that `mode` shapes: `forever` sends
    /// 64 KiB pieces without end, `trickle` one byte every 0.2 s.
    static func script(_ mode: String) -> String {
        """
        import socket, sys, threading, time
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", int(sys.argv[1])))
        server.listen(16)
        def serve(connection):
            try:
                request = b""
                while b"\\r\\n\\r\\n" not in request and len(request) < 65536:
                    chunk = connection.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                connection.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Type: application/octet-stream\\r\\nConnection: close\\r\\n\\r\\n\\x1f\\x8b")
                for _ in range(100000):
                    if "\(mode)" == "forever":
                        connection.sendall(b"\\0" * 65536)
                    else:
                        connection.sendall(b"x")
                        time.sleep(0.2)
            except OSError:
                pass
            finally:
                connection.close()
        while True:
            connection, _ = server.accept()
            threading.Thread(target=serve, args=(connection,), daemon=True).start()
        """
    }

    static func downloader(_ server: LocalHTTPServer, into folder: String) throws -> Downloader {
        var downloader = try Downloader(mirror: server.baseURL, folder: folder)
        downloader.idleTimeout = 10
        downloader.totalTimeout = 60
        downloader.stallWindow = 1
        downloader.stallMinimumBytes = 100
        return downloader
    }

    static let item = DownloadItem(remoteName: "t10k-labels-idx1-ubyte.gz", contentSHA256: String(repeating: "0", count: 64),
                                   contentSize: 8 + 10_000)

    @Test func aServerThatNeverStopsIsCutOffAtTheFilesKnownSize() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = folder + "/forever.py"
        try Self.script("forever").write(toFile: script, atomically: true, encoding: .utf8)
        let server = try LocalHTTPServer.running(script: script)
        defer { server.stop() }
        let downloader = try Self.downloader(server, into: folder + "/target")
        let limit = downloader.transferLimit(for: Self.item)
        #expect(limit == 10_008 + 10 + 65_536)
        let address = server.baseURL + Self.item.remoteName
        #expect(throws: DownloadError.tooLarge(file: Self.item.localName, url: address, limit: Int64(limit))) {
            try downloader.fetch([Self.item])
        }
        #expect(Fixture.names(in: folder + "/target").isEmpty)
    }

    @Test func aTricklingServerStalls() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = folder + "/trickle.py"
        try Self.script("trickle").write(toFile: script, atomically: true, encoding: .utf8)
        let server = try LocalHTTPServer.running(script: script)
        defer { server.stop() }
        let started = ContinuousClock.now
        #expect {
            try Self.downloader(server, into: folder + "/target").fetch([Self.item])
        } throws: { error in
            guard case DownloadError.interrupted(_, _, _, _, let reason) = error else { return false }
            return reason.hasPrefix("stalled: ") && reason.hasSuffix("in the last 1 s, fewer than the 100 needed to go on")
        }
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    /// The rename into place would replace a FIFO (or a link, or a device) at the final name: refused.
    @Test func aFIFOAtTheFinalNameIsNotReplaced() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/" + Self.item.localName
        #expect(mkfifo(fifo, 0o600) == 0)
        let downloader = try Downloader(mirror: "http://127.0.0.1:1/", folder: folder)
        #expect(throws: DownloadError.cannotWrite(path: fifo, reason: "is a FIFO (named pipe), not a regular file: it is not replaced")) {
            try downloader.fetch([Self.item])
        }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }
}
