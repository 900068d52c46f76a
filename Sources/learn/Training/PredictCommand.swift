import LearnText
import Foundation
import LearnCore
import LearnCourse
import LearnData
import LearnNotebook
import LearnTensor

/// `learn predict FILE --index N | --image FILE.pgm [--raw]`: draws one image and the network's ten
/// probabilities. A picture is first prepared the way the model's dataset was (``ImagePreparation``).
enum PredictCommand {
    static let help = HelpCommand.Command(name: "predict", summary: "what a saved model says about one image", usage: """
        learn predict FILE (--index N | --image PICTURE.pgm [--raw]) [--data DIR] [--dataset NAME]

        Draws the image and the probability the model gives each class.
          --index N       test image N (0 to 9999) of the model's dataset
          --image FILE    a greyscale PGM picture (P5 or P2) of any size, prepared as MNIST's digits were:
                          a dark digit on light paper is inverted to light on black, grey paper becomes
                          black, the ink's box is scaled (by area averaging) to 20 pixels on its longer
                          side and placed in 28 × 28 with its centre of mass in the middle (for a
                          Fashion-MNIST model: the longer side 28, in the middle, as that dataset was made)
          --raw           use the picture as it is: it must be 28 × 28, light ink on black

        Exit status: 0 done; 64 bad command line; 65 a corrupt model or picture (a weight that is not a
        finite number, a pixel above the picture's maximum value), a model whose outputs overflow for the
        image, a picture with no ink, or with --raw a picture that is not 28 × 28; 66 a missing file.
        """)

    static func run(_ raw: [String]) throws -> ExitStatus {
        let arguments = try Arguments(raw, command: "predict", valued: ["--index", "--image", "--data", "--dataset"], switches: ["--help", "--raw"])
        if arguments.has("--help") { return try HelpCommand.run(["predict"]) }
        guard let path = arguments.positionals.first else { throw UsageError("predict: which model file? (learn predict FILE --index N)") }
        guard arguments.positionals.count == 1 else { throw UsageError("predict: unexpected argument '\(arguments.positionals[1])'") }
        guard (arguments.last("--index") == nil) != (arguments.last("--image") == nil) else {
            throw UsageError("predict: give either --index N (a test image) or --image FILE.pgm")
        }
        if arguments.has("--raw") && arguments.last("--image") == nil { throw UsageError("predict: --raw goes with --image FILE.pgm") }
        // A bad number is a bad command line, whatever the files hold.
        let requested = try arguments.integer("--index", in: 0...Int.max)
        let saved = try ModelFile.read(path)
        let datasetName = saved.facts["dataset"] ?? "mnist"
        let known = KnownDataset.named(datasetName)
        var pixels: [Float]
        var title: String
        var note: String? = nil
        var truth: String? = nil
        if let picture = arguments.last("--image") {
            let image: PGMImage
            do { image = try PGMImage(contentsOf: picture) } catch {
                throw CommandError(message: error.description, status: { if case .cannotRead = error { true } else { false } }() ? .noInput : .dataError)
            }
            if arguments.has("--raw") {
                guard image.width == 28 && image.height == 28 else {
                    throw CommandError(message: "\(picture): --raw needs a 28 × 28 picture, this one is \(image.width) × \(image.height) "
                                       + "(without --raw it is prepared as \(ImagePreparation.forDataset(datasetName).name) images were)", status: .dataError)
                }
                // As it is, but not blank: a picture of one shade (or nearly) holds no digit to read.
                let (darkest, lightest) = (image.pixels.min() ?? 0, image.pixels.max() ?? 0)
                guard lightest - darkest >= ImagePreparation.mnist.minimumContrast else {
                    throw CommandError(message: "\(picture): \(ImagePreparationError.blank.description)", status: .dataError)
                }
                pixels = image.pixels
                note = "used as it is (--raw)"
            } else {
                do {
                    let prepared = try ImagePreparation.forDataset(datasetName).prepare(image)
                    pixels = prepared.image.pixels
                    note = prepared.description
                } catch {
                    throw CommandError(message: "\(picture): \(error.description)", status: .dataError)
                }
            }
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
        // Finite logits, however large, give finite probabilities (softmax subtracts the largest);
        // an infinite or NaN logit gives none.
        guard firstNonFiniteRow(logits) == nil else { throw ModelReport.overflow(path, input: title) }
        let p = softmax(logits).scalars
        let best = p.indices.max { p[$0] < p[$1] }!
        let width = Terminal.width
        var lines = ["\(title)" + (truth.map { ": labelled \($0)" } ?? "")]
        if let note { lines += WordWrap.lines(note, width: width) }
        lines += ImageText(unicode: Terminal.unicodePictures).framed(TraceImage(title: title, rows: 28, columns: 28, pixels: pixels.map(Double.init)))
        lines.append("")
        lines += probabilityLines(p, names: p.indices.map { known?.describe(label: UInt8($0)) ?? "\($0)" }, best: best, width: width)
        lines.append("")
        lines.append("The model says: \(known?.describe(label: UInt8(best)) ?? "\(best)") (\(String(format: "%.1f", 100 * p[best])) %).")
        Output.standard(lines.joined(separator: "\n"))
        return .ok
    }

    /// One line per class: its name (never cut), a bar of up to 30 cells that fits in `width`, the
    /// percentage, and an arrow at the most probable.
    static func probabilityLines(_ p: [Float], names: [String], best: Int, width: Int) -> [String] {
        let nameWidth = names.map(\.count).max() ?? 0
        // name, space, bar, space, "100.00 %" (8), "  ←" (3).
        let room = max(5, min(30, width - nameWidth - 13))
        let unicode = Terminal.unicodePictures
        return p.indices.map { c in
            let name = names[c].padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let cells = ProgressText.cells(fraction: Double(p[c]), width: room)
            let bar = unicode ? ProgressText.bar(fraction: Double(p[c]), width: room)
                              : String(repeating: "#", count: cells) + String(repeating: " ", count: room - cells)
            return "\(name) \(bar) \(String(format: "%6.2f", 100 * p[c])) %" + (c == best ? "  ←" : "")
        }
    }
}
