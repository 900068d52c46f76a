import Dispatch
import Foundation

/// A value (in practice a raw pointer into a matrix or a packing buffer) that may be captured by the
/// `@Sendable` closure of ``parallelFor(_:_:)``.
///
/// Swift cannot prove that raw pointers are used without data races, so this wrapper asserts it with
/// `@unchecked Sendable`. It is sound for the GEMM kernels because of how they split the work:
/// - `A` and `B` are only read, by every thread.
/// - `C` is split into disjoint blocks of whole rows or whole columns (``gemmParallel``): thread `t`
///   writes only `C[rows, columnsOfPart(t)]` (or `C[rowsOfPart(t), columns]`), and no two parts overlap.
/// - Each thread allocates, writes and frees its own packing buffers.
/// - `concurrentPerform` returns only after every iteration has finished, so no pointer outlives the
///   buffer it points into and the caller sees every write afterwards.
///
/// The convolution and pooling kernels use it the same way; their own arguments for disjoint writes
/// stand at the top of `Conv2D.swift` and `MaxPool2D.swift`.
///
/// Keep every `@unchecked Sendable` of the tensor engine in this file, next to that argument.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Runs `body(0) … body(count - 1)`, concurrently when `count > 1` (on Dispatch's global pool, at most
/// one iteration per core at a time), and returns when all have finished. `count == 1` runs inline
/// with no thread hop.
func parallelFor(_ count: Int, _ body: @Sendable (Int) -> Void) {
    precondition(count >= 0, "parallelFor: count is \(count)")
    if count == 1 {
        body(0)
    } else if count > 1 {
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
}

/// The number of cores this process may use (at least 1), read once: on Linux each read of
/// `activeProcessorCount` parses files (about 21 µs), which every small GEMM call would pay.
public let availableCoreCount: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
