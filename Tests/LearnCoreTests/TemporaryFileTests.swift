import Foundation
import Testing
@testable import LearnCore
#if canImport(Glibc)
import Glibc
#endif

/// Temporary files: one name pattern, created without following links, renamed only over a regular
/// file, listed for a signal handler, and swept when the process that wrote them is gone.
@Suite(.serialized)
struct TemporaryFileTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "learn-tmpfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    @Test func writtenThenRenamedIntoPlaceAndListedMeanwhile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let final = folder + "/model.bin"
        let file = try TemporaryFile.create(for: final, suffix: "tmp")
        #expect(file.path == folder + "/.model.bin.\(getpid()).tmp")
        #expect(TemporaryFiles.current.contains(file.path))
        try file.write(Array("weights".utf8))
        #expect(!FileManager.default.fileExists(atPath: final))
        try file.commit()
        #expect(FileManager.default.contents(atPath: final) == Data("weights".utf8))
        #expect(Self.names(folder) == ["model.bin"])
        #expect(!TemporaryFiles.current.contains(file.path))
    }

    /// A regular file at the final name is replaced (on Linux by an exchange, whose old half is removed).
    @Test func aRegularFileIsReplacedAndNothingIsLeftBeside() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let final = folder + "/run.csv"
        try Data("old".utf8).write(to: URL(fileURLWithPath: final))
        for text in ["one", "two"] {
            let file = try TemporaryFile.create(for: final, suffix: "tmp")
            try file.write(Array(text.utf8))
            try file.commit()
            #expect(FileManager.default.contents(atPath: final) == Data(text.utf8))
            #expect(Self.names(folder) == ["run.csv"])
        }
        // Committed under another name of the same folder.
        let file = try TemporaryFile.create(for: final, suffix: "tmp")
        try file.write(Array("three".utf8))
        try file.commit(to: folder + "/other.csv")
        #expect(Self.names(folder) == ["other.csv", "run.csv"])
        #expect(FileManager.default.contents(atPath: folder + "/other.csv") == Data("three".utf8))
        #if os(Linux)
        #expect(TemporaryFile.hasRenameat2)  // glibc 2.28 and later
        #endif
    }

    @Test func discardLeavesNothing() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try TemporaryFile.create(for: folder + "/out.md", suffix: "tmp")
        try file.write(Array("half".utf8))
        file.discard()
        #expect(Self.names(folder).isEmpty)
        #expect(!TemporaryFiles.current.contains(file.path))
    }

    /// What a signal handler calls: every listed file goes, files in place stay.
    @Test func removeAllRemovesEveryListedFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("kept".utf8).write(to: URL(fileURLWithPath: folder + "/kept.csv"))
        let a = try TemporaryFile.create(for: folder + "/a.gz", suffix: "part")
        let b = try TemporaryFile.create(for: folder + "/b.csv", suffix: "tmp")
        try a.write(Array("x".utf8))
        #expect(Self.names(folder).count == 3)
        #expect(TemporaryFiles.removeAll() >= 2)
        #expect(Self.names(folder) == ["kept.csv"])
        a.discard()
        b.discard()
    }

    /// Listed folders go after the files, innermost first whatever their order in the list; a folder
    /// that still holds something stays.
    @Test func removeAllRemovesListedFoldersThatAreEmpty() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (outer, inner, full) = (folder + "/made", folder + "/made/inner", folder + "/full")
        for path in [outer, inner, full] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        try Data("kept".utf8).write(to: URL(fileURLWithPath: full + "/kept.csv"))
        let part = try TemporaryFile.create(for: inner + "/a.gz", suffix: "part")
        for path in [outer, inner, full] { TemporaryFiles.registerFolder(path) }
        #expect(Set(TemporaryFiles.currentFolders).isSuperset(of: [outer, inner, full]))
        TemporaryFiles.removeAll()
        #expect(Self.names(folder) == ["full"])
        #expect(Self.names(full) == ["kept.csv"])
        for path in [outer, inner, full] { TemporaryFiles.unregisterFolder(path) }
        #expect(Set(TemporaryFiles.currentFolders).isDisjoint(with: [outer, inner, full]))
        part.discard()
    }

    /// A symbolic link planted at the temporary name is not followed (its target is untouched) and
    /// not replaced; a stale regular file of this PID is replaced.
    @Test func aPlantedLinkAtTheTemporaryNameIsNotFollowed() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let final = folder + "/model.bin"
        let victim = folder + "/victim"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        let temporary = TemporaryFile.path(for: final, suffix: "tmp")
        #expect(symlink(victim, temporary) == 0)
        #expect(throws: TemporaryFile.Failure("the temporary file \(temporary) is a symbolic link, not a regular file: it is not replaced")) {
            try TemporaryFile.create(for: final, suffix: "tmp")
        }
        #expect(FileManager.default.contents(atPath: victim) == Data("precious".utf8))
        #expect(Self.mode(temporary) == S_IFLNK)
        #expect(!TemporaryFiles.current.contains(temporary))

        // A dangling link (to a file that does not exist yet) is not followed either: nothing is created.
        unlink(temporary)
        #expect(symlink(folder + "/created-through-link", temporary) == 0)
        #expect(throws: TemporaryFile.Failure.self) { try TemporaryFile.create(for: final, suffix: "tmp") }
        #expect(!FileManager.default.fileExists(atPath: folder + "/created-through-link"))

        // A regular file of this PID's name (an earlier process with the same PID) is replaced.
        unlink(temporary)
        try Data("old".utf8).write(to: URL(fileURLWithPath: temporary))
        let file = try TemporaryFile.create(for: final, suffix: "tmp")
        try file.write(Array("new".utf8))
        try file.commit()
        #expect(FileManager.default.contents(atPath: final) == Data("new".utf8))
    }

    /// A FIFO (or anything not a regular file) put at the final name after the caller's own check is
    /// refused at the rename and left alone; the temporary file goes.
    @Test func commitNeverReplacesWhatIsNotARegularFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let final = folder + "/model.bin"
        let file = try TemporaryFile.create(for: final, suffix: "tmp")
        try file.write(Array("weights".utf8))
        #expect(mkfifo(final, 0o600) == 0)
        #expect(throws: TemporaryFile.Failure("\(final) is a FIFO (named pipe), not a regular file: it is not replaced")) {
            try file.commit()
        }
        #expect(Self.mode(final) == S_IFIFO)
        #expect(Self.names(folder) == ["model.bin"])

        let other = try TemporaryFile.create(for: folder + "/link", suffix: "tmp")
        #expect(symlink(folder + "/elsewhere", folder + "/link") == 0)
        #expect(throws: TemporaryFile.Failure.self) { try other.commit() }
        #expect(Self.mode(folder + "/link") == S_IFLNK)
        #expect(!FileManager.default.fileExists(atPath: folder + "/elsewhere"))
    }

    /// Stale files are those of a PID that is not alive, with exactly this name and suffix, and regular.
    @Test func staleFilesOfADeadProcessAreSweptAndNothingElse() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 99999999 is above Linux's largest PID (4194304): no process has it.
        let dead = "99999999"
        #expect(kill(99_999_999, 0) == -1 && errno == ESRCH)
        let live = String(getppid())
        let planted = [
            ".x.gz.\(dead).part",      // swept
            ".x.gz.\(live).part",      // a live process's: kept
            ".x.gz.\(dead).tmp",       // another suffix: kept
            ".y.gz.\(dead).part",      // another name: kept
            ".x.gz.12a.part",          // not a PID: kept
            ".x.gz..part",             // no PID: kept
            "x.gz.\(dead).part",       // no leading dot: kept
        ]
        for name in planted { try Data("half".utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        // A link of a dead PID is not a regular file: kept, and its target untouched.
        try Data("target".utf8).write(to: URL(fileURLWithPath: folder + "/target"))
        #expect(symlink(folder + "/target", folder + "/.x.gz.99999998.part") == 0)

        TemporaryFiles.sweepStale(beside: folder + "/x.gz", suffix: "part")
        let expected = (planted.dropFirst() + [".x.gz.99999998.part", "target"]).sorted()
        #expect(Self.names(folder) == expected)
        #expect(FileManager.default.contents(atPath: folder + "/target") == Data("target".utf8))

        // Creating a temporary file sweeps first.
        try Data("half".utf8).write(to: URL(fileURLWithPath: folder + "/.x.gz.\(dead).part"))
        let file = try TemporaryFile.create(for: folder + "/x.gz", suffix: "part")
        #expect(!FileManager.default.fileExists(atPath: folder + "/.x.gz.\(dead).part"))
        file.discard()
    }
}
