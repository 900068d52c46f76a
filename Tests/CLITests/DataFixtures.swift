import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tiny datasets in the MNIST layout for the `learn data` tests, and a python3 HTTP server on 127.0.0.1
/// that serves them. The test target cannot use `LearnData` (it would test the code with itself), so the
/// IDX bytes are written here and python3 gzips them and computes the content checksums: an independent
/// oracle.
enum DataFixture {
    /// The four file names, in the order `learn` fetches them.
    static let names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]

    /// `python3` on `PATH`, if there is one.
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// An IDX file: magic `00 00 08 rank`, big-endian sizes, bytes.
    static func idx(_ dimensions: [Int], _ bytes: [UInt8]) -> [UInt8] {
        precondition(dimensions.reduce(1, *) == bytes.count, "idx: \(dimensions) for \(bytes.count) bytes")
        var out: [UInt8] = [0, 0, 8, UInt8(dimensions.count)]
        for d in dimensions { out += [UInt8(d >> 24 & 0xFF), UInt8(d >> 16 & 0xFF), UInt8(d >> 8 & 0xFF), UInt8(d & 0xFF)] }
        return out + bytes
    }

    /// An image of a plus sign, 4 × 4 pixels: ink (255) on the middle row and column, 0 elsewhere.
    static let plus: [UInt8] = [0, 255, 0, 0, 255, 255, 255, 255, 0, 255, 0, 0, 0, 255, 0, 0]

    /// The content of each file: 3 train and 2 test images of 4 × 4 pixels (each a plus sign with its
    /// index in the corner pixel), and labels 3 1 4 / 1 5.
    static func contents() -> [String: [UInt8]] {
        func images(_ count: Int) -> [UInt8] { (0..<count).flatMap { i in plus.enumerated().map { $0.offset == 15 ? UInt8(i) : $0.element } } }
        return [
            names[0]: idx([3, 4, 4], images(3)), names[1]: idx([3], [3, 1, 4]),
            names[2]: idx([2, 4, 4], images(2)), names[3]: idx([2], [1, 5]),
        ]
    }

    /// Writes the tiny dataset into `folder`: `NAME.gz` (and `NAME` too when `raw`), plus
    /// `SHA256SUMS.content` with the SHA-256 of each decompressed file, both made by python3.
    static func write(to folder: URL, raw: Bool = false) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in contents() { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        try python(["-c", """
            import gzip, hashlib, os, sys
            folder, keep = sys.argv[1], sys.argv[2] == "raw"
            names = [\(names.map { "'\($0)'" }.joined(separator: ", "))]
            with open(os.path.join(folder, "SHA256SUMS.content"), "w") as sums:
                for name in names:
                    path = os.path.join(folder, name)
                    data = open(path, "rb").read()
                    sums.write(hashlib.sha256(data).hexdigest() + "  " + name + "\\n")
                    with open(path + ".gz", "wb") as out:
                        out.write(gzip.compress(data, mtime=0))
                    if not keep:
                        os.remove(path)
            """, folder.path, raw ? "raw" : "gz"])
    }

    /// Gzips `bytes` into `path` with python3 (for a corrupt mirror file).
    static func writeGzip(_ bytes: [UInt8], to path: URL) throws {
        let raw = path.deletingPathExtension()
        try Data(bytes).write(to: raw)
        try python(["-c", "import gzip, os, sys; open(sys.argv[1] + '.gz', 'wb').write(gzip.compress(open(sys.argv[1], 'rb').read())); os.remove(sys.argv[1])", raw.path])
    }

    private static func python(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ?? "/usr/bin/python3")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError("python3 \(arguments.prefix(1)) failed") }
    }

    /// The names in `folder`, sorted (hidden ones too: a leftover `.NAME.PID.part` would show).
    static func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// A python3 HTTP server on 127.0.0.1 serving a folder, started and stopped by a test.
///
/// Paths under `/cut/` send the real headers (with the whole `Content-Length`) but only half the body,
/// then close: an interrupted transfer. Paths under `/slow/` send half, then wait 60 s: a transfer a
/// test can interrupt with Ctrl-C. The server binds port 0 and prints the port it got, so there is no
/// race for a free port; every wait is bounded.
final class MirrorServer {
    let port: Int
    private let process: Process

    /// `http://127.0.0.1:PORT/`.
    var baseURL: String { "http://127.0.0.1:\(port)/" }

    static let script = """
        import http.server, os, signal, sys, time
        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
            def do_GET(self):
                for prefix, stall in (("/cut/", 0), ("/slow/", 60)):
                    if self.path.startswith(prefix):
                        path = os.path.join(self.directory, self.path[len(prefix):])
                        if not os.path.isfile(path):
                            self.send_error(404)
                            return
                        data = open(path, "rb").read()
                        self.send_response(200)
                        self.send_header("Content-Type", "application/octet-stream")
                        self.send_header("Content-Length", str(len(data)))
                        self.send_header("Connection", "close")
                        self.end_headers()
                        self.wfile.write(data[: len(data) // 2])
                        self.wfile.flush()
                        time.sleep(stall)
                        self.close_connection = True
                        return
                super().do_GET()
        # The test runner's children inherit a mask that blocks SIGTERM: unblock it, so that stop() is quick.
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        directory = sys.argv[1]
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: Handler(*a, directory=directory))
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    /// Serves `folder`.
    init(serving folder: URL) throws {
        guard let python = DataFixture.python else { throw DataFixture.FixtureError("python3 is not installed") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-u", "-c", Self.script, folder.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first line is the port; wait for it at most 10 s.
        let reader = out.fileHandleForReading
        let line = LineBox()
        let got = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            var text = ""
            while !text.contains("\n") {
                let data = reader.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
            line.set(text)
            got.signal()
        }
        guard got.wait(timeout: .now() + 10) == .success,
              let port = Int(line.get().trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw DataFixture.FixtureError("python3 did not start serving within 10 s")
        }
        self.port = port
    }

    deinit { stop() }

    /// Stops the server (idempotent).
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<100 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// A port on 127.0.0.1 nothing listens on (bound, read and released).
    static func unusedPort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw DataFixture.FixtureError("socket failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw DataFixture.FixtureError("bind failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The first line python prints, handed from the reading thread.
    private final class LineBox: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func set(_ value: String) { lock.withLock { text = value } }
        func get() -> String { lock.withLock { text } }
    }
}
