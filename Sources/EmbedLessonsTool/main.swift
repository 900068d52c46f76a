import Foundation

// EmbedLessonsTool OUTPUT LESSON.md…
//
// Writes OUTPUT: a Swift file that defines `EmbeddedLessons.texts`, each lesson's name (its file name
// without `.md`) and its text exactly as in the file. The EmbedLessons build-tool plugin runs it; see
// Plugins/EmbedLessons.

let arguments = Array(CommandLine.arguments.dropFirst())
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedLessonsTool OUTPUT LESSON.md…\n".utf8))
    exit(64)
}

var lessons: [(name: String, text: String)] = []
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("\(path): error: cannot be read\n".utf8))
        exit(66)
    }
    // Not `String(data:encoding:)`, which drops a leading byte-order mark: the text must stay exact.
    guard let text = String(validating: data, as: UTF8.self) else {
        FileHandle.standardError.write(Data("\(path): error: is not UTF-8 text\n".utf8))
        exit(65)
    }
    lessons.append((url.deletingPathExtension().lastPathComponent, text))
}

let source = EmbeddedSource.file(lessons.sorted { $0.name < $1.name })
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("\(output): error: cannot be written: \(error.localizedDescription)\n".utf8))
    exit(73)
}
