import LearnText
import LearnCore
import LearnData
import LearnNotebook

extension DataCommand {
    /// `learn data show NAME [--index N] [--split test|train] [--data DIR]`: one image and its label.
    static func show(_ raw: [String]) throws -> ExitStatus {
        let arguments = try arguments(raw, "show", valued: ["--data", "--index", "--split"])
        if arguments.has("--help") { return showHelp("show") }
        let dataset = try dataset(arguments, "show")
        let splitText = arguments.last("--split") ?? "test"
        guard let which = Dataset.SplitName(rawValue: splitText) else {
            throw UsageError("--split: expected test or train, got '\(splitText)'")
        }
        let indexText = arguments.last("--index") ?? "0"
        guard let index = Int(indexText), index >= 0 else {
            throw UsageError("--index: expected a whole number from 0, got '\(indexText)'")
        }
        let found = try located(dataset, locator(arguments))
        let loaded: (split: Dataset.Split, rows: Int, columns: Int)
        do {
            loaded = try Dataset.loadSplit(which, from: found.folder.path)
        } catch {
            if case .cannotRead = error { throw CommandError(message: error.description, status: .noInput) }
            throw CommandError(message: error.description, status: .dataError)
        }
        guard index < loaded.split.count else {
            throw UsageError("--index \(index): the \(which.rawValue) split of \(dataset.name) has \(loaded.split.count) images (0…\(loaded.split.count - 1))")
        }
        let pixels = loaded.split.image(index, pixels: loaded.rows * loaded.columns).map { Double($0) / 255 }
        let title = "\(dataset.name) \(which.rawValue) #\(index)"
        let picture = TraceImage(title: title, rows: loaded.rows, columns: loaded.columns, pixels: pixels)
        let unicode = Terminal.colour
        let lines = ImageText(unicode: unicode).draw(picture)
        // A frame shows where the picture ends (its background is blank): box lines, or ASCII.
        let (corners, edge, side) = unicode ? (["┌", "┐", "└", "┘"], "─", "│") : (["+", "+", "+", "+"], "-", "|")
        let border = String(repeating: edge, count: loaded.columns)
        var text = ["\(title): label \(dataset.describe(label: loaded.split.labels[index]))", corners[0] + border + corners[1]]
        text += lines.map { side + $0 + String(repeating: " ", count: max(0, loaded.columns - $0.count)) + side }
        text.append(corners[2] + border + corners[3])
        Output.standard(text.joined(separator: "\n"))
        return .ok
    }
}
