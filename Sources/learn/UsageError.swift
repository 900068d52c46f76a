/// A mistake in how `learn` was called (an unknown command, option, lesson or parameter; a bad value):
/// one line on standard error and exit status 64.
struct UsageError: Error, Equatable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
