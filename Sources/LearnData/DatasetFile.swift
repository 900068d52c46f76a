/// The four files of a dataset in the MNIST layout, by their canonical names (each may also be `.gz`).
public enum DatasetFile: String, CaseIterable, Sendable, Comparable {
    case trainImages = "train-images-idx3-ubyte"
    case trainLabels = "train-labels-idx1-ubyte"
    case testImages = "t10k-images-idx3-ubyte"
    case testLabels = "t10k-labels-idx1-ubyte"

    /// The uncompressed name, e.g. `train-images-idx3-ubyte`.
    public var fileName: String { rawValue }
    /// The name as mirrors publish it, e.g. `train-images-idx3-ubyte.gz`.
    public var compressedName: String { rawValue + ".gz" }
    /// Images (3 dimensions) or labels (1).
    public var holdsImages: Bool { self == .trainImages || self == .testImages }

    public static func < (a: DatasetFile, b: DatasetFile) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
