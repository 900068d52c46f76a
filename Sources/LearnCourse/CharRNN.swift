import Foundation
import LearnCore

/// The ULB deck's character prediction: "Have you ever been in Madrid?" as one-hot vectors, the deck's
/// own 10 × 52 window that predicts the 'd' of "Madrid", and a small recurrent network (`CharacterRNN`)
/// trained for a few hundred epochs to predict every next character of the sentence.
public enum CharRNN: Derivation {
    public static let name = "char-rnn"
    public static let summary = "One-hot characters of \"Have you ever been in Madrid?\", the deck's 10 × 52 window \"been in Ma\" → 'd', a seeded RNN with W_xh, W_hh, W_hy trained by full BPTT (loss table and curve), its next-character predictions and greedy generation."
    public static let sections = ["vocabulary", "deck-window", "training", "predictions"]
    public static let parameters: [Parameter] = [
        .count("hidden", 16, "hidden units H", in: 1...64),
        .count("epochs", 400, "epochs of full-sequence gradient descent", in: 0...5000),
        .number("rate", 0.5, "learning rate α", in: 0.0001...20),
        .count("seed", 1, "seed of the initial weights", in: 0...1_000_000),
    ]

    /// The deck's sentence.
    static let text = "Have you ever been in Madrid?"
    /// The deck's 52 one-hot dimensions: its matrix is headed a, b, …, z, so lower case first.
    static let deckAlphabet = Array("abcdefghijklmnopqrstuvwxyz") + Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    /// The deck's window: "past 10 characters" before the 'd' of "Madrid" (the slide sets "been" and "Ma" in bold).
    static let deckWindow = "been in Ma"

    /// A character as printed in tables: a space is `␣`.
    static func shown(_ c: Character) -> String { c == " " ? "␣" : String(c) }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        var sheet = Worksheet()
        let characters = Array(text)
        let vocabulary = Array(Set(characters)).sorted()
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let V = vocabulary.count
        let inputs = characters.dropLast().map { index[$0]! }, targets = characters.dropFirst().map { index[$0]! }

        sheet.section("vocabulary")
        sheet.record("text_length", Double(characters.count))
        sheet.record("vocabulary_size", Double(V))
        sheet.record("one_hot_length", Double(V))
        sheet.record("pairs", Double(inputs.count))
        sheet.add(TraceTable(title: "The vocabulary of \"\(text)\" and its one-hot vectors",
                             columns: ["index", "character", "count", "one-hot vector"],
                             rows: vocabulary.enumerated().map { i, c in
                                 [.text(String(i + 1)), .text(shown(c)), .text(String(characters.filter { $0 == c }.count)),
                                  .text((0..<V).map { $0 == i ? "1" : "0" }.joined(separator: " "))]
                             }))
        sheet.add(TraceImage(title: "The sentence as one-hot rows (one row per character, one column per vocabulary entry)",
                             rows: characters.count, columns: V,
                             pixels: characters.flatMap { c in (0..<V).map { $0 == index[c]! ? 1.0 : 0.0 } }))

        sheet.section("deck-window")
        let alphabetIndex = Dictionary(uniqueKeysWithValues: deckAlphabet.enumerated().map { ($1, $0) })
        let window = Array(deckWindow)
        let rows = window.map { c in (0..<deckAlphabet.count).map { alphabetIndex[c] == $0 ? 1.0 : 0.0 } }
        let dStart = text.range(of: "Madrid")!.lowerBound
        let position = text.distance(from: text.startIndex, to: dStart) + 2   // the 'd' of "Madrid"
        let before = String(characters[(position - 10)..<position])
        precondition(before == deckWindow, "char-rnn: the 10 characters before the 'd' are \(before)")
        sheet.record("deck_alphabet", Double(deckAlphabet.count))
        sheet.record("window_length", Double(window.count))
        sheet.record("input_rows", Double(rows.count))
        sheet.record("input_columns", Double(deckAlphabet.count))
        sheet.derive("input_dimension", symbol: .text(plain: "input dimension", latex: "\\text{input dimension}"),
                     .product([.number(Double(rows.count)), .number(Double(deckAlphabet.count))]), value: Double(rows.count * deckAlphabet.count),
                     note: "The deck's \"10\\*52\": a feed-forward network would need this many inputs for one window.")
        sheet.record("output_dimension", Double(deckAlphabet.count))
        sheet.record("target_index", Double(alphabetIndex["d"]! + 1))
        sheet.record("first_row_index", Double(alphabetIndex[window.first!]! + 1))
        sheet.record("last_row_index", Double(alphabetIndex[window.last!]! + 1))
        sheet.record("zero_rows", Double(rows.filter { !$0.contains(1) }.count))
        let lettersOnly = String(characters[..<position].filter { $0.isLetter }.suffix(10))
        sheet.add(TraceTable(title: "The deck's X_i for the window \"\(deckWindow)\" (columns a…z A…Z)",
                             columns: ["row", "character", "column of the 1"],
                             rows: window.enumerated().map { i, c in
                                 [.text(String(i + 1)), .text(shown(c)), .text(alphabetIndex[c].map { String($0 + 1) } ?? "none: all zeros")]
                             }))
        sheet.add(TraceImage(title: "X_i ∈ ℝ^(10×52): the window, one row per character", rows: rows.count,
                             columns: deckAlphabet.count, pixels: rows.flatMap { $0 }))
        sheet.add(TraceImage(title: "y_i ∈ ℝ^52: the letter 'd'", rows: 1, columns: deckAlphabet.count,
                             pixels: (0..<deckAlphabet.count).map { $0 == alphabetIndex["d"]! ? 1 : 0 }))
        sheet.note("With letters only, the 10 letters before the 'd' would be \"\(lettersOnly)\", whose first row is 'e', not the deck's 'b'.")

        sheet.section("training")
        let hidden = p.count("hidden"), epochs = p.count("epochs"), rate = p["rate"]
        var model = CharacterRNN(vocabularySize: V, hiddenSize: hidden, seed: UInt64(p.count("seed")))
        sheet.record("parameter_count", Double(model.wxh.count + model.whh.count + model.why.count))
        var losses: [Double] = []
        for _ in 0..<epochs { losses.append(model.step(inputs, targets, rate: rate)) }
        losses.append(model.loss(inputs, targets))
        guard losses.allSatisfy(\.isFinite) else {
            throw .invalid("char-rnn: the loss became \(losses.first { !$0.isFinite }!) — the learning rate \(NumberFormat().string(rate)) is too large")
        }
        let checkpoints = Array(Set([0, 1, 10, 50, 100, 200, epochs / 2, epochs].filter { $0 <= epochs })).sorted()
        sheet.add(TraceTable(title: "Mean cross-entropy per character (H = \(hidden), α = \(NumberFormat().string(rate)), seed \(p.count("seed")))",
                             columns: ["epoch", "J"], rows: checkpoints.map { [.text(String($0)), .number(losses[$0])] }))
        sheet.add(TracePlot(title: "Training loss", xLabel: "epoch", yLabel: "J",
                            series: [.init(name: "J", points: losses.enumerated().map { (Double($0), $1) })]))
        sheet.derive("uniform_loss", symbol: .text(plain: "ln V", latex: "\\ln V"), .function("ln", [.number(Double(V))]), value: log(Double(V)),
                     note: "The loss of a guess that gives every character the same probability 1/V. Small random weights predict nearly that, so training starts close to it.")
        sheet.record("loss_start", losses[0])
        sheet.record("loss_end", losses[epochs])
        sheet.derive("loss_ratio", symbol: .text(plain: "J(epoch \(epochs))/J(epoch 0)", latex: "J(\\text{epoch } \(epochs)) / J(\\text{epoch } 0)"),
                     .quotient(.number(losses[epochs]), .number(losses[0])), value: losses[epochs] / losses[0])

        sheet.section("predictions")
        let (_, probabilities) = model.forward(inputs)
        var correct = 0
        var predictionRows: [[TraceTable.Cell]] = []
        for t in 0..<inputs.count {
            let pt = probabilities[t]
            let best = pt.indices.max { pt[$0] < pt[$1] }!
            if best == targets[t] { correct += 1 }
            predictionRows.append([.text(String(t + 1)), .text(shown(characters[t])), .text(shown(characters[t + 1])),
                                   .text(shown(vocabulary[best]) + (best == targets[t] ? "" : " ✗")), .number(pt[targets[t]])])
        }
        sheet.add(TraceTable(title: "After training: the most probable next character at each step",
                             columns: ["t", "x_t", "next", "predicted", "p(next)"], rows: predictionRows))
        sheet.record("correct", Double(correct))
        sheet.derive("accuracy", .quotient("correct", "pairs"), value: Double(correct) / Double(inputs.count))
        // Generation: start from 'H' and feed each prediction back in.
        var generated = [characters[0]]
        var current = [index[characters[0]]!]
        for _ in 1..<characters.count {
            let pt = model.forward(current).probabilities.last!
            let best = pt.indices.max { pt[$0] < pt[$1] }!
            generated.append(vocabulary[best])
            current.append(best)
        }
        sheet.record("generated_matches", Double(zip(generated, characters).filter { $0 == $1 }.count))
        sheet.note("Started from \"H\" and fed its own predictions back in, the network writes: \"\(String(generated))\".")
        return sheet.trace
    }
}
