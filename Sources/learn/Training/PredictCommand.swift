import LearnText
import Foundation
import LearnCore
import LearnCourse
import LearnData
import LearnNotebook
import LearnTensor

/// `learn predict FILE --index N | --image FILE.pgm`: draws one digit and the network's ten
/// probabilities.
enum PredictCommand {
    static let help = HelpCommand.Command(name: "predict", summary: "what a saved model says about one digit", usage: """
        learn predict FILE (--index N | --image PICTURE.pgm) [--data DIR] [--dataset NAME]

        Draws the digit and the probability the model gives each class.
          --index N       test image N (0 to 9999) of the model's dataset
          --image FILE    a greyscale PGM picture (P5 or P2) of any size; a dark digit on light paper is
                          inverted to MNIST's light-on-dark, and the picture is resized to 28 × 28

        Exit status: 0 done; 64 bad command line; 65 a corrupt model or picture; 66 a missing file.
        """)

    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "predict", valued: ["--index", "--image", "--data", "--dataset"], switches: ["--help"])
        if arguments.has("--help") { return try HelpCommand.run(["predict"]) }
        guard let path = arguments.positionals.first else { throw UsageError("predict: which model file? (learn predict FILE --index N)") }
        guard arguments.positionals.count == 1 else { throw UsageError("predict: unexpected argument '\(arguments.positionals[1])'") }
        guard (arguments.last("--index") == nil) != (arguments.last("--image") == nil) else {
            throw UsageError("predict: give either --index N (a test image) or --image FILE.pgm")
        }
        // A bad number is a bad command line, whatever the files hold.
        let requested = try arguments.integer("--index", in: 0...Int.max)
        let saved = try ModelFile.read(path)
        let known = KnownDataset.named(saved.facts["dataset"] ?? "mnist")
        var pixels: [Float]
        var title: String
        var truth: String? = nil
        if let picture = arguments.last("--image") {
            let image: PGMImage
            do { image = try PGMImage(contentsOf: picture) } catch {
                throw CommandError(message: error.description, status: error == .cannotRead(file: picture) ? .noInput : .dataError)
            }
            pixels = image.inkOnBlack().resized(to: 28).pixels
            title = picture
        } else {
            let dataset = try DatasetChoice.load(arguments, default: saved.facts["dataset"])
            guard let index = requested, index < dataset.test.count else {
                throw UsageError("--index: expected a test image from 0 to \(dataset.test.count - 1), got '\(arguments.last("--index") ?? "")'")
            }
            pixels = dataset.test.image(index, pixels: dataset.pixelsPerImage).map { Float($0) / 255 }
            title = "\(dataset.name) test image #\(index)"
            truth = known?.describe(label: dataset.test.labels[index]) ?? "\(dataset.test.labels[index])"
        }
        let logits = saved.network.forward(Tensor(shape: [1, 1, 28, 28], scalars: pixels), training: false)
        let p = softmax(logits).scalars
        let best = p.indices.max { p[$0] < p[$1] }!
        let unicode = Terminal.unicodePictures
        let picture = ImageText(unicode: unicode).draw(TraceImage(title: title, rows: 28, columns: 28, pixels: pixels.map(Double.init)))
        var lines = ["\(title)" + (truth.map { ": labelled \($0)" } ?? "")]
        let frame = unicode ? ("┌", "┐", "└", "┘", "─", "│") : ("+", "+", "+", "+", "-", "|")
        lines.append(frame.0 + String(repeating: frame.4, count: 28) + frame.1)
        lines += picture.map { frame.5 + $0 + String(repeating: " ", count: 28 - $0.count) + frame.5 }
        lines.append(frame.2 + String(repeating: frame.4, count: 28) + frame.3)
        lines.append("")
        let names = p.indices.map { known?.describe(label: UInt8($0)) ?? "\($0)" }
        let width = names.map(\.count).max() ?? 0  // "0 (T-shirt/top)" is 15: never cut a name
        for c in 0..<p.count {
            let name = names[c].padding(toLength: width, withPad: " ", startingAt: 0)
            let bar = unicode ? ProgressText.bar(fraction: Double(p[c]), width: 30) : String(repeating: "#", count: Int((p[c] * 30).rounded()))
                + String(repeating: " ", count: 30 - Int((p[c] * 30).rounded()))
            lines.append("\(name) \(bar) \(String(format: "%6.2f", 100 * p[c])) %" + (c == best ? "  ←" : ""))
        }
        lines.append("")
        lines.append("The model says: \(known?.describe(label: UInt8(best)) ?? "\(best)") (\(String(format: "%.1f", 100 * p[best])) %).")
        Output.standard(lines.joined(separator: "\n"))
        return .ok
    }
}
