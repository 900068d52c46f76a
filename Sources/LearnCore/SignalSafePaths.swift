#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A list of paths that a signal handler can walk: a fixed array of slots, each holding the address of
/// a NUL-terminated path or 0, read and written atomically. Each path's C string is made once per name
/// and never freed, so a handler never sees one freed under it.
final class SignalSafePaths: Sendable {
    private let capacity: Int
    nonisolated(unsafe) private let slots: UnsafeMutablePointer<Atomic<Int>>
    /// Every path ever inserted, with the address of its C string.
    private let interned = Mutex<[String: Int]>([:])

    init(capacity: Int) {
        self.capacity = capacity
        slots = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: capacity)
        for i in 0..<capacity { (slots + i).initialize(to: Atomic(0)) }
    }

    /// Adds `path` (once; a full list leaves it out).
    func insert(_ path: String) {
        interned.withLock { interned in
            let address: Int
            if let known = interned[path] { address = known } else {
                guard let made = strdup(path) else { return }
                address = Int(bitPattern: made)
                interned[path] = address
            }
            for i in 0..<capacity where slots[i].load(ordering: .acquiring) == address { return }
            for i in 0..<capacity where slots[i].compareExchange(expected: 0, desired: address, ordering: .acquiringAndReleasing).exchanged {
                return
            }
        }
    }

    func remove(_ path: String) {
        interned.withLock { interned in
            guard let address = interned[path] else { return }
            for i in 0..<capacity { _ = slots[i].compareExchange(expected: address, desired: 0, ordering: .acquiringAndReleasing) }
        }
    }

    var current: [String] {
        var paths: [String] = []
        forEach { paths.append(String(cString: $0)) }
        return paths
    }

    /// Calls `body` with each listed path. Async-signal-safe when `body` is.
    func forEach(_ body: (UnsafePointer<CChar>) -> Void) {
        for i in 0..<capacity {
            let address = slots[i].load(ordering: .acquiring)
            if address != 0, let path = UnsafePointer<CChar>(bitPattern: address) { body(path) }
        }
    }

    /// The first listed path, or nil. Async-signal-safe.
    func first() -> UnsafePointer<CChar>? {
        for i in 0..<capacity {
            let address = slots[i].load(ordering: .acquiring)
            if address != 0 { return UnsafePointer<CChar>(bitPattern: address) }
        }
        return nil
    }
}
