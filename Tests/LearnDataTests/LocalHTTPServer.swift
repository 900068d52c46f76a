import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A python3 HTTP server on 127.0.0.1, started by a test and stopped by it (or when released).
///
/// Every wait is bounded: the server must accept connections within 10 s, and `stop` kills it. Nothing here talks to any address but 127.0.0.1.
final class LocalHTTPServer {
    /// `python3` on `PATH`, if there is one.
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    let port: UInt16
    private let process: Process

    /// `http://127.0.0.1:PORT/`.
    var baseURL: String { "http://127.0.0.1:\(port)/" }

    /// Serves the files in `directory` with `python3 -m http.server`.
    static func serving(_ directory: String) throws -> LocalHTTPServer {
        try LocalHTTPServer { port in ["-m", "http.server", "--bind", "127.0.0.1", String(port), "--directory", directory] }
    }

    /// Runs the python script at `path` with the port as its one argument.
    static func running(script path: String) throws -> LocalHTTPServer {
        try LocalHTTPServer { port in [path, String(port)] }
    }

    private init(arguments: (UInt16) -> [String]) throws {
        guard let python = Self.python else { throw ServerError("python3 is not installed") }
        for _ in 0..<3 {  // another process may take the free port between our check and python's bind
            let port = try Self.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-u"] + arguments(port)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            for _ in 0..<200 where process.isRunning {
                if Self.accepts(port) {
                    self.port = port
                    self.process = process
                    return
                }
                usleep(50_000)
            }
            Self.stop(process)
        }
        throw ServerError("python3 did not start serving on 127.0.0.1 within 10 s")
    }

    deinit { stop() }

    /// Stops the server (idempotent).
    func stop() { Self.stop(process) }

    /// SIGKILL at once: the test runner's children inherit a signal mask that blocks SIGTERM, so
    /// `terminate()` would wait out its grace period every time, and a test server has nothing to save.
    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now (nor, usually, a moment later).
    static func freePort() throws -> UInt16 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServerError("socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw ServerError("bind: \(String(cString: strerror(errno)))") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(_ port: UInt16) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    struct ServerError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// A server that answers every request with status 200, a `Content-Length` of 100,000 and 100
    /// bytes of body, then closes the connection: an interrupted transfer.
    static let shortBodyScript = """
        import socket, sys
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", int(sys.argv[1])))
        server.listen(16)
        while True:
            connection, _ = server.accept()
            connection.settimeout(5)
            try:
                request = b""
                while b"\\r\\n\\r\\n" not in request and len(request) < 65536:
                    chunk = connection.recv(4096)
                    if not chunk:
                        break
                    request += chunk
                if request:
                    connection.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Type: application/octet-stream\\r\\n"
                                       b"Content-Length: 100000\\r\\nConnection: close\\r\\n\\r\\n" + b"\\x1f\\x8b" + b"x" * 98)
            except OSError:
                pass
            finally:
                connection.close()
        """
}
