import Foundation
import Testing
@testable import LearnData

/// Loading a dataset folder: the four files, raw or gzip, and each consistency check.
@Suite struct DatasetTests {
    @Test(arguments: [false, true])
    func loadsATinyDataset(compressed: Bool) throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = Fixture.tinyDataset()
        try Fixture.write(files, to: folder, compressed: compressed)
        let dataset = try Dataset.load(name: "tiny", from: folder)
        #expect(dataset.name == "tiny")
        #expect(dataset.rows == 4 && dataset.columns == 3 && dataset.pixelsPerImage == 12)
        #expect(dataset.train.count == 5 && dataset.test.count == 3)
        #expect(dataset.train.images == files[.trainImages]?.bytes)
        #expect(dataset.train.labels == files[.trainLabels]?.bytes)
        #expect(dataset.test.images == files[.testImages]?.bytes)
        #expect(dataset.test.labels == files[.testLabels]?.bytes)
    }

    @Test func oneSplitAlone() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files = Fixture.tinyDataset()
        let trainImages = files[.trainImages]!
        files[.trainImages] = nil                                    // the test split needs no train files
        try Fixture.write(files, to: folder, compressed: true)
        let test = try Dataset.loadSplit(.test, from: folder)
        #expect(test.rows == 4 && test.columns == 3 && test.split.count == 3)
        #expect(test.split.labels == files[.testLabels]?.bytes)
        #expect(Array(test.split.image(2, pixels: 12)) == Array(files[.testImages]!.bytes[24..<36]))
        #expect(throws: IDXError.cannotRead(file: folder + "/train-images-idx3-ubyte[.gz]", reason: "no such file")) {
            try Dataset.loadSplit(.train, from: folder)
        }
        try Fixture.write([.trainImages: trainImages], to: folder, compressed: false)
        #expect(try Dataset.loadSplit(.train, from: folder).split.images == trainImages.bytes)
        #expect(Dataset.SplitName(rawValue: "test") == .test && Dataset.SplitName.train.files.labels == .trainLabels)
    }

    @Test func rawAndGzipMayBeMixed() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files = Fixture.tinyDataset()
        let test = [DatasetFile.testImages: files[.testImages]!, .testLabels: files[.testLabels]!]
        files[.testImages] = nil; files[.testLabels] = nil
        try Fixture.write(files, to: folder, compressed: true)
        try Fixture.write(test, to: folder, compressed: false)
        #expect(DatasetFolder(inspecting: folder).storage == "mixed")
        #expect(try Dataset.load(name: "tiny", from: folder).test.count == 3)
    }

    @Test func countMismatch() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files = Fixture.tinyDataset()
        files[.trainLabels] = Fixture.labels(count: 4, seed: 1)
        try Fixture.write(files, to: folder, compressed: false)
        #expect(throws: IDXError.countMismatch(images: folder + "/train-images-idx3-ubyte", imageCount: 5,
                                               labels: folder + "/train-labels-idx1-ubyte", labelCount: 4)) {
            try Dataset.load(name: "tiny", from: folder)
        }
    }

    /// Images of 0 × 0 pixels are refused by every loader (`data show` loads one split).
    @Test func imagesOfNoPixelsAreRefused() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files = Fixture.tinyDataset()
        files[.testImages] = IDX(dimensions: [3, 0, 0], bytes: [])
        try Fixture.write(files, to: folder, compressed: false)
        let expected = IDXError.emptyImages(file: folder + "/t10k-images-idx3-ubyte", size: [0, 0])
        #expect(throws: expected) { try Dataset.loadSplit(.test, from: folder) }
        #expect(throws: expected) { try Dataset.load(name: "tiny", from: folder) }
        #expect(expected.description.hasSuffix("t10k-images-idx3-ubyte: images of 0×0 pixels hold nothing to read"))
    }

    @Test func labelsMustBeDigits() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files = Fixture.tinyDataset()
        files[.testLabels] = IDX(dimensions: [3], bytes: [1, 10, 2])
        try Fixture.write(files, to: folder, compressed: true)
        #expect(throws: IDXError.labelOutOfRange(file: folder + "/t10k-labels-idx1-ubyte.gz", index: 1, label: 10)) {
            try Dataset.load(name: "tiny", from: folder)
        }
    }

    @Test func imagesNeedThreeDimensionsAndLabelsOne() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files = Fixture.tinyDataset()
        files[.trainImages] = IDX(dimensions: [5, 12], bytes: [UInt8](repeating: 0, count: 60))
        try Fixture.write(files, to: folder, compressed: false)
        #expect(throws: IDXError.wrongRank(file: folder + "/train-images-idx3-ubyte", expected: 3, dimensions: [5, 12])) {
            try Dataset.load(name: "tiny", from: folder)
        }
        files = Fixture.tinyDataset()
        files[.trainLabels] = IDX(dimensions: [5, 1], bytes: [1, 2, 3, 4, 5])
        try Fixture.write(files, to: folder, compressed: false)
        #expect(throws: IDXError.wrongRank(file: folder + "/train-labels-idx1-ubyte", expected: 1, dimensions: [5, 1])) {
            try Dataset.load(name: "tiny", from: folder)
        }
    }

    @Test func trainAndTestImagesHaveOneSize() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files = Fixture.tinyDataset()
        files[.testImages] = Fixture.images(count: 3, rows: 3, columns: 4, seed: 1)
        try Fixture.write(files, to: folder, compressed: false)
        #expect(throws: IDXError.imageSizeMismatch(file: folder + "/t10k-images-idx3-ubyte", size: [3, 4], expected: [4, 3])) {
            try Dataset.load(name: "tiny", from: folder)
        }
    }

    @Test func aMissingFileIsNamed() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files = Fixture.tinyDataset()
        files[.testLabels] = nil
        try Fixture.write(files, to: folder, compressed: true)
        #expect(throws: IDXError.cannotRead(file: folder + "/t10k-labels-idx1-ubyte[.gz]", reason: "no such file")) {
            try Dataset.load(name: "tiny", from: folder)
        }
        #expect(throws: IDXError.cannotRead(file: folder + "/nowhere/train-images-idx3-ubyte[.gz]", reason: "no such folder")) {
            try Dataset.load(name: "tiny", from: folder + "/nowhere")
        }
    }

    /// The real MNIST, only when `LEARN_TEST_MNIST` names its folder.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"] != nil, "set LEARN_TEST_MNIST to the MNIST folder"))
    func realMNIST() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"])
        let mnist = try Dataset.load(name: "mnist", from: folder)
        #expect(mnist.train.count == 60_000 && mnist.test.count == 10_000)
        #expect(mnist.rows == 28 && mnist.columns == 28)
        #expect(Array(mnist.train.labels.prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        #expect(Array(mnist.test.labels.prefix(5)) == [7, 2, 1, 0, 4])
    }
}
