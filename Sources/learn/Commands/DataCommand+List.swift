import LearnData
import LearnNotebook

extension DataCommand {
    /// `learn data list [NAME] [--data DIR]`: every folder looked in, what it holds, the one used, and
    /// where fetch puts the files.
    static func list(_ raw: [String]) throws -> ExitStatus {
        let arguments = try arguments(raw, "list", valued: ["--data"])
        if arguments.has("--help") { return showHelp("list") }
        guard arguments.positionals.count <= 1 else { throw UsageError("data list: unexpected argument '\(arguments.positionals[1])'") }
        let datasets = try arguments.positionals.first.map { name throws(UsageError) in [try known(name)] } ?? KnownDataset.all
        let locator = locator(arguments)

        let places = datasets.map { locator.candidates(for: $0.name) }
        let sourceWidth = places.joined().map(\.source.label.count).max() ?? 0
        let pathWidth = places.joined().map(\.folder.path.count).max() ?? 0
        var blocks: [String] = []
        for (dataset, candidates) in zip(datasets, places) {
            let used = candidates.firstIndex { $0.qualifies }
            var lines = ["\(dataset.name): \(dataset.title)"]
            for (index, candidate) in candidates.enumerated() {
                let mark = index == used ? "→" : " "
                lines.append("  \(mark) \(pad(candidate.source.label, sourceWidth))  \(pad(candidate.folder.path, pathWidth))  \(candidate.folder.summary)")
            }
            let destination = locator.destination(for: dataset.name, to: nil)
            if let used {
                lines.append("  uses \(candidates[used].folder.path) ('learn data verify \(dataset.name)' checks it)")
                lines.append("  'learn data fetch \(dataset.name)' would put the files in \(destination)")
            } else {
                lines.append("  not found: 'learn data fetch \(dataset.name)' downloads it to \(destination)")
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        Output.standard(blocks.joined(separator: "\n\n"))
        return .ok
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
