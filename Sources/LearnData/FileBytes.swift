#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into one `[UInt8]` with POSIX calls: one allocation of the file's size, no `Data`.
enum FileBytes {
    /// The bytes of the regular file at `path`; the error is the system's reason in a few words.
    static func read(_ path: String) throws(FileReadFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadFailure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileReadFailure(reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw FileReadFailure(reason: "not a regular file") }
        let size = Int(info.st_size)
        guard size > 0 else { return [] }

        var failure: FileReadFailure? = nil
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            var done = 0
            // Each pass reads at least one byte or stops; EINTR retries.
            while done < size {
                let n = readSome(descriptor, base + done, size - done)
                if n > 0 { done += n; continue }
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = FileReadFailure(reason: String(cString: strerror(errno))) }
                break
            }
            count = done
        }
        if let failure { throw failure }
        return bytes
    }
}

/// Why a file could not be read, in the system's words ("No such file or directory").
struct FileReadFailure: Error {
    var reason: String
}

/// `read(2)`, named so that `FileBytes.read` does not shadow it.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
