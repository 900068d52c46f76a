/// A labelled image dataset in the MNIST layout: grey images of `rows × columns` bytes (0 background …
/// 255 ink), a label 0…9 for each, in a train split and a test split.
public struct Dataset: Sendable {
    /// One split: `count` images stored one after another, each `rows × columns` bytes row-major, so
    /// image `i` is `images[i·rows·columns ..< (i+1)·rows·columns]`; `labels[i]` is its class.
    public struct Split: Sendable, Equatable {
        public var images: [UInt8]
        public var labels: [UInt8]
        public init(images: [UInt8], labels: [UInt8]) {
            self.images = images
            self.labels = labels
        }
        /// The number of examples.
        public var count: Int { labels.count }
        /// The pixels of image `index` (0 ..< count), `pixels` bytes each (`rows × columns`).
        public func image(_ index: Int, pixels: Int) -> ArraySlice<UInt8> {
            precondition((0..<count).contains(index), "Split.image: index \(index) of \(count) images")
            return images[index * pixels ..< (index + 1) * pixels]
        }
    }

    /// The number of classes; every label is below it.
    public static let classCount = 10

    /// `mnist`, `fashion-mnist`, or whatever the caller named it.
    public var name: String
    public var rows: Int
    public var columns: Int
    public var train: Split
    public var test: Split

    /// A dataset from its parts; the caller promises consistent sizes.
    public init(name: String, rows: Int, columns: Int, train: Split, test: Split) {
        for split in [train, test] {
            precondition(split.images.count == split.count * rows * columns,
                         "Dataset \(name): \(split.images.count) pixels for \(split.count) images of \(rows)×\(columns)")
        }
        self.name = name
        self.rows = rows
        self.columns = columns
        self.train = train
        self.test = test
    }

    /// Pixels per image, `rows × columns`.
    public var pixelsPerImage: Int { rows * columns }

    /// Loads the four files in `folder` (each raw or `.gz`), checking that images have 3 dimensions and
    /// labels 1, that each split has as many labels as images, that labels are 0…9, and that train and
    /// test images have one size.
    ///
    /// Reads each file whole and inflates it into a buffer sized from the gzip trailer: the MNIST train
    /// images (9.9 MB compressed, 47 MB raw) take well under a second in a release build.
    public static func load(name: String, from folder: String) throws(IDXError) -> Dataset {
        let found = DatasetFolder(inspecting: folder)
        func read(_ file: DatasetFile) throws(IDXError) -> (file: String, content: IDX) { try Self.read(file, in: found) }
        let train = try split(images: read(.trainImages), labels: read(.trainLabels))
        let testImages = try read(.testImages)
        let test = try split(images: testImages, labels: read(.testLabels))
        guard test.size == train.size else {
            throw .imageSizeMismatch(file: testImages.file, size: test.size, expected: train.size)
        }
        return Dataset(name: name, rows: train.size[0], columns: train.size[1], train: train.split, test: test.split)
    }

    /// Which split.
    public enum SplitName: String, CaseIterable, Sendable {
        case train, test
        /// Its images file and labels file.
        public var files: (images: DatasetFile, labels: DatasetFile) {
            self == .train ? (.trainImages, .trainLabels) : (.testImages, .testLabels)
        }
    }

    /// Loads one split from `folder` (its two files only, raw or `.gz`), with the checks of `load`
    /// that concern one split; returns it with the size of its images.
    public static func loadSplit(_ which: SplitName, from folder: String) throws(IDXError)
        -> (split: Split, rows: Int, columns: Int) {
        let found = DatasetFolder(inspecting: folder)
        let (split, size) = try split(images: read(which.files.images, in: found), labels: read(which.files.labels, in: found))
        return (split, size[0], size[1])
    }

    /// Reads and parses `file` of `folder`, or says it is missing.
    static func read(_ file: DatasetFile, in folder: DatasetFolder) throws(IDXError) -> (file: String, content: IDX) {
        guard let path = folder.files[file] else {
            let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
            throw .cannotRead(file: base + file.fileName + "[.gz]", reason: folder.exists ? "no such file" : "no such folder")
        }
        return (path, try IDX(contentsOf: path))
    }

    /// One split from an images file and a labels file, checked; `size` is `[rows, columns]`.
    static func split(images: (file: String, content: IDX), labels: (file: String, content: IDX))
        throws(IDXError) -> (split: Split, size: [Int]) {
        let imageDimensions = images.content.dimensions, labelDimensions = labels.content.dimensions
        guard imageDimensions.count == 3 else { throw .wrongRank(file: images.file, expected: 3, dimensions: imageDimensions) }
        guard labelDimensions.count == 1 else { throw .wrongRank(file: labels.file, expected: 1, dimensions: labelDimensions) }
        guard imageDimensions[1] > 0 && imageDimensions[2] > 0 else {
            throw .emptyImages(file: images.file, size: [imageDimensions[1], imageDimensions[2]])
        }
        guard imageDimensions[0] == labelDimensions[0] else {
            throw .countMismatch(images: images.file, imageCount: imageDimensions[0],
                                 labels: labels.file, labelCount: labelDimensions[0])
        }
        if let bad = labels.content.bytes.firstIndex(where: { $0 >= classCount }) {
            throw .labelOutOfRange(file: labels.file, index: bad, label: labels.content.bytes[bad])
        }
        return (Split(images: images.content.bytes, labels: labels.content.bytes), [imageDimensions[1], imageDimensions[2]])
    }
}
