import Foundation
import LearnCore
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
        /// The server compressed the body on the wire with a `Content-Encoding` that could not be undone.
        case encoding(String)
    }

    /// A body received whole.
    struct Outcome: Equatable {
        /// Bytes written (after any `Content-Encoding` was undone).
        var bytes: Int64
        /// The `Content-Encoding` the server applied on the wire and URLSession undid (lower case), or
        /// nil. A server that labels a `.gz` file `Content-Encoding: gzip` hands over its content unpacked.
        var contentEncoding: String?
    }

    /// Writes the body to `output` (a new, empty temporary file); `progress` gets (received, expected) as
    /// data arrives, on URLSession's delegate queue. Returns the number of bytes written.
    ///
    /// The request asks for `Accept-Encoding: identity`: the files are compressed already, and a length
    /// on the wire is then the file's length. A server may compress all the same: URLSession (libcurl)
    /// undoes gzip, deflate, br and zstd, and the announced length, then of the compressed body, is not
    /// compared with what was written; any other encoding is ``Failure/encoding(_:)``.
    func run(to output: TemporaryFile, progress: @escaping @Sendable (Int64, Int64?) -> Void) throws(Failure) -> Outcome {
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

        var request = URLRequest(url: url)
        request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        let task = session.dataTask(with: request)
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
                if received == receivedAtWindowStart {
                    reason = Self.silence(received: received, seconds: stallWindow)
                } else if received - receivedAtWindowStart < stallMinimumBytes {
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
        let encoding = state.contentEncoding.flatMap { $0 == "identity" ? nil : $0 }
        if let error = state.error {
            if let encoding, state.received == 0 || Self.isDecodingFailure(error) { throw .encoding(encoding) }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            let reason = Self.reason(error, received: state.received, idle: idleTimeout, timedOutOverall: elapsed >= totalTimeout)
            if state.received == 0, Self.isConnectionFailure(error) { throw .unreachable(reason) }
            throw .interrupted(received: state.received, expected: encoding == nil ? state.expected : nil, reason: reason)
        }
        if encoding == nil, let expected = state.expected, state.received != expected {
            throw .interrupted(received: state.received, expected: expected, reason: "the connection closed before the whole file came")
        }
        return Outcome(bytes: state.received, contentEncoding: encoding)
    }

    /// "the server sent nothing for 60 s", or "nothing more" once some data came.
    static func silence(received: Int64, seconds interval: TimeInterval) -> String {
        "the server sent nothing \(received == 0 ? "" : "more ")for \(seconds(interval))"
    }

    /// `60 s`, `0.5 s`: a duration as a message shows it.
    static func seconds(_ interval: TimeInterval) -> String {
        interval == interval.rounded() ? "\(Int(interval)) s" : "\(interval) s"
    }

    /// The sentence for a TLS handshake that failed (libcurl's own words name an OpenSSL routine).
    static let secureFailure = "the secure https connection could not be set up"

    /// Whether `error` means no connection was made at all (libcurl's TLS failures come as code -1).
    static func isConnectionFailure(_ error: Error) -> Bool {
        let text = (error as NSError).localizedDescription.lowercased()
        if text.contains("ssl") || text.contains("tls") || text.contains("certificate") { return true }
        guard let error = error as? URLError else { return false }
        let codes: [URLError.Code] = [.cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
                                      .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
                                      .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected]
        return codes.contains(error.code)
    }

    /// Whether `error` is URLSession failing to undo a `Content-Encoding` (libcurl reports it with
    /// code -1, "Unrecognized content encoding type", or "bad … Content or Transfer-Encoding").
    static func isDecodingFailure(_ error: Error) -> Bool {
        if let error = error as? URLError, [.cannotDecodeContentData, .cannotDecodeRawData].contains(error.code) { return true }
        let text = (error as NSError).localizedDescription.lowercased()
        return text.contains("content encoding") || text.contains("content or transfer-encoding")
    }

    /// A plain sentence for `error`, for every code URLSession gives (libcurl's words only for codes
    /// with no sentence here, on one line). `received` tells "nothing" from "nothing more"; `idle` is
    /// the wait for data that ran out when the code is `timedOut`, unless the whole transfer's time ran
    /// out (`timedOutOverall`).
    static func reason(_ error: Error, received: Int64 = 0, idle: TimeInterval = 60, timedOutOverall: Bool = false) -> String {
        let system = (error as NSError).localizedDescription.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard let error = error as? URLError else { return system }
        switch error.code {
        case .timedOut: return timedOutOverall ? "it took longer than the time allowed for one file" : silence(received: received, seconds: idle)
        case .cannotConnectToHost: return "connection refused: nothing answers at that address and port"
        case .cannotFindHost: return "no such host: the name does not resolve"
        case .dnsLookupFailed: return "the host name could not be looked up"
        case .notConnectedToInternet, .dataNotAllowed, .internationalRoamingOff, .callIsActive: return "no network connection"
        case .networkConnectionLost: return "the connection was lost"
        case .httpTooManyRedirects: return "too many redirects (the server redirects in a loop?)"
        case .redirectToNonExistentLocation: return "the server redirects to a location that does not exist"
        case .badServerResponse: return "the server closed the connection without a valid answer"
        case .cannotParseResponse, .unsupportedURL: return "the server's answer is not HTTP"
        case .zeroByteResource: return "the server sent an empty body"
        case .cannotDecodeContentData, .cannotDecodeRawData: return "the body's Content-Encoding could not be undone"
        case .dataLengthExceedsMaximum: return "the body is longer than allowed"
        case .userAuthenticationRequired, .userCancelledAuthentication: return "the server asks for a login"
        case .secureConnectionFailed: return secureFailure
        case .serverCertificateUntrusted: return "the server's certificate is not trusted"
        case .serverCertificateHasBadDate: return "the server's certificate has expired"
        case .serverCertificateNotYetValid: return "the server's certificate is not valid yet"
        case .serverCertificateHasUnknownRoot: return "the server's certificate is signed by an unknown authority"
        case .clientCertificateRejected, .clientCertificateRequired: return "the server wants a client certificate"
        case .appTransportSecurityRequiresSecureConnection: return "a secure (https) connection is required"
        case .resourceUnavailable, .fileDoesNotExist: return "the file is not available"
        case .noPermissionsToReadFile: return "no permission to read it"
        case .cannotLoadFromNetwork: return "it cannot be loaded from the network"
        case .cancelled: return "cancelled"
        default:
            // libcurl's errors arrive as code -1 with its own words; the common ones get plain ones.
            let lower = system.lowercased()
            if lower.contains("transfer closed with") { return "the connection closed before the whole file came" }
            if lower.contains("empty reply") { return "the server closed the connection without an answer" }
            if lower.contains("couldn't connect") || lower.contains("connection refused") {
                return "connection refused: nothing answers at that address and port"
            }
            if lower.contains("certificate") { return "the server's certificate is not trusted" }
            if lower.contains("ssl") || lower.contains("tls") { return secureFailure }
            return system
        }
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
            /// The response's `Content-Encoding`, lower case.
            var contentEncoding: String?
            /// The body was announced or came longer than the limit; the task was cancelled.
            var tooLarge = false
        }

        let finished = DispatchSemaphore(value: 0)
        private let output: TemporaryFile
        private let maximumBytes: Int64
        private let progress: @Sendable (Int64, Int64?) -> Void
        private let lock = NSLock()
        private var state = State()

        init(output: TemporaryFile, maximumBytes: Int64, progress: @escaping @Sendable (Int64, Int64?) -> Void) {
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
            let encoding = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Encoding")?
                .trimmingCharacters(in: .whitespaces).lowercased()
            lock.withLock {
                state.status = status
                state.contentEncoding = encoding.flatMap { $0.isEmpty ? nil : $0 }
                // A length on the wire is not the length written once an encoding is undone.
                state.expected = state.contentEncoding.map { $0 == "identity" } ?? true ? expected : nil
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
            let written = data.withUnsafeBytes { bytes in Result { () throws(TemporaryFile.Failure) in try output.write(bytes) } }
            if case .failure(let error) = written {
                lock.withLock { state.writeError = error.reason }
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
