#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LearnCore

/// Where an output file given on the command line really goes, and whether it may be replaced.
///
/// Output files are written through a temporary file and a rename (``Output/writeAtomically(data:to:option:)``),
/// which would replace whatever the name held. So: a symbolic link is followed to the file it names
/// (the link stays, its target is rewritten); a folder, FIFO, device or socket is refused with one line
/// and exit status 73, and is left as it was. This check comes before long work (training); the rename
/// itself checks again (``TemporaryFile/commit(to:)``, which also says what window remains).
enum OutputPath {
    /// `path` with symbolic links followed (a chain of them; a relative target is read from the link's
    /// folder) until a name that is not a link, existing or not.
    static func resolved(_ path: String, option: String) throws(CommandError) -> String {
        var visited: [String] = []
        return try resolved(path, option: option, visited: &visited)
    }

    /// ``resolved(_:option:)``, with every name on the way (the path, each link, the target) in `visited`.
    private static func resolved(_ path: String, option: String, visited: inout [String]) throws(CommandError) -> String {
        var current = path
        for _ in 0..<40 {
            visited.append(current)
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                throw CommandError(message: "\(option) \(path): cannot read the symbolic link \(current)", status: .cannotCreate)
            }
            current = target.hasPrefix("/") ? target
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(target).path
        }
        throw CommandError(message: "\(option) \(path): too many symbolic links (a loop?)", status: .cannotCreate)
    }

    /// The resolved path of an output file that can be written: not a folder or anything else that is
    /// not a regular file, in a folder that exists and is writable. Checked before long work (training).
    @discardableResult
    static func checkWritable(_ path: String, option: String) throws(CommandError) -> String {
        // `newdir/` names a folder, not a file, whether it exists or not.
        guard !path.hasSuffix("/") else {
            throw CommandError(message: "\(option) \(path): names a folder (it ends in /); give the name of the file to write",
                               status: .cannotCreate)
        }
        var visited: [String] = []
        let target = try resolved(path, option: option, visited: &visited)
        let shown = target == path ? path : "\(path) (→ \(target))"
        var info = stat()
        if stat(target, &info) == 0 {
            // The same words as for an input that is not a regular file (``RegularFile/kind(of:)``).
            let kind: String? = info.st_mode & S_IFMT == S_IFDIR ? "is a folder; give the name of the file to write"
                : RegularFile.kind(of: info.st_mode).map { "\($0): it is not replaced" }
            if let kind { throw CommandError(message: "\(option) \(shown): \(kind)", status: .cannotCreate) }
        }
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
              access(folder, W_OK) == 0 else {
            throw CommandError(message: "\(option) \(shown): the folder \(folder) does not exist or is not writable", status: .cannotCreate)
        }
        // /dev/stdout is /proc/self/fd/1, which names whatever standard output is: the shell's file (a
        // rename over it would cut the redirected output short), a pipe, a terminal. Nothing reached
        // through /dev or /proc is a file to be replaced.
        let special = visited.contains { name in
            guard let canonical = canonical(URL(fileURLWithPath: name).deletingLastPathComponent().path) else { return false }
            return canonical == "/dev" || canonical == "/proc" || canonical.hasPrefix("/dev/") || canonical.hasPrefix("/proc/")
        }
        if special {
            throw CommandError(message: "\(option) \(path): goes through /dev or /proc (a stream or device, not a regular file): "
                               + "it is not written", status: .cannotCreate)
        }
        return target
    }

    /// The file an output path really names, for telling whether two options name the same one: the
    /// resolved path's folder with every link and `..` taken out (`realpath`), and its name.
    static func identity(_ path: String, option: String) throws(CommandError) -> String {
        let target = try resolved(path, option: option)
        let url = URL(fileURLWithPath: target)
        let folder = canonical(url.deletingLastPathComponent().path) ?? url.deletingLastPathComponent().standardized.path
        return (folder.hasSuffix("/") ? folder : folder + "/") + url.lastPathComponent
    }

    /// `path` with symbolic links, `.` and `..` resolved (`realpath(3)`), or nil when it does not exist.
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
