import Foundation
import LearnCore
import LearnText

/// Where the CLI writes: standard output, standard error, and files written atomically.
///
/// What goes to the standard streams is ASCII when the locale is not UTF-8 (`LANG=C`): documents are laid
/// out in ASCII already; this catches every other line (checks, progress, messages).
enum Output {
    /// Whether the streams take Unicode; read once.
    static let unicode = Terminal.unicode

    static func standard(_ text: String, terminator: String = "\n") {
        writeStandardOutput(shown(text + terminator))
    }

    /// Writes `text` to standard output as it is. A stream that cannot take it (a full disk, a closed
    /// descriptor, a device error) ends `learn` with one line on standard error and exit 73, after
    /// removing its temporary files and putting the keyboard back; a reader that went away (`EPIPE`,
    /// when SIGPIPE is ignored) ends it quietly with 141, as SIGPIPE itself would.
    static func writeStandardOutput(_ text: String) {
        guard let code = writeAll(STDOUT_FILENO, text) else { return }
        TemporaryFiles.removeAll()
        Signals.restoreKeyboard()
        if code != EPIPE {
            writeStandardError("learn: cannot write to standard output: \(String(cString: strerror(code)))\n")
            exit(ExitStatus.cannotCreate.rawValue)
        }
        exit(128 + SIGPIPE)
    }

    /// Writes `text` to standard error as it is; if that fails there is nowhere left to say so, and
    /// `learn` goes on.
    static func writeStandardError(_ text: String) {
        _ = writeAll(STDERR_FILENO, text)
    }

    /// Writes every byte of `text` to `descriptor` (short writes and EINTR retried); the errno of a
    /// failure, or nil.
    private static func writeAll(_ descriptor: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            guard var base = bytes.baseAddress else { return nil }
            var left = bytes.count
            while left > 0 {
                let n = write(descriptor, base, left)
                if n > 0 { base += n; left -= n; continue }
                if n < 0 && errno == EINTR { continue }
                return n < 0 ? errno : EIO
            }
            return nil
        }
    }

    /// One line on standard error, prefixed with `learn: `; control characters in it (from a file or an
    /// argument) are written escaped (`\u{1}`), so the message stays one line and cannot drive the terminal.
    static func error(_ message: String) {
        writeStandardError(shown("learn: \(escaped(message))\n"))
    }

    /// `text` with every control character written as `\u{…}`.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A line of information on standard error (not an error): what a long command is about to do.
    static func error(note: String) {
        writeStandardError(shown("\(note)\n"))
    }

    /// `text` as the streams can take it.
    static func shown(_ text: String) -> String { unicode ? text : ASCIIText.transliterated(text) }

    /// Writes `text` to `path` through a temporary file in the same folder and a rename, so that a
    /// reader never sees half a file and a failed write leaves nothing behind.
    static func writeAtomically(_ text: String, to path: String) throws(CommandError) {
        try writeAtomically(data: text.data(using: .utf8)!, to: path, option: "--output")
    }

    /// As ``writeAtomically(_:to:)`` for bytes; `option` names the argument in error messages. A
    /// symbolic link is followed and its target rewritten; anything else that is not a regular file is
    /// refused and left alone (``OutputPath``). The temporary file is `.NAME.PID.tmp`, created never
    /// following a link, removed if a signal ends `learn` meanwhile (``TemporaryFile``).
    static func writeAtomically(data: Data, to path: String, option: String) throws(CommandError) {
        let target = try OutputPath.checkWritable(path, option: option)
        do throws(TemporaryFile.Failure) {
            let file = try TemporaryFile.create(for: target, suffix: "tmp")
            // A file being replaced keeps its permissions (a private 0600 log stays private).
            var existing = stat()
            if lstat(target, &existing) == 0, existing.st_mode & S_IFMT == S_IFREG {
                _ = fchmod(file.descriptor, existing.st_mode & 0o7777)
            }
            do throws(TemporaryFile.Failure) {
                let written = data.withUnsafeBytes { bytes in Result { () throws(TemporaryFile.Failure) in try file.write(bytes) } }
                try written.get()
            } catch {
                file.discard()
                throw error
            }
            try file.commit()
        } catch {
            let shown = target == path ? path : "\(path) (→ \(target))"
            throw CommandError(message: "\(option) \(shown): cannot write the file (\(error.reason))", status: .cannotCreate)
        }
    }
}
