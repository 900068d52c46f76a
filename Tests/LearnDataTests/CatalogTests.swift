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

    /// The real files, only when `LEARN_TEST_MNIST` names the MNIST folder.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"] != nil, "set LEARN_TEST_MNIST to the MNIST folder"))
    func realMNISTChecksums() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"])
        let checks = ContentChecksum.check(DatasetFolder(inspecting: folder), against: KnownDataset.mnist.contentSHA256)
        #expect(checks.allSatisfy { $0.passed }, "\(checks)")
    }
}
