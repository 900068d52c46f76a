import Foundation
import PackagePlugin

/// Builds the lessons into the target that uses this plugin (LearnNotebook): every `lessons/*.md` of the
/// package except `README.md` becomes one generated Swift file, `EmbeddedLessons.swift`, in the plugin's
/// work folder, which SwiftPM compiles into the target (EmbedLessonsTool writes it).
///
/// When this runs: SwiftPM runs a build-tool plugin when it plans a build, and (6.3) plans again only when
/// the manifest or the list of files under a target's or plugin's folder changes. `lessons/` belongs to no
/// target, so the symbolic link `Plugins/EmbedLessons/lessons → ../../lessons` puts its file list under
/// this plugin's folder: adding or removing a lesson makes SwiftPM plan again, and this plugin lists the
/// folder afresh. Each lesson file is an input of the command, so editing one regenerates the Swift file.
/// (Without the link a new lesson would be missed, and a removed one would fail the build with "missing
/// inputs", until something else made SwiftPM plan again. `EmbeddedLessonsTests` compares the built-in
/// lessons with the folder, so a stale set fails the tests.)
@main
struct EmbedLessons: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "lessons")
        let lessons = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" && $0.lastPathComponent != "README.md" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLessons.swift")
        return [
            .buildCommand(displayName: "Embedding \(lessons.count) lessons from lessons/",
                          executable: try context.tool(named: "EmbedLessonsTool").url,
                          arguments: [output.path] + lessons.map(\.path),
                          inputFiles: lessons,
                          outputFiles: [output]),
        ]
    }
}
