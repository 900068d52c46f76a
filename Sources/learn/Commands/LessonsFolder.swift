import Foundation
import LearnNotebook

/// Finds the `lessons/` folder: `--lessons DIR`, then `$LEARN_LESSONS`, then `./lessons`, then the
/// folder beside the package that built this executable.
enum LessonsFolder {
    static func library(_ arguments: Arguments) throws(UsageError) -> LessonLibrary {
        if let dir = arguments.last("--lessons") ?? ProcessInfo.processInfo.environment["LEARN_LESSONS"] {
            guard isFolder(dir) else { throw UsageError("lessons folder '\(dir)' does not exist") }
            return LessonLibrary(directory: dir)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("lessons"),
            executable.appendingPathComponent("../../lessons"),
            executable.appendingPathComponent("../../../lessons"),
            source.appendingPathComponent("../../../lessons"),
        ]
        for url in candidates where isFolder(url.standardizedFileURL.path)
            && FileManager.default.fileExists(atPath: url.appendingPathComponent("backprop.md").path) {
            return LessonLibrary(directory: url.standardizedFileURL.path)
        }
        throw UsageError("cannot find the lessons folder; run from the project folder or pass --lessons DIR")
    }

    private static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
