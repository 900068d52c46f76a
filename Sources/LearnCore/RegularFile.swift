#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way `learn` opens a file it reads (datasets, checksum lists, PGM pictures, model files,
/// lessons, answer sheets): only a regular file, after following symbolic links, and never blocking.
///
/// The file is opened with `O_NONBLOCK` and checked with `fstat` on the open descriptor, so a named
/// pipe (FIFO) with no writer, a device or a socket is refused at once instead of hanging `open(2)` or
/// `read(2)`, and there is no window between the check and the open. Reads are POSIX calls into one
/// allocation of the file's size (no `Data`).
public enum RegularFile {
    /// Why a file could not be read, in a few words: the system's ("No such file or directory"), or
    /// "is a FIFO (named pipe), not a regular file", or "is larger than the N bytes allowed".
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var reason: String
        /// The file's size when it was refused for being larger than the limit.
        public var sizeOverLimit: Int?
        public init(reason: String, sizeOverLimit: Int? = nil) { self.reason = reason; self.sizeOverLimit = sizeOverLimit }
        public var description: String { reason }
    }

    /// A descriptor for reading the regular file at `path` (the caller closes it) and its size in bytes.
    public static func open(_ path: String) throws(Failure) -> (descriptor: Int32, size: Int) {
        let descriptor = openFile(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw Failure(reason: systemReason()) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let failure = Failure(reason: systemReason())
            close(descriptor)
            throw failure
        }
        if let kind = kind(of: info.st_mode) {
            close(descriptor)
            throw Failure(reason: kind)
        }
        // Back to blocking reads (a regular file never blocks, but be plain about it).
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return (descriptor, Int(info.st_size))
    }

    /// Why a file of mode `mode` is not read: nil for a regular file, else "is a folder", "is a FIFO
    /// (named pipe), not a regular file", … (shared with the check of output files).
    public static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "is a folder, not a regular file"
        case S_IFIFO: "is a FIFO (named pipe), not a regular file"
        case S_IFCHR, S_IFBLK: "is a device, not a regular file"
        case S_IFSOCK: "is a socket, not a regular file"
        default: "is not a regular file"
        }
    }

    /// The bytes of the regular file at `path`, refused before anything is allocated when it is larger
    /// than `limit` bytes.
    public static func read(_ path: String, limit: Int = .max) throws(Failure) -> [UInt8] {
        let (descriptor, size) = try open(path)
        defer { close(descriptor) }
        guard size <= limit else { throw Failure(reason: "is \(size) bytes, more than the \(limit) allowed", sizeOverLimit: size) }
        guard size > 0 else { return [] }

        var failure: Failure? = nil
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            var done = 0
            // Each pass reads at least one byte or stops; EINTR retries. A file that shrank ends early.
            while done < size {
                let n = readSome(descriptor, base + done, size - done)
                if n > 0 { done += n; continue }
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = Failure(reason: systemReason()) }
                break
            }
            count = done
        }
        if let failure { throw failure }
        return bytes
    }

    /// `read(2)` on `descriptor` into `buffer`, retrying on EINTR: the number of bytes read, 0 at the
    /// end of the file; throws the system's reason.
    public static func readChunk(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = readSome(descriptor, base.assumingMemoryBound(to: UInt8.self), buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw Failure(reason: systemReason()) }
        }
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}

/// `open(2)` and `read(2)`, named so that `RegularFile.open` and `.read` do not shadow them.
private func openFile(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
