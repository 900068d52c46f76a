import Foundation

/// Shows rendered units one at a time: Enter or space for the next, b for back, a for all, q to quit.
struct Pager {
    let units: [String]
    let colour: Bool

    func run() {
        guard !units.isEmpty else { return }
        Terminal.withRawKeyboard {
            var shown = 1
            show(0)
            while true {
                status(shown)
                let key = Terminal.readKey()
                clearStatus()
                switch key {
                case .next:
                    guard shown < units.count else { return }
                    show(shown); shown += 1
                case .back:
                    guard shown > 1 else { continue }
                    shown -= 1
                    Output.standard("\u{1B}[2J\u{1B}[H", terminator: "")
                    for i in 0..<shown { show(i) }
                case .all:
                    while shown < units.count { show(shown); shown += 1 }
                    return
                case .quit:
                    return
                case .other:
                    continue
                }
            }
        }
    }

    private func show(_ index: Int) {
        Output.standard(units[index], terminator: index + 1 < units.count ? "\n" : "")
    }

    private func status(_ shown: Int) {
        let text = shown < units.count
            ? "── \(shown)/\(units.count) · Enter: next · b: back · a: all · q: quit "
            : "── end of lesson · b: back · q: quit "
        Output.standard(colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text, terminator: "")
    }

    private func clearStatus() {
        Output.standard("\r\u{1B}[2K", terminator: "")
    }
}
