#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LearnCore
import Synchronization

/// What `learn` does when SIGINT (Ctrl-C), SIGTERM (`kill`), SIGHUP (a closed window) or SIGQUIT
/// (Ctrl-\) ends it: one handler, installed at start, that
/// 1. removes every temporary file being written (``TemporaryFiles/removeAll()``: a save, a log or a
///    download cut short leaves nothing behind) and says so on standard error;
/// 2. puts the keyboard back as it was when the interactive pager had made it raw, and shows the cursor;
/// 3. ends the process by the same signal, so the shell sees 128 + its number (Ctrl-C: 130).
///
/// The handler only loads words, calls `unlink`, `tcsetattr`, `write`, `sigprocmask` and `raise`
/// (all async-signal-safe), so it works at any moment: inside a training loop, while URLSession
/// writes a download, or while the pager waits for a key. A signal that was ignored when `learn`
/// started (`nohup` ignores SIGHUP; a shell ignores SIGINT for a background job) stays ignored.
enum Signals {
    /// The signals that end a process by default and can be caught.
    static let ending: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// The keyboard's mode before the pager made it raw (valid while ``keyboardSaved`` is true).
    nonisolated(unsafe) static let savedKeyboard: UnsafeMutablePointer<termios> = {
        let keyboard = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        keyboard.initialize(to: termios())
        return keyboard
    }()
    static let keyboardSaved = Atomic<Bool>(false)
    /// Whether standard error is a terminal, where a progress line may need clearing first.
    nonisolated(unsafe) static var errorIsTerminal = false

    /// Installs the handler for each ending signal not ignored at start, and unblocks them (a parent
    /// may start `learn` with signals blocked, a thread pool's mask being inherited through exec; then
    /// `kill` and a closed window could not stop it).
    static func install() {
        TemporaryFiles.prepare()
        _ = savedKeyboard
        keyboardSaved.store(false, ordering: .releasing)
        errorIsTerminal = isatty(STDERR_FILENO) == 1
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for number in ending { sigaddset(&blocked, number) }
        for number in ending {
            var previous = sigaction()
            guard sigaction(number, nil, &previous) == 0, !isIgnored(previous) else { continue }
            var action = sigaction()
            setHandler(&action, endBySignal)
            action.sa_mask = blocked  // one ending signal at a time: the handler is never re-entered
            action.sa_flags = 0
            sigaction(number, &action, nil)
        }
        pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
    }

    /// The pager made the keyboard raw; `original` is put back if a signal ends the process.
    static func keyboardMadeRaw(original: termios) {
        savedKeyboard.pointee = original
        keyboardSaved.store(true, ordering: .releasing)
    }

    /// Puts the keyboard back as it was before the pager made it raw, and shows the cursor, if the pager
    /// had made it raw (for an exit that does not go through the pager).
    static func restoreKeyboard() {
        guard keyboardSaved.exchange(false, ordering: .acquiringAndReleasing) else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, savedKeyboard)
        _ = write(STDOUT_FILENO, "\u{1B}[?25h\n", 7)
    }

    /// The pager put the keyboard back itself.
    static func keyboardRestored() { keyboardSaved.store(false, ordering: .releasing) }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        #else
        return unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        #endif
    }

    private static func setHandler(_ action: inout sigaction, _ handler: @escaping @convention(c) (Int32) -> Void) {
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
    }
}

/// The handler (see ``Signals``): async-signal-safe calls only, on pre-made bytes.
private func endBySignal(_ number: Int32) {
    let removed = TemporaryFiles.firstListed()
    TemporaryFiles.removeAll()
    if Signals.keyboardSaved.load(ordering: .acquiring) {
        tcsetattr(STDIN_FILENO, TCSANOW, Signals.savedKeyboard)
        writeBytes(STDOUT_FILENO, "\u{1B}[?25h\n")
    }
    if let removed {
        if Signals.errorIsTerminal { writeBytes(STDERR_FILENO, "\r\u{1B}[2K") }
        writeBytes(STDERR_FILENO, "learn: interrupted; removed the unfinished file ")
        _ = write(STDERR_FILENO, removed, strlen(removed))
        writeBytes(STDERR_FILENO, "\n")
    }
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, number)
    signal(number, SIG_DFL)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    raise(number)
}

/// Writes a literal (bytes in the binary: nothing is made at signal time).
private func writeBytes(_ descriptor: Int32, _ text: StaticString) {
    _ = write(descriptor, text.utf8Start, text.utf8CodeUnitCount)
}
