#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LearnText

/// What the standard streams are connected to, and the raw keyboard mode of the interactive pager.
enum Terminal {
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Colour only on a terminal, never when `NO_COLOR` is set (to anything non-empty) or `TERM=dumb`.
    static var colour: Bool {
        let env = ProcessInfo.processInfo.environment
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
        if env["TERM"] == "dumb" { return false }
        return outputIsTerminal
    }

    /// Whether pictures may use Unicode drawing characters: on a terminal, unless `NO_COLOR` asks for
    /// plain output.
    static var unicodePictures: Bool { colour && unicode }

    /// Whether the locale's character set is UTF-8: the first of `LC_ALL`, `LC_CTYPE` and `LANG` that is
    /// set decides; `C`, `POSIX` or any other character set means ASCII. With none set, UTF-8 is assumed
    /// (as every current terminal uses it).
    static var unicode: Bool {
        let env = ProcessInfo.processInfo.environment
        guard let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap({ env[$0] }).first(where: { !$0.isEmpty }) else { return true }
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    /// How a document is drawn on standard output: colour on a terminal, the terminal's width, ASCII
    /// for a locale that is not UTF-8.
    static func style(toTerminal: Bool = outputIsTerminal) -> TerminalStyle {
        TerminalStyle(colour: toTerminal && colour, width: width, unicode: unicode, unicodePictures: toTerminal && unicodePictures)
    }

    /// The terminal's width in columns: the window's size when standard output is a terminal (read
    /// anew each time, so a resized window is noticed), else `COLUMNS`, else 80. At most 120 (longer
    /// lines read badly), at least 20.
    static var width: Int {
        var size = winsize()
        if outputIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return min(max(Int(size.ws_col), 20), 120)
        }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n >= 20 { return min(n, 200) }
        return 80
    }

    /// The terminal's height in rows: the window's when standard output is a terminal (read anew each
    /// time), else `LINES`, else 24; at least 6.
    static var height: Int {
        var size = winsize()
        if outputIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return max(Int(size.ws_row), 6) }
        if let l = ProcessInfo.processInfo.environment["LINES"], let n = Int(l), n >= 6 { return n }
        return 24
    }

    /// A key the pager understands; `none` when no key came within the time asked.
    enum Key { case next, back, quit, interrupt, all, other, none }

    /// Runs `body` with the keyboard in raw mode (no echo, one key at a time), restoring it afterwards.
    ///
    /// A signal that ends the process meanwhile (`kill` sends SIGTERM, a closed window SIGHUP) first
    /// puts the keyboard back as it was and shows the cursor, then ends the process as that signal would
    /// (the handler is ``Signals``').
    static func withRawKeyboard<T>(_ body: () throws -> T) rethrows -> T {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return try body() }
        Signals.keyboardMadeRaw(original: original)
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        // TCSANOW: keys typed while the lesson was being evaluated are kept, not thrown away.
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            Signals.keyboardRestored()
        }
        return try body()
    }

    /// Reads one key press: Enter, space, → or j: next; b, ← or k: back; q, Esc or Ctrl-D: quit;
    /// Ctrl-C: interrupt; a: all. Waits at most `milliseconds` (forever when nil), then gives `.none`.
    static func readKey(within milliseconds: Int32? = nil) -> Key {
        if let milliseconds {
            var pending = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&pending, 1, milliseconds) > 0 else { return .none }
        }
        var byte: UInt8 = 0
        guard read(STDIN_FILENO, &byte, 1) == 1 else { return .quit }
        switch byte {
        case 10, 13, 32, UInt8(ascii: "j"), UInt8(ascii: "n"): return .next
        case UInt8(ascii: "b"), UInt8(ascii: "k"), UInt8(ascii: "p"), 127: return .back
        case 3: return .interrupt
        case UInt8(ascii: "q"), 4: return .quit
        case UInt8(ascii: "a"): return .all
        case 27:
            var sequence = [UInt8](repeating: 0, count: 2)
            var pending = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&pending, 1, 50) > 0, read(STDIN_FILENO, &sequence, 2) == 2 else { return .quit }
            if sequence[1] == UInt8(ascii: "C") || sequence[1] == UInt8(ascii: "B") { return .next }
            if sequence[1] == UInt8(ascii: "D") || sequence[1] == UInt8(ascii: "A") { return .back }
            return .other
        default: return .other
        }
    }
}
