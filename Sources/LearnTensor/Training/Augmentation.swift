import LearnCore

/// Data augmentation: new training images made from the old by moves that keep their class.
public enum Augmentation {
    /// Each image of `images` (`[N, C, H, W]`) moved by its own random whole-pixel offset (dy, dx), each
    /// uniform in `−maxShift…maxShift`, drawn from `generator`; pixels moved in from outside are 0 (the
    /// background of MNIST). A 1–2 pixel jiggle of the digits is the classic cure for an MNIST network
    /// that learns its training images by heart (Simard et al. 2003).
    ///
    /// Complexity: one pass over the images.
    public static func randomShifts(_ images: Tensor, maxShift: Int, generator: inout SplitMix64) -> Tensor {
        precondition(images.rank == 4, "randomShifts: images must be [N, C, H, W], got \(images.shape)")
        precondition(maxShift >= 0, "randomShifts: maxShift is \(maxShift)")
        guard maxShift > 0 else { return images }
        let (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        let span = UInt64(2 * maxShift + 1)
        var out = [Float](repeating: 0, count: images.count)
        images.scalars.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for image in 0..<n {
                    let dy = Int(generator.next() % span) - maxShift, dx = Int(generator.next() % span) - maxShift
                    // Output row y reads input row y − dy; columns likewise.
                    let columns = max(0, dx)..<min(w, w + dx)
                    guard !columns.isEmpty else { continue }
                    for channel in 0..<c {
                        let plane = (image * c + channel) * h * w
                        for y in max(0, dy)..<min(h, h + dy) {
                            let from = source.baseAddress! + plane + (y - dy) * w + (columns.lowerBound - dx)
                            (target.baseAddress! + plane + y * w + columns.lowerBound).update(from: from, count: columns.count)
                        }
                    }
                }
            }
        }
        return Tensor(shape: images.shape, scalars: out)
    }
}
