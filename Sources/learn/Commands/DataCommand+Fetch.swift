import LearnCore
import LearnText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import LearnData

extension DataCommand {
    /// `learn data fetch NAME [--mirror URL] [--to DIR] [--force] [--checksums FILE]`.
    static func fetch(_ raw: [String]) throws -> ExitStatus {
        let arguments = try arguments(raw, "fetch", valued: ["--mirror", "--to", "--checksums"], switches: ["--force"])
        if arguments.has("--help") { return showHelp("fetch") }
        let dataset = try dataset(arguments, "fetch")
        let expected = try checksums(arguments, for: dataset)
        let environment = ProcessInfo.processInfo.environment
        let mirror = dataset.mirror(option: arguments.last("--mirror"), environment: environment)
        let locator = DatasetLocator()
        let destination = locator.destination(for: dataset.name, to: arguments.last("--to"))
        var downloader: Downloader
        do {
            downloader = try Downloader(mirror: mirror.url, folder: destination)
        } catch {
            throw CommandError(message: "\(mirror.source.label.map { $0 + ": " } ?? "")\(error)", status: .usage)
        }
        downloader.force = arguments.has("--force")
        // The known sizes bound each transfer (and what its gzip may unpack to): a server that sends more
        // is cut off at once, whatever checksums were given.
        let items = DatasetFile.allCases.map {
            DownloadItem(remoteName: $0.compressedName, contentSHA256: expected[$0] ?? "", contentSize: dataset.contentSize[$0])
        }

        let display = FetchDisplay(terminal: isatty(STDERR_FILENO) == 1, width: Terminal.width)
        display.log("\(dataset.name): from \(downloader.mirror) into \(destination)")
        // Ctrl-C, `kill` or a closed window meanwhile: ``Signals`` removes the `.part` file being written.
        let results: [DownloadResult]
        do {
            results = try downloader.fetch(items, progress: display.update, finished: display.finished)
        } catch {
            display.clear()
            throw CommandError(message: error.description, status: status(of: error))
        }

        let downloaded = results.filter { $0.action != .alreadyPresent }.count
        Output.standard("\(dataset.name): all \(results.count) files in \(destination), content checked "
            + "(\(downloaded) downloaded, \(results.count - downloaded) already there)")
        if locator.locate(dataset.name)?.folder.path != destination {
            let folder = arguments.last("--to") ?? destination
            Output.standard("'learn' does not look there by itself: pass --data \(folder) or set LEARN_DATA=\(folder) (see 'learn data list')")
        }
        return .ok
    }

    /// The exit status for a failed download.
    static func status(of error: DownloadError) -> ExitStatus {
        switch error {
        case .badMirror, .invalidMirror: return .usage
        case .httpStatus, .unreachable, .interrupted, .tooLarge, .contentEncoding: return .unavailable
        case .checksumMismatch, .gzip: return .dataError
        case .cannotWrite: return .cannotCreate
        }
    }
}

/// What `learn data fetch` shows on standard error: a progress line redrawn at most ten times a second
/// on a terminal, one line per file otherwise.
///
/// `@unchecked Sendable`: `update` comes from URLSession's queue, the rest from the main thread; every
/// field is read and written under `lock`.
final class FetchDisplay: @unchecked Sendable {
    let terminal: Bool
    let width: Int
    private let lock = NSLock()
    private let clock = ContinuousClock()
    /// When the current file was started (when the previous one was in place).
    private var fileStart: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant?
    /// When the last data came (the transfer's end, once the file is whole; its check comes after).
    private var lastData: ContinuousClock.Instant?
    /// Whether a progress line is on the screen (to be cleared before anything else is written).
    private var drawn = false

    init(terminal: Bool, width: Int) {
        self.terminal = terminal
        self.width = width
        fileStart = clock.now
    }

    /// A line of its own.
    func log(_ line: String) {
        lock.withLock {
            write((drawn ? "\r\u{1B}[2K" : "") + line + "\n")
            drawn = false
        }
    }

    /// Data has come for a file: redraws its line (on a terminal, at most every 0.1 s and when it is whole).
    func update(_ progress: DownloadProgress) {
        lock.withLock {
            let now = clock.now
            lastData = now
            guard terminal else { return }
            let whole = progress.total == progress.received
            if let lastDraw, now - lastDraw < .milliseconds(100), !whole { return }
            lastDraw = now
            let line = ProgressText.line(file: progress.file, received: progress.received, total: progress.total,
                                         seconds: seconds(now - fileStart), width: width)
            write("\r\u{1B}[2K" + line)
            drawn = true
        }
    }

    /// A file is in place: its summary line (with the time the transfer took) replaces the progress line.
    func finished(_ result: DownloadResult) {
        let seconds = lock.withLock { () -> Double in
            let now = clock.now
            defer { fileStart = now; lastDraw = nil; lastData = nil }
            return self.seconds((lastData ?? now) - fileStart)
        }
        switch result.action {
        case .downloaded(let count): log(ProgressText.downloaded(result.item.localName, bytes: count, seconds: seconds))
        case .alreadyPresent: log(ProgressText.alreadyPresent(result.path))
        }
    }

    /// Removes the progress line, if any.
    func clear() {
        lock.withLock {
            if drawn { write("\r\u{1B}[2K") }
            drawn = false
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        duration.inSeconds
    }

    private func write(_ text: String) {
        Output.writeStandardError(Output.shown(text))
    }
}
