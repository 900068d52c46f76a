import Foundation

/// Shows a document's pages one at a time: Enter or space for the next, b for back, a for all, q to quit.
/// A page taller than the window is shown a screen at a time.
///
/// The pages are laid out for the terminal's width, and laid out again when the window is resized (the
/// screen is then redrawn with the pages shown so far). The status line always fits on one line, so it
/// can be erased and never piles up.
struct Pager {
    /// The pages laid out for a width.
    let layout: (Int) -> [String]
    let colour: Bool
    let unicode: Bool

    /// How the pager ended.
    enum Outcome { case finished, interrupted }

    /// One screen of text: a page of the document, or a part of one taller than the window (the 2-2-2
    /// network's tables at 40 × 30), which follows the part before it without a blank line.
    struct Screen: Equatable {
        var text: String
        var continues: Bool
    }

    /// The pages as screens of at most `height − 2` lines (a blank line before each page and the status
    /// line take the other two).
    static func screens(_ pages: [String], height: Int) -> [Screen] {
        let room = max(3, height - 2)
        var out: [Screen] = []
        for page in pages {
            let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count > room else { out.append(Screen(text: page, continues: false)); continue }
            for start in stride(from: 0, to: lines.count, by: room) {
                out.append(Screen(text: lines[start..<min(lines.count, start + room)].joined(separator: "\n"), continues: start > 0))
            }
        }
        return out
    }

    func run() -> Outcome {
        var (width, height) = (Terminal.width, Terminal.height)
        var pages = Self.screens(layout(width), height: height)
        guard !pages.isEmpty else { return .finished }
        return Terminal.withRawKeyboard {
            var shown = 1
            show(pages, 0)
            while true {
                status(shown, of: pages.count, width: width)
                var key = Terminal.readKey(within: 250)
                while key == .none {
                    if Terminal.width != width || Terminal.height != height { break }
                    key = Terminal.readKey(within: 250)
                }
                clearStatus()
                if Terminal.width != width || Terminal.height != height {
                    (width, height) = (Terminal.width, Terminal.height)
                    pages = Self.screens(layout(width), height: height)
                    shown = min(shown, pages.count)
                    redraw(pages, shown)
                }
                switch key {
                case .next:
                    guard shown < pages.count else { return .finished }
                    show(pages, shown); shown += 1
                case .back:
                    guard shown > 1 else { continue }
                    shown -= 1
                    redraw(pages, shown)
                case .all:
                    while shown < pages.count { show(pages, shown); shown += 1 }
                    return .finished
                case .quit:
                    return .finished
                case .interrupt:
                    return .interrupted
                case .other, .none:
                    continue
                }
            }
        }
    }

    private func show(_ pages: [Screen], _ index: Int) {
        Output.standard((index > 0 && !pages[index].continues ? "\n" : "") + pages[index].text + "\n", terminator: "")
    }

    /// Clears the screen and shows the first `shown` pages again.
    private func redraw(_ pages: [Screen], _ shown: Int) {
        Output.standard("\u{1B}[2J\u{1B}[H", terminator: "")
        for i in 0..<shown { show(pages, i) }
    }

    /// One line, shorter than the terminal, so that it can always be erased in place.
    private func status(_ shown: Int, of count: Int, width: Int) {
        let rule = unicode ? "──" : "--"
        let dot = unicode ? "·" : "-"
        let forms = shown < count
            ? ["\(rule) \(shown)/\(count) \(dot) Enter: next \(dot) b: back \(dot) a: all \(dot) q: quit",
               "\(rule) \(shown)/\(count) \(dot) Enter, b, a, q",
               "\(shown)/\(count)"]
            : ["\(rule) end of lesson \(dot) b: back \(dot) q: quit", "\(rule) end \(dot) b, q", "end"]
        let text = forms.first { $0.count < width } ?? String(forms.last!.prefix(max(1, width - 1)))
        Output.standard(colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text, terminator: "")
    }

    private func clearStatus() {
        Output.standard("\r\u{1B}[2K", terminator: "")
    }
}
