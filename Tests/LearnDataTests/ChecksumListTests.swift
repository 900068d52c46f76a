import Foundation
import Testing
@testable import LearnData

/// Reading `SHA256SUMS.content`-style lists: the format `sha256sum` writes, and every way one can be wrong.
@Suite struct ChecksumListTests {
    let a = String(repeating: "a", count: 64), b = String(repeating: "b", count: 64)
    let c = String(repeating: "c", count: 64), d = String(repeating: "d", count: 64)

    @Test func readsTheSha256sumFormat() throws {
        let text = """
            # content checksums
            \(a)  t10k-images-idx3-ubyte
            \(b.uppercased()) *t10k-labels-idx1-ubyte\r

            \(c)  mnist/train-images-idx3-ubyte
            \(d)\ttrain-labels-idx1-ubyte
            \(a)  README.md
            """
        let sums = try ChecksumList.parse(text, file: "SUMS")
        #expect(sums == [.testImages: a, .testLabels: b, .trainImages: c, .trainLabels: d])
    }

    @Test func errorsNameTheFileAndLine() {
        #expect(throws: ChecksumListError.malformed(file: "S", line: 2, message: "expected '64 hex digits, spaces, a file name', got 'abc  t10k-images-idx3-ubyte'")) {
            try ChecksumList.parse("\n abc  t10k-images-idx3-ubyte", file: "S")
        }
        #expect {
            try ChecksumList.parse("\(a)  train-images-idx3-ubyte.gz\n", file: "S")
        } throws: { error in
            guard case ChecksumListError.malformed("S", 1, let message) = error else { return false }
            return message.contains("compressed") && message.contains("SHA256SUMS.content")
        }
        #expect(throws: ChecksumListError.malformed(file: "S", line: 2, message: "a second, different checksum for train-images-idx3-ubyte")) {
            try ChecksumList.parse("\(a)  train-images-idx3-ubyte\n\(b)  train-images-idx3-ubyte\n", file: "S")
        }
        #expect(throws: ChecksumListError.incomplete(file: "S", missing: [.trainLabels, .testLabels])) {
            try ChecksumList.parse("\(a)  train-images-idx3-ubyte\n\(b)  t10k-images-idx3-ubyte\n", file: "S")
        }
        #expect(ChecksumListError.incomplete(file: "S", missing: [.trainLabels]).description == "S: no checksum for train-labels-idx1-ubyte")
    }

    @Test func readsAFileOrSaysWhyNot() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sums = try Fixture.write(Fixture.tinyDataset(), to: folder, compressed: true)
        let text = DatasetFile.allCases.map { "\(sums[$0]!)  \($0.fileName)\n" }.joined()
        try text.write(toFile: folder + "/SHA256SUMS.content", atomically: true, encoding: .utf8)
        #expect(try ChecksumList.read(folder + "/SHA256SUMS.content") == sums)
        #expect(throws: ChecksumListError.cannotRead(file: folder + "/none", reason: "No such file or directory")) {
            try ChecksumList.read(folder + "/none")
        }
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: folder + "/binary"))
        #expect(throws: ChecksumListError.malformed(file: folder + "/binary", line: nil, message: "not UTF-8 text")) {
            try ChecksumList.read(folder + "/binary")
        }
    }

    /// The catalogue agrees with the lists shipped beside the real data, when `LEARN_TEST_MNIST` names it.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"] != nil, "set LEARN_TEST_MNIST to the MNIST folder"))
    func theRealListMatchesTheCatalogue() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["LEARN_TEST_MNIST"])
        #expect(try ChecksumList.read(folder + "/SHA256SUMS.content") == KnownDataset.mnist.contentSHA256)
    }
}
