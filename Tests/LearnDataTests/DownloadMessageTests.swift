import Foundation
import Testing
@testable import LearnData
#if canImport(Glibc)
import Glibc
#endif

/// Every way a server can fail a fetch gives one plain sentence naming the file and the URL (no
/// "NSURLErrorDomain error -1001"), against a python3 server on 127.0.0.1 that misbehaves on purpose;
/// and a server that compresses on the wire (`Content-Encoding`) is handled or named.
@Suite(.enabled(if: LocalHTTPServer.python != nil, "python3 is not installed; the download tests need it for a local HTTP server"),
       .timeLimit(.minutes(2)))
struct DownloadMessageTests {
    /// Serves the files of the folder given as its second argument, shaped by the first path component:
    /// `stall` never answers, `labelled` sends a `.gz` as `Content-Encoding: gzip` (so the client
    /// unpacks it), `double` gzips the `.gz` once more on the wire, `weird` claims an unknown encoding,
    /// `loop` redirects to itself, `short` announces more than it sends, `empty` closes without a word,
    /// `fail` answers 500.
    static let script = """
        import gzip, os, socket, sys, threading, time
        folder = sys.argv[2]
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", int(sys.argv[1])))
        server.listen(16)
        def answer(c, status, headers, body):
            head = "HTTP/1.1 %s\\r\\n" % status + "".join("%s: %s\\r\\n" % h for h in headers) + "Connection: close\\r\\n\\r\\n"
            c.sendall(head.encode() + body)
        def serve(c):
            try:
                request = b""
                while b"\\r\\n\\r\\n" not in request:
                    chunk = c.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                path = request.split(b" ")[1].decode()
                mode, name = path.strip("/").split("/", 1)
                data = open(os.path.join(folder, name), "rb").read()
                if mode == "stall":
                    time.sleep(30)
                elif mode == "labelled":
                    answer(c, "200 OK", [("Content-Encoding", "gzip"), ("Content-Length", len(data))], data)
                elif mode == "double":
                    body = gzip.compress(data)
                    answer(c, "200 OK", [("Content-Encoding", "gzip"), ("Content-Length", len(body))], body)
                elif mode == "weird":
                    answer(c, "200 OK", [("Content-Encoding", "x-weird"), ("Content-Length", len(data))], data)
                elif mode == "loop":
                    answer(c, "302 Found", [("Location", path), ("Content-Length", 0)], b"")
                elif mode == "short":
                    answer(c, "200 OK", [("Content-Length", len(data) + 1000)], data)
                elif mode == "fail":
                    answer(c, "500 Internal Server Error", [("Content-Length", 0)], b"")
            except OSError:
                pass
            finally:
                c.close()
        while True:
            c, _ = server.accept()
            threading.Thread(target=serve, args=(c,), daemon=True).start()
        """

    /// The tiny dataset's mirror folder and a server for it; one item to fetch (the test labels).
    struct Setup {
        let root: String
        let checksums: [DatasetFile: String]
        let server: LocalHTTPServer
        var mirror: String { root + "/mirror" }
        var target: String { root + "/target" }
        var item: DownloadItem { DownloadItem(remoteName: DatasetFile.testLabels.compressedName, contentSHA256: checksums[.testLabels]!) }

        init() throws {
            root = try Fixture.temporaryFolder()
            checksums = try Fixture.write(Fixture.tinyDataset(), to: root + "/mirror", compressed: true)
            // The server script is started as `script PORT`; the folder comes from a wrapper.
            let script = root + "/server.py"
            try (DownloadMessageTests.script.replacingOccurrences(of: "folder = sys.argv[2]", with: "folder = \(String(reflecting: root + "/mirror"))"))
                .write(toFile: script, atomically: true, encoding: .utf8)
            server = try LocalHTTPServer.running(script: script)
        }

        func downloader(_ mode: String) throws -> Downloader {
            var downloader = try Downloader(mirror: server.baseURL + mode + "/", folder: target)
            downloader.idleTimeout = 1
            downloader.totalTimeout = 30
            return downloader
        }

        /// The one line a failed fetch of the item in `mode` gives.
        func failure(_ mode: String) throws -> DownloadError? {
            do {
                _ = try downloader(mode).fetch([item])
                return nil
            } catch let error as DownloadError {
                return error
            }
        }

        func remove() {
            server.stop()
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    static let name = DatasetFile.testLabels.compressedName

    /// One line, naming the file and the URL, and saying `sentence`; nothing left in the target folder.
    func expectOneLine(_ error: DownloadError?, _ setup: Setup, _ mode: String, saying sentence: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let text = error?.description ?? "no error"
        #expect(text.hasPrefix(Self.name + ": "), "\(text)", sourceLocation: sourceLocation)
        #expect(text.contains(setup.server.baseURL + mode + "/" + Self.name), "\(text)", sourceLocation: sourceLocation)
        #expect(text.contains(sentence), "\(text)", sourceLocation: sourceLocation)
        #expect(!text.contains("\n") && !text.contains("NSURLErrorDomain") && !text.contains("error -"), "\(text)", sourceLocation: sourceLocation)
        #expect(Fixture.names(in: setup.target).isEmpty, sourceLocation: sourceLocation)
    }

    @Test func aServerThatSendsNothingSaysForHowLong() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let started = ContinuousClock.now
        let error = try setup.failure("stall")
        #expect(error?.description == "\(Self.name): \(setup.server.baseURL)stall/\(Self.name): the server sent nothing for 1 s")
        expectOneLine(error, setup, "stall", saying: "the server sent nothing for 1 s")
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test func aRedirectLoop() throws {
        let setup = try Setup()
        defer { setup.remove() }
        expectOneLine(try setup.failure("loop"), setup, "loop", saying: "too many redirects (the server redirects in a loop?)")
    }

    @Test func aBodyShorterThanAnnounced() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let error = try setup.failure("short")
        expectOneLine(error, setup, "short", saying: "broke off after")
        #expect(error?.description.hasSuffix("(the connection closed before the whole file came)") == true, "\(String(describing: error))")
    }

    @Test func aServerErrorAndAClosedConnection() throws {
        let setup = try Setup()
        defer { setup.remove() }
        expectOneLine(try setup.failure("fail"), setup, "fail", saying: "the server answered HTTP 500 (internal server error)")
        // A path the script does not know: it reads the request and closes without a word.
        expectOneLine(try setup.failure("empty"), setup, "empty", saying: "the server closed the connection without")
    }

    @Test func nothingListening() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let nobody = "http://127.0.0.1:\(try LocalHTTPServer.freePort())/"
        var downloader = try Downloader(mirror: nobody, folder: setup.target)
        downloader.idleTimeout = 5
        #expect(throws: DownloadError.unreachable(file: Self.name, url: nobody + Self.name,
                                                  reason: "connection refused: nothing answers at that address and port")) {
            try downloader.fetch([setup.item])
        }
    }

    /// https:// to a server that speaks plain http: the TLS handshake fails, said in words (libcurl's are
    /// an OpenSSL routine's name and number).
    @Test func httpsToAnHTTPServer() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let plain = try LocalHTTPServer.serving(setup.mirror)   // python's http.server answers a TLS hello with 400
        defer { plain.stop() }
        let mirror = "https://127.0.0.1:\(plain.port)/"
        var downloader = try Downloader(mirror: mirror, folder: setup.target)
        downloader.idleTimeout = 5
        #expect(throws: DownloadError.unreachable(file: Self.name, url: mirror + Self.name,
                                                  reason: "the secure https connection could not be set up")) {
            try downloader.fetch([setup.item])
        }
        #expect(DownloadError.unreachable(file: "F", url: "U", reason: HTTPTransfer.reason(URLError(.cannotFindHost))).description
                == "F: cannot connect to U (no such host: the name does not resolve)")
    }

    /// A server that declares a `.gz` file's own compression as `Content-Encoding: gzip`: URLSession
    /// unpacks it on the way, the content is checked all the same and kept under the uncompressed name.
    @Test func aGzipFileLabelledAsContentEncodingIsKeptUnpacked() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let results = try setup.downloader("labelled").fetch([setup.item])
        let uncompressed = String(Self.name.dropLast(3))
        #expect(results.map(\.path) == [setup.target + "/" + uncompressed])
        #expect(Fixture.names(in: setup.target) == [uncompressed])
        #expect(try ContentChecksum.of(file: setup.target + "/" + uncompressed) == setup.checksums[.testLabels])
        // Already there the next time (the uncompressed name counts).
        #expect(try setup.downloader("labelled").fetch([setup.item]).map(\.action) == [.alreadyPresent])
    }

    /// A server that gzips the `.gz` once more on the wire: unpacked once on the way, the `.gz` is kept.
    @Test func aDoublyCompressedFileIsUnpackedOnce() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let results = try setup.downloader("double").fetch([setup.item])
        #expect(results.map(\.path) == [setup.target + "/" + Self.name])
        #expect(Fixture.names(in: setup.target) == [Self.name])
        #expect(FileManager.default.contents(atPath: setup.target + "/" + Self.name)
                == FileManager.default.contents(atPath: setup.mirror + "/" + Self.name))
    }

    @Test func anEncodingThatCannotBeUndoneIsNamed() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let error = try setup.failure("weird")
        #expect(error == .contentEncoding(file: Self.name, url: setup.server.baseURL + "weird/" + Self.name, encoding: "x-weird"))
        expectOneLine(error, setup, "weird", saying: "compressed on the wire (Content-Encoding: x-weird), which cannot be undone")
    }

    /// A mirror is checked before anything is fetched: a port out of 1…65535, or no host, is refused.
    @Test func anInvalidPortOrNoHostIsRefusedUpFront() {
        for (mirror, reason) in [("http://127.0.0.1:99999/", "the port 99999 is not between 1 and 65535"),
                                 ("http://127.0.0.1:65536/x", "the port 65536 is not between 1 and 65535"),
                                 ("https://example.org:0/", "the port 0 is not between 1 and 65535"),
                                 ("http://:8080/", "it names no host")] {
            #expect(throws: DownloadError.invalidMirror(mirror, reason: reason)) { try Downloader(mirror: mirror, folder: "/tmp") }
            #expect(DownloadError.invalidMirror(mirror, reason: reason).description == "mirror '\(mirror)': \(reason)")
        }
        #expect((try? Downloader(mirror: "http://127.0.0.1:65535/", folder: "/tmp")) != nil)
        #expect((try? Downloader(mirror: "http://127.0.0.1:1", folder: "/tmp")) != nil)
    }

    /// Every URLSession code the transfer can see has a sentence of its own (never libcurl's number).
    @Test func everyURLErrorCodeHasAPlainSentence() {
        let codes: [URLError.Code] = [.timedOut, .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
                                      .networkConnectionLost, .httpTooManyRedirects, .redirectToNonExistentLocation,
                                      .badServerResponse, .cannotParseResponse, .unsupportedURL, .zeroByteResource,
                                      .cannotDecodeContentData, .cannotDecodeRawData, .dataLengthExceedsMaximum,
                                      .userAuthenticationRequired, .secureConnectionFailed, .serverCertificateUntrusted,
                                      .serverCertificateHasBadDate, .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot,
                                      .clientCertificateRejected, .clientCertificateRequired, .resourceUnavailable, .cancelled]
        var sentences: Set<String> = []
        for code in codes {
            let sentence = HTTPTransfer.reason(URLError(code), received: 0, idle: 60)
            #expect(!sentence.contains("NSURLErrorDomain") && !sentence.contains("\(code.rawValue)") && !sentence.isEmpty, "\(code): \(sentence)")
            sentences.insert(sentence)
        }
        #expect(sentences.count >= codes.count - 10)   // some codes share a sentence (no network, certificates)
        #expect(HTTPTransfer.reason(URLError(.timedOut), received: 0, idle: 60) == "the server sent nothing for 60 s")
        #expect(HTTPTransfer.reason(URLError(.timedOut), received: 5, idle: 60) == "the server sent nothing more for 60 s")
    }
}
