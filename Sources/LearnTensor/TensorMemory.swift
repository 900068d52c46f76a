#if os(Linux) && canImport(CMalloc)
import CMalloc
#endif

/// How the process's allocator treats the large blocks that tensors come in: tuned once, by the program
/// that trains (the library itself never changes process-wide settings).
///
/// Every batch allocates fresh activations and gradients of the same few sizes (12.5 MB for the course
/// CNN's first layer at batch 128). glibc's `malloc` serves blocks that large with `mmap` and returns
/// them with `munmap` when freed, so each batch faulted in, and the kernel zeroed, the same pages again:
/// about a quarter of a LeNet-5 epoch. Keeping freed blocks in the heap made the CNN epoch 24 % faster
/// and the LeNet-5 epoch 25 % faster here (`learn bench`). Elsewhere this does nothing.
public enum TensorMemory {
    /// Asks `malloc` to keep freed blocks of up to 512 MB for reuse instead of returning them to the
    /// system (and to trim the heap only past 1 GB). Call once, early; a no-op without glibc.
    public static func keepFreedBlocksForReuse() {
        #if os(Linux) && canImport(CMalloc)
        _ = mallopt(M_MMAP_THRESHOLD, 512 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        _ = mallopt(M_TOP_PAD, 64 << 20)
        #endif
    }
}
