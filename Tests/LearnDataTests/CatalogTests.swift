import Foundation
import Testing
@testable import LearnData

/// The catalog of known datasets, and checking files against content checksums.
@Suite struct CatalogTests {
    @Test func eachDatasetHasFourChecksumsAndAMirror() {
        #expect(KnownDataset.all.map(\.name) == ["mnist", "fashion-mnist"])
        for dataset in KnownDataset.all {
            #expect(dataset.contentSHA256.count == 4)
            for (_, sum) in dataset.contentSHA256 {
                #expect(sum.count == 64 && sum.allSatisfy { $0.isHexDigit && !$0.isUppercase }, "\(dataset.name): \(sum)")
            }
            #expect(dataset.defaultMirror.hasSuffix("/"))
            #expect(dataset.downloadItems.map(\.remoteName) == DatasetFile.allCases.map(\.compressedName))
            #expect(KnownDataset.named(dataset.name) == dataset)
        }
        #expect(Set(KnownDataset.mnist.contentSHA256.values).isDisjoint(with: KnownDataset.fashionMNIST.contentSHA256.values))
        #expect(KnownDataset.named("cifar") == nil)
    }

    @Test func checksumsOfAFolder() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files = Fixture.tinyDataset()
        files[.testLabels] = nil
        var sums = try Fixture.write(files, to: folder, compressed: true)
        sums[.testLabels] = String(repeating: "0", count: 64)
        sums[.trainLabels] = String(repeating: "a", count: 64)
        try Data([0x1F, 0x8B, 1, 2]).write(to: URL(fileURLWithPath: folder + "/t10k-images-idx3-ubyte.gz"))

        let checks = ContentChecksum.check(DatasetFolder(inspecting: folder), against: sums)
        #expect(checks.map(\.file) == DatasetFile.allCases)
        #expect(checks[0].passed)
        guard case .differs(let actual) = checks[1].outcome else { Issue.record("\(checks[1])"); return }
        #expect(actual == SHA256.hex(of: Fixture.tinyDataset()[.trainLabels]!.encoded()))
        guard case .unreadable(.gzip(let file, _)) = checks[2].outcome else { Issue.record("\(checks[2])"); return }
        #expect(file == folder + "/t10k-images-idx3-ubyte.gz")
        #expect(checks[3].outcome == .missing && checks[3].path == nil)
    }

    @Test func theMirrorIsOptionThenVariableThenCatalogue() {
        let mnist = KnownDataset.mnist
        #expect(mnist.mirror(option: nil, environment: [:]) == MirrorChoice(url: mnist.defaultMirror, source: .catalogue))
        #expect(mnist.mirror(option: nil, environment: ["LEARN_MIRROR": ""]).source == .catalogue)
        #expect(mnist.mirror(option: nil, environment: ["LEARN_MIRROR": "http://h/{name}/"]) == MirrorChoice(url: "http://h/mnist/", source: .environment))
        #expect(KnownDataset.fashionMNIST.mirror(option: "http://o/{name}", environment: ["LEARN_MIRROR": "http://h/"])
            == MirrorChoice(url: "http://o/fashion-mnist", source: .option))
    }

    @Test func labelsReadAsDigitsOrClassNames() {
        #expect(KnownDataset.mnist.describe(label: 7) == "7")
        #expect(KnownDataset.fashionMNIST.describe(label: 9) == "9 (Ankle boot)")
        #expect(KnownDataset.fashionMNIST.describe(label: 0) == "0 (T-shirt/top)")
        #expect(KnownDataset.fashionMNIST.classNames.count == Dataset.classCount)
    }

    @Test func theOwnerOfAKnownContent() throws {
        let owner = try #require(KnownDataset.owner(ofContent: KnownDataset.fashionMNIST.contentSHA256[.testLabels]!.uppercased()))
        #expect(owner.dataset.name == "fashion-mnist" && owner.file == .testLabels)
        #expect(KnownDataset.owner(ofContent: String(repeating: "0", count: 64)) == nil)
    }

    /// A wrong file says why when it can: malformed IDX (named by `IDXError`), or nothing more to say.
    @Test func aMismatchIsDiagnosed() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files = Fixture.tinyDataset()
        files[.testImages] = Fixture.labels(count: 3, seed: 5)     // labels where images belong
        var sums = try Fixture.write(files, to: folder, compressed: false)
        let good = sums[.trainImages]!
        let other = String(repeating: "e", count: 64)
        sums[.trainImages] = other                                    // a well-formed file, other content
        // A truncated train labels file: the header promises 8 + 5 bytes, 11 are there.
        let labels = Fixture.tinyDataset()[.trainLabels]!.encoded()
        try Data(labels.prefix(labels.count - 2)).write(to: URL(fileURLWithPath: folder + "/train-labels-idx1-ubyte"))

        let found = DatasetFolder(inspecting: folder)
        let checks = ContentChecksum.check(found, against: sums)
        #expect(checks[0].outcome == .differs(actual: good) && checks[0].diagnosis == nil)
        #expect(checks[0].description == "\(folder)/train-images-idx3-ubyte: checksum mismatch: the content's SHA-256 is \(good), expected \(other)")
        #expect(checks[1].diagnosis == .malformed(.truncated(file: folder + "/train-labels-idx1-ubyte", expected: 13, got: 11)))
        #expect(checks[1].description == "\(folder)/train-labels-idx1-ubyte: truncated: the header promises 13 bytes, the file has 11 (so its content SHA-256 differs)")
        #expect(checks[2].passed && checks[3].passed && checks[3].description.hasSuffix(": content SHA-256 matches"))
        // Labels in the images file: well-formed IDX, wrong rank for its role.
        let wrongRole = ContentChecksum.check(.testImages, in: found, expected: String(repeating: "f", count: 64))
        #expect(wrongRole.diagnosis == .malformed(.wrongRank(file: folder + "/t10k-images-idx3-ubyte", expected: 3, dimensions: [3])))
        #expect(ContentChecksum.check(.testImages, in: DatasetFolder(inspecting: folder + "/none"), expected: "").description
            == "t10k-images-idx3-ubyte[.gz]: missing")
    }

    /// The content of another known file is named as such (the real files are not in the tests, so
    /// `diagnose` is given a known checksum directly).
    @Test func anotherKnownFileIsNamed() {
        let sum = KnownDataset.fashionMNIST.contentSHA256[.trainImages]!
        #expect(ContentChecksum.diagnose([1, 2, 3], sha256: sum, as: .trainImages, path: "p") == .contentOf(dataset: "fashion-mnist", file: .trainImages))
        let check = FileCheck(file: .trainImages, path: "/m/train-images-idx3-ubyte.gz", expected: KnownDataset.mnist.contentSHA256[.trainImages]!,
                              outcome: .differs(actual: sum), diagnosis: .contentOf(dataset: "fashion-mnist", file: .trainImages))
        #expect(check.description == "/m/train-images-idx3-ubyte.gz: checksum mismatch: the content is fashion-mnist's train-images-idx3-ubyte")
    }

    /// The real files, only when `LEARN_TEST_MNIST` names the MNIST folder.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"] != nil, "set LEARN_TEST_MNIST to the MNIST folder"))
    func realMNISTChecksums() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"])
        let checks = ContentChecksum.check(DatasetFolder(inspecting: folder), against: KnownDataset.mnist.contentSHA256)
        #expect(checks.allSatisfy { $0.passed }, "\(checks)")
    }
}
