import Foundation

/// A dataset `learn` knows how to fetch and check: its name, where it is published, and the SHA-256 of
/// each file's decompressed content (the content does not depend on the compressor; the `.gz` bytes do).
public struct KnownDataset: Sendable, Equatable {
    /// The name used on the command line and as a folder name: `mnist`, `fashion-mnist`.
    public var name: String
    /// A line saying what it is.
    public var title: String
    /// The folder URL (ending in `/`) the four `.gz` files are published under.
    public var defaultMirror: String
    /// Lower-case hex SHA-256 of each file's decompressed content.
    public var contentSHA256: [DatasetFile: String]
    /// The name of each class 0…9, when the labels are not simply the digits.
    public var classNames: [String]

    public init(name: String, title: String, defaultMirror: String, contentSHA256: [DatasetFile: String],
                classNames: [String] = []) {
        precondition(classNames.isEmpty || classNames.count == Dataset.classCount,
                     "KnownDataset \(name): \(classNames.count) class names for \(Dataset.classCount) classes")
        self.name = name
        self.title = title
        self.defaultMirror = defaultMirror
        self.contentSHA256 = contentSHA256
        self.classNames = classNames
    }

    /// How a label reads: `7` for MNIST, `9 (Ankle boot)` for Fashion-MNIST.
    public func describe(label: UInt8) -> String {
        Int(label) < classNames.count ? "\(label) (\(classNames[Int(label)]))" : "\(label)"
    }

    /// MNIST handwritten digits (LeCun, Cortes, Burges): 60,000 train and 10,000 test images, 28×28.
    public static let mnist = KnownDataset(
        name: "mnist", title: "MNIST handwritten digits, 28×28 grey, 60,000 train + 10,000 test",
        defaultMirror: "https://storage.googleapis.com/cvdf-datasets/mnist/",
        contentSHA256: [
            .trainImages: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            .trainLabels: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            .testImages: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            .testLabels: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
        ])

    /// Fashion-MNIST (Zalando Research): the same layout, 10 classes of clothing.
    public static let fashionMNIST = KnownDataset(
        name: "fashion-mnist", title: "Fashion-MNIST clothing, 28×28 grey, 60,000 train + 10,000 test",
        defaultMirror: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        contentSHA256: [
            .trainImages: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            .trainLabels: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            .testImages: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            .testLabels: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
        ],
        classNames: ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"])

    /// Every dataset `learn` knows, in the order `learn data list` shows them.
    public static let all: [KnownDataset] = [mnist, fashionMNIST]

    /// The dataset called `name`, if `learn` knows it.
    public static func named(_ name: String) -> KnownDataset? { all.first { $0.name == name } }

    /// Which known dataset's file has the content whose SHA-256 is `sha256`, if any.
    public static func owner(ofContent sha256: String) -> (dataset: KnownDataset, file: DatasetFile)? {
        let wanted = sha256.lowercased()
        for dataset in all {
            if let file = DatasetFile.allCases.first(where: { dataset.contentSHA256[$0] == wanted }) { return (dataset, file) }
        }
        return nil
    }
}

/// The mirror a fetch uses and which rule chose it.
public struct MirrorChoice: Sendable, Equatable {
    /// Which rule chose the mirror: the caller's choice, `$LEARN_MIRROR`, or the catalogue's default.
    public enum Source: Sendable, Equatable {
        case option, environment, catalogue
    }

    /// The folder URL, with `{name}` replaced by the dataset's name.
    public var url: String
    public var source: Source
}

extension KnownDataset {
    /// The mirror to fetch from: `--mirror URL` when given, else `$LEARN_MIRROR` when set and not empty,
    /// else the dataset's usual mirror. `{name}` in the URL becomes the dataset's name, so one
    /// `LEARN_MIRROR=http://host/{name}/` serves both datasets. The URL is not checked here.
    public func mirror(option: String?, environment: [String: String]) -> MirrorChoice {
        let choice: MirrorChoice
        if let option {
            choice = MirrorChoice(url: option, source: .option)
        } else if let variable = environment["LEARN_MIRROR"], !variable.isEmpty {
            choice = MirrorChoice(url: variable, source: .environment)
        } else {
            choice = MirrorChoice(url: defaultMirror, source: .catalogue)
        }
        return MirrorChoice(url: choice.url.replacingOccurrences(of: "{name}", with: name), source: choice.source)
    }
}
