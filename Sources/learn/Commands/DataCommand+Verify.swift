import LearnData
import LearnNotebook

extension DataCommand {
    /// `learn data verify NAME [--data DIR] [--checksums FILE]`: the content of the copy that would be used,
    /// file by file, against the published SHA-256.
    static func verify(_ raw: [String]) throws -> ExitStatus {
        let arguments = try arguments(raw, "verify", valued: ["--data", "--checksums"])
        if arguments.has("--help") { return showHelp("verify") }
        let dataset = try dataset(arguments, "verify")
        let expected = try checksums(arguments, for: dataset)
        let found = try located(dataset, locator(arguments))
        Output.standard("\(dataset.name) in \(found.folder.path) (\(found.source.label)):")
        var failures: [FileCheck] = []
        for file in DatasetFile.allCases {
            let check = ContentChecksum.check(file, in: found.folder, expected: expected[file] ?? "")
            Output.standard("  \(check.passed ? "✓" : "✗") \(check.description)")
            if !check.passed { failures.append(check) }
        }
        guard let first = failures.first else {
            Output.standard("All \(DatasetFile.allCases.count) files have the published content.")
            return .ok
        }
        let more = failures.count > 1 ? " (and \(failures.count - 1) more)" : ""
        // A file that cannot be read at all (missing rights, a FIFO or a device in its place) is 66, as
        // for every other command; content that is not the published one is 65.
        if case .unreadable(.cannotRead) = first.outcome { throw CommandError(message: "\(first)\(more)", status: .noInput) }
        throw CommandError(message: "\(first)\(more)", status: .dataError)
    }
}
