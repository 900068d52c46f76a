#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The one way `learn` writes a file that must never be seen half-written (`--output`, `--save`,
/// `--csv`, `--log`, a downloaded dataset file): under a temporary name beside the final one, then
/// renamed into place.
///
/// - The temporary name is always `.NAME.PID.SUFFIX` (`.model.bin.4242.tmp`, `.t10k-labels-idx1-ubyte.gz.4242.part`),
///   so the process that wrote it can be told from its name.
/// - It is created with `open(O_CREAT | O_EXCL | O_NOFOLLOW)`: a symbolic link (or anything else)
///   planted at that name is neither followed nor reused.
/// - While it exists it is listed in ``TemporaryFiles``, whose ``TemporaryFiles/removeAll()`` a signal
///   handler calls, so Ctrl-C, `kill` or a closed window leaves nothing behind.
/// - Before it is created, temporary files of the same final name left by a process that no longer
///   exists (a crash, `kill -9`, a power cut) are removed (``TemporaryFiles/sweepStale(beside:suffix:)``).
/// - ``commit()`` renames it over the final name only when that name holds a regular file or nothing.
public struct TemporaryFile: Sendable {
    /// Why the file could not be created, written or put in place, in a few words (the system's
    /// "Permission denied", or "is a FIFO (named pipe), not a regular file: it is not replaced").
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public init(_ reason: String) { self.reason = reason }
        public var description: String { reason }
    }

    /// The temporary name, `.NAME.PID.SUFFIX` in the final name's folder.
    public let path: String
    /// Where the file goes once it is whole.
    public let finalPath: String
    /// Open for writing (and reading back, `O_RDWR`); closed by ``commit()`` and ``discard()``.
    public let descriptor: Int32

    /// `.NAME.PID.SUFFIX` beside `finalPath`, for process `pid`.
    public static func path(for finalPath: String, suffix: String, pid: pid_t = getpid()) -> String {
        let (folder, name) = split(finalPath)
        return folder + "." + name + "." + String(pid) + "." + suffix
    }

    /// Creates the temporary file for `finalPath` (its folder must exist), after sweeping stale ones.
    /// `mode` is narrowed by the umask, as for any new file. A file of this very name left by an
    /// earlier process with the same PID is removed first when it is a regular file; anything else
    /// there is refused.
    public static func create(for finalPath: String, suffix: String, mode: mode_t = 0o666) throws(Failure) -> TemporaryFile {
        TemporaryFiles.sweepStale(beside: finalPath, suffix: suffix)
        let path = path(for: finalPath, suffix: suffix)
        // Registered before it exists: a signal between open and registration must not leave it.
        TemporaryFiles.register(path)
        for attempt in 0..<2 {
            let descriptor = openNew(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if descriptor >= 0 { return TemporaryFile(path: path, finalPath: finalPath, descriptor: descriptor) }
            let code = errno
            var info = stat()
            if code == EEXIST, attempt == 0, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, unlink(path) == 0 { continue }
            TemporaryFiles.unregister(path)
            if code == EEXIST || code == ELOOP {
                let kind = lstat(path, &info) == 0 ? Self.kind(of: info.st_mode) : "is in the way"
                throw Failure("the temporary file \(path) \(kind): it is not replaced")
            }
            throw Failure("cannot create \(path): \(systemReason(code))")
        }
        TemporaryFiles.unregister(path)
        throw Failure("cannot create \(path)")
    }

    /// Appends `bytes` (all of them: short writes and EINTR are retried).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = writeSome(descriptor, base, left)
            if n > 0 { base += n; left -= n; continue }
            if n < 0, errno == EINTR { continue }
            throw Failure("cannot write \(path): \(systemReason(errno))")
        }
    }

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws(Failure) {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(Failure) in try write(buffer) } }
        try result.get()
    }

    /// Closes the file and renames it to ``finalPath`` (or `other`, in the same folder), which must hold
    /// a regular file or nothing: anything else there (a symbolic link, FIFO, device, socket or folder,
    /// even one put there after the caller's own check) is refused and left alone, and this file removed.
    ///
    /// The final name is checked with `lstat`, then, where Linux's `renameat2(2)` is available:
    /// - nothing there: renamed with `RENAME_NOREPLACE`, so an entry that appears after the `lstat` makes
    ///   the rename fail (and the check is made again) instead of being replaced;
    /// - a regular file there: swapped with `RENAME_EXCHANGE`, and what was swapped out is looked at
    ///   with `lstat`: a regular file is removed; anything else (put there after the check) is swapped
    ///   back, so it spends a moment under the temporary name but is never replaced.
    /// Where `renameat2` is missing or the file system refuses its flags (some network and FUSE file
    /// systems), a plain `rename(2)` follows the `lstat`, and an entry swapped in between the two
    /// (microseconds) by another process with write access to the folder would be replaced: POSIX has
    /// no "rename unless it is not a regular file".
    public func commit(to other: String? = nil) throws(Failure) {
        let finalPath = other ?? self.finalPath
        defer { TemporaryFiles.unregister(path) }
        if fsync(descriptor) != 0, errno != EINVAL, errno != EROFS {
            let reason = systemReason(errno)
            discardFile()
            throw Failure("cannot write \(path): \(reason)")
        }
        closeFile(descriptor)
        for _ in 0..<8 {
            var info = stat()
            let exists = lstat(finalPath, &info) == 0
            if exists, info.st_mode & S_IFMT != S_IFREG { return try refuse(finalPath, info.st_mode) }
            if let renameat2 = renameat2Function {
                if renameat2(AT_FDCWD, path, AT_FDCWD, finalPath, exists ? renameExchange : renameNoReplace) == 0 {
                    guard exists else { return }
                    // `path` now holds what was at the final name.
                    var old = stat()
                    if lstat(path, &old) == 0, old.st_mode & S_IFMT != S_IFREG {
                        _ = renameat2(AT_FDCWD, path, AT_FDCWD, finalPath, renameExchange)
                        return try refuse(finalPath, old.st_mode)
                    }
                    unlink(path)
                    return
                }
                let code = errno
                if code == EEXIST || (exists && code == ENOENT) { continue }  // changed since the lstat: look again
                if code != EINVAL && code != ENOSYS { return try failRename(finalPath, code) }
            }
            guard rename(path, finalPath) == 0 else { return try failRename(finalPath, errno) }
            return
        }
        try failRename(finalPath, EAGAIN)
    }

    /// Whether this system has `renameat2` (then the window described at ``commit(to:)`` is closed on
    /// file systems that take its flags).
    static var hasRenameat2: Bool { renameat2Function != nil }

    private func refuse(_ finalPath: String, _ mode: mode_t) throws(Failure) {
        unlink(path)
        throw Failure("\(finalPath) \(Self.kind(of: mode)): it is not replaced")
    }

    private func failRename(_ finalPath: String, _ code: Int32) throws(Failure) {
        unlink(path)
        throw Failure("cannot rename \(path) to \(finalPath): \(systemReason(code))")
    }

    /// Closes and removes the file (after a failure).
    public func discard() {
        discardFile()
        TemporaryFiles.unregister(path)
    }

    private func discardFile() {
        closeFile(descriptor)
        unlink(path)
    }

    /// "is a symbolic link, not a regular file", or ``RegularFile/kind(of:)``'s words.
    static func kind(of mode: mode_t) -> String {
        mode & S_IFMT == S_IFLNK ? "is a symbolic link, not a regular file" : RegularFile.kind(of: mode) ?? "is a regular file"
    }

    /// (`folder/` or "", `name`) of a path.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }
}

/// The temporary files this process is writing right now, and the folders it made for them that may
/// still be empty, for a signal handler to remove; and the sweep of temporary files left by processes
/// that no longer exist.
///
/// Each list is a fixed array of slots (``SignalSafePaths``), so ``removeAll()`` only loads words and
/// calls `unlink(2)` and `rmdir(2)`: it allocates nothing and takes no lock, as a signal handler must.
public enum TemporaryFiles {
    /// How many temporary files (and, separately, folders) may be listed at once (`learn` writes one
    /// file at a time; a path beyond this many is written all the same, only not removed on a signal).
    static let capacity = 32

    private static let files = SignalSafePaths(capacity: capacity)
    private static let folders = SignalSafePaths(capacity: capacity)

    /// Makes the lists ready; call before installing a signal handler that uses ``removeAll()`` (so the
    /// handler never runs a lazy initialiser).
    public static func prepare() { _ = (files, folders) }

    /// Adds `path` to the list.
    static func register(_ path: String) { files.insert(path) }

    /// Takes `path` off the list (the file is in place or gone).
    static func unregister(_ path: String) { files.remove(path) }

    /// Lists `folder`, made by this process to hold files it is writing: a signal removes it if it is
    /// empty by then (after the temporary files), so an interrupted download leaves no empty folder.
    public static func registerFolder(_ folder: String) { folders.insert(folder) }

    /// Takes `folder` off the list (it holds a finished file, or is gone).
    public static func unregisterFolder(_ folder: String) { folders.remove(folder) }

    /// The paths listed now (for tests and messages; not for a signal handler).
    public static var current: [String] { files.current }

    /// The folders listed now (for tests).
    public static var currentFolders: [String] { folders.current }

    /// Removes every listed file, then every listed folder that is empty (a folder inside another is
    /// removed first, whatever their order in the list), and returns how many files were listed.
    /// Async-signal-safe: atomic loads, `unlink(2)` and `rmdir(2)`. The slots are left as they are (the
    /// process is about to end).
    @discardableResult
    public static func removeAll() -> Int {
        var count = 0
        files.forEach { path in
            unlink(path)
            count += 1
        }
        // rmdir fails on a folder that is not empty, so a parent goes only once its child has gone:
        // as many rounds as there are folders remove every chain, in any order.
        var folderCount = 0
        folders.forEach { _ in folderCount += 1 }
        for _ in 0..<folderCount { folders.forEach { rmdir($0) } }
        return count
    }

    /// The first listed path, for a signal handler's message (async-signal-safe), or nil.
    public static func firstListed() -> UnsafePointer<CChar>? { files.first() }

    /// Removes the temporary files of `finalPath` that a process which no longer exists left behind:
    /// the entries of its folder named exactly `.NAME.PID.SUFFIX` (PID in decimal digits), whose PID is
    /// not this process and not alive (`kill(PID, 0)` fails with `ESRCH`), and which are regular files
    /// (`lstat`: a symbolic link is not followed, and nothing else is touched). A live process's
    /// file, or one of another user's process (`EPERM`), is kept. PIDs are this machine's: a folder
    /// shared over the network with another machine's writer could lose a file that machine is writing.
    public static func sweepStale(beside finalPath: String, suffix: String) {
        let (folder, name) = TemporaryFile.split(finalPath)
        let prefix = "." + name + ".", ending = "." + suffix
        guard let directory = opendir(folder.isEmpty ? "." : folder) else { return }
        defer { closedir(directory) }
        var stale: [String] = []
        while let entry = readdir(directory) {
            let entryName = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            guard entryName.hasPrefix(prefix), entryName.hasSuffix(ending),
                  entryName.utf8.count > prefix.utf8.count + ending.utf8.count else { continue }
            let digits = entryName.utf8.dropFirst(prefix.utf8.count).dropLast(ending.utf8.count)
            guard digits.count <= 10, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let number = Int64(String(decoding: digits, as: UTF8.self)), number > 0, number <= Int64(Int32.max) else { continue }
            let pid = pid_t(number)
            guard pid != getpid(), kill(pid, 0) == -1, errno == ESRCH else { continue }
            stale.append(folder + entryName)
        }
        for path in stale {
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
    }
}

/// `renameat2(2)` (Linux 3.15, glibc 2.28), looked up when first needed; nil where there is none.
private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
private let renameat2Function: Renameat2? = {
    #if os(Linux)
    guard let symbol = dlsym(nil, "renameat2") else { return nil }  // nil: RTLD_DEFAULT
    return unsafeBitCast(symbol, to: Renameat2.self)
    #else
    return nil
    #endif
}()
private let renameNoReplace: UInt32 = 1  // RENAME_NOREPLACE
private let renameExchange: UInt32 = 2   // RENAME_EXCHANGE

private func openNew(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func closeFile(_ descriptor: Int32) { _ = close(descriptor) }
private func writeSome(_ descriptor: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, base, count) }
private func systemReason(_ code: Int32) -> String { String(cString: strerror(code)) }
