import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET streamed into a file with URLSession, waited for synchronously, with progress.
///
/// Succeeds only on status 200 with the whole body (as long as `Content-Length` says, when it says).
/// `idleTimeout` bounds the wait for each piece of data, `totalTimeout` the whole transfer;
/// `maximumBytes` the body (a longer `Content-Length`, or more data than that, stops it at once); and the
/// stall rule ends a transfer that receives fewer than `stallMinimumBytes` in any `stallWindow` seconds
/// (a server trickling a byte now and then never trips the idle timeout).
struct HTTPTransfer {
    var url: URL
    var idleTimeout: TimeInterval
    var totalTimeout: TimeInterval
    var maximumBytes: Int64 = .max
    var stallWindow: TimeInterval = 60
    var stallMinimumBytes: Int64 = 32 << 10

    /// What went wrong, before the caller names the file.
    enum Failure: Error {
        case status(Int)
        case unreachable(String)
        case interrupted(received: Int64, expected: Int64?, reason: String)
        case cannotWrite(String)
        /// The server announced or sent more than `limit` bytes.
        case tooLarge(received: Int64, limit: Int64)
    }

    /// Writes the body to `destination` (created or truncated); `progress` gets (received, expected) as
    /// data arrives, on URLSession's delegate queue. Returns the number of bytes written.
    func run(to destination: URL, progress: @escaping @Sendable (Int64, Int64?) -> Void) throws(Failure) -> Int64 {
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
              let output = try? FileHandle(forWritingTo: destination) else {
            throw .cannotWrite("cannot create \(destination.path)")
        }
        defer { try? output.close() }

        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = totalTimeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        let delegateQueue = OperationQueue()
        delegateQueue.maxConcurrentOperationCount = 1
        let receiver = Receiver(output: output, maximumBytes: maximumBytes, progress: progress)
        let session = URLSession(configuration: configuration, delegate: receiver, delegateQueue: delegateQueue)
        defer { session.finishTasksAndInvalidate() }

        let task = session.dataTask(with: URLRequest(url: url))
        task.resume()
        // Waits in slices of at most a second, checking the overall time and the stall rule at each.
        let start = DispatchTime.now()
        var windowStart = start
        var receivedAtWindowStart: Int64 = 0
        while receiver.finished.wait(timeout: .now() + min(1, stallWindow / 4)) == .timedOut {
            let now = DispatchTime.now()
            let current = receiver.snapshot()
            if current.tooLarge {  // already cancelled: wait (a little) for URLSession to say so
                _ = receiver.finished.wait(timeout: .now() + 5)
                break
            }
            let received = current.received
            var reason: String? = nil
            if Double(now.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 >= totalTimeout + 5 {
                reason = "timed out after \(Int(totalTimeout)) s"
            } else if Double(now.uptimeNanoseconds - windowStart.uptimeNanoseconds) / 1e9 >= stallWindow {
                if received - receivedAtWindowStart < stallMinimumBytes {
                    reason = "stalled: \(received - receivedAtWindowStart) bytes in the last \(Self.seconds(stallWindow)), "
                        + "fewer than the \(stallMinimumBytes) needed to go on"
                }
                windowStart = now
                receivedAtWindowStart = received
            }
            if let reason {
                task.cancel()
                _ = receiver.finished.wait(timeout: .now() + 5)
                let state = receiver.snapshot()
                throw .interrupted(received: state.received, expected: state.expected, reason: reason)
            }
        }
        let state = receiver.snapshot()
        if state.tooLarge { throw .tooLarge(received: state.received, limit: maximumBytes) }
        if let status = state.status, status != 200 { throw .status(status) }
        if let writeError = state.writeError { throw .cannotWrite(writeError) }
        if let error = state.error {
            let reason = Self.reason(error)
            if state.received == 0, Self.isConnectionFailure(error) { throw .unreachable(reason) }
            throw .interrupted(received: state.received, expected: state.expected, reason: reason)
        }
        if let expected = state.expected, state.received != expected {
            throw .interrupted(received: state.received, expected: expected, reason: "the connection closed early")
        }
        return state.received
    }

    /// `60 s`, `0.5 s`: a duration as a message shows it.
    static func seconds(_ interval: TimeInterval) -> String {
        interval == interval.rounded() ? "\(Int(interval)) s" : "\(interval) s"
    }

    /// Whether `error` means no connection was made at all.
    static func isConnectionFailure(_ error: Error) -> Bool {
        guard let error = error as? URLError else { return false }
        let codes: [URLError.Code] = [.cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
                                      .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
                                      .serverCertificateNotYetValid, .clientCertificateRejected, .unsupportedURL]
        return codes.contains(error.code)
    }

    /// A short reason for `error`: URLSession's own description, on one line.
    static func reason(_ error: Error) -> String {
        let text = (error as NSError).localizedDescription
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The session's delegate: writes data as it comes and records how the transfer ended.
    ///
    /// `@unchecked Sendable`: URLSession calls it on one serial delegate queue, and every field it
    /// shares with the waiting thread is read and written under `lock`.
    final class Receiver: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        struct State {
            var status: Int?
            var expected: Int64?
            var received: Int64 = 0
            var error: Error?
            var writeError: String?
            /// The body was announced or came longer than the limit; the task was cancelled.
            var tooLarge = false
        }

        let finished = DispatchSemaphore(value: 0)
        private let output: FileHandle
        private let maximumBytes: Int64
        private let progress: @Sendable (Int64, Int64?) -> Void
        private let lock = NSLock()
        private var state = State()

        init(output: FileHandle, maximumBytes: Int64, progress: @escaping @Sendable (Int64, Int64?) -> Void) {
            self.output = output
            self.maximumBytes = maximumBytes
            self.progress = progress
        }

        func snapshot() -> State { lock.withLock { state } }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            let status = (response as? HTTPURLResponse)?.statusCode ?? 200
            let expected = response.expectedContentLength >= 0 ? response.expectedContentLength : nil
            let tooLarge = status == 200 && (expected ?? 0) > maximumBytes
            lock.withLock {
                state.status = status
                state.expected = expected
                state.tooLarge = tooLarge
            }
            completionHandler(status == 200 && !tooLarge ? .allow : .cancel)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            let over = lock.withLock { () -> Bool in
                if state.tooLarge || state.received + Int64(data.count) > maximumBytes { state.tooLarge = true }
                return state.tooLarge
            }
            if over { dataTask.cancel(); return }
            do {
                try output.write(contentsOf: data)
            } catch {
                lock.withLock { state.writeError = "\(error.localizedDescription)" }
                dataTask.cancel()
                return
            }
            let (received, expected) = lock.withLock { () -> (Int64, Int64?) in
                state.received += Int64(data.count)
                return (state.received, state.expected)
            }
            progress(received, expected)
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            lock.withLock { state.error = error }
            finished.signal()
        }
    }
}
