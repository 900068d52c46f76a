import Foundation
import Testing
@testable import LearnData

/// IDX parsing on bytes built in the test: good files, every kind of bad one, and random bytes.
@Suite struct IDXTests {
    /// A 2×3×2 image file written out by hand.
    static let handWritten: [UInt8] = [0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 2] + Array(0..<12)

    @Test func parsesAHandWrittenFile() throws {
        let idx = try IDX(parsing: Self.handWritten, file: "hand")
        #expect(idx.dimensions == [2, 3, 2])
        #expect(idx.bytes == Array(0..<12))
        #expect(idx.encoded() == Self.handWritten)
    }

    @Test func bigEndianDimensions() throws {
        let idx = try IDX(parsing: [0, 0, 8, 1, 0, 0, 0x01, 0x02] + [UInt8](repeating: 7, count: 258), file: "f")
        #expect(idx.dimensions == [258])
    }

    @Test func readsRawAndGzipFilesFromDisk() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let idx = Fixture.images(count: 7, rows: 5, columns: 6, seed: 9)
        try Data(idx.encoded()).write(to: URL(fileURLWithPath: folder + "/raw"))
        try Data(Gzip.compress(idx.encoded())).write(to: URL(fileURLWithPath: folder + "/packed.gz"))
        #expect(try IDX(contentsOf: folder + "/raw") == idx)
        #expect(try IDX(contentsOf: folder + "/packed.gz") == idx)
    }

    @Test func badMagic() {
        #expect(throws: IDXError.badMagic(file: "f", found: [0x1F, 0x8B, 0x08, 0x00])) {
            try IDX(parsing: [0x1F, 0x8B, 0x08, 0x00, 1, 2, 3], file: "f")
        }
        #expect(throws: IDXError.badMagic(file: "f", found: [0x50, 0x4B])) { try IDX(parsing: [0x50, 0x4B], file: "f") }
    }

    @Test func unsupportedType() {
        #expect(throws: IDXError.unsupportedType(file: "f", code: 0x0D)) { try IDX(parsing: [0, 0, 0x0D, 1, 0, 0, 0, 0], file: "f") }
    }

    @Test func truncatedHeaderAndData() {
        #expect(throws: IDXError.truncated(file: "f", expected: 4, got: 3)) { try IDX(parsing: [0, 0, 8], file: "f") }
        #expect(throws: IDXError.truncated(file: "f", expected: 16, got: 10)) { try IDX(parsing: Array(Self.handWritten[..<10]), file: "f") }
        #expect(throws: IDXError.truncated(file: "f", expected: 28, got: 27)) { try IDX(parsing: Array(Self.handWritten.dropLast()), file: "f") }
    }

    @Test func trailingBytes() {
        #expect(throws: IDXError.trailingBytes(file: "f", expected: 28, got: 30)) { try IDX(parsing: Self.handWritten + [1, 2], file: "f") }
    }

    @Test func dimensionsTooLargeForMemory() {
        let huge: [UInt8] = [0, 0, 8, 3] + [0xFF, 0xFF, 0xFF, 0xFF] + [0xFF, 0xFF, 0xFF, 0xFF] + [0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: IDXError.tooLarge(file: "f", dimensions: [4_294_967_295, 4_294_967_295, 4_294_967_295])) {
            try IDX(parsing: huge, file: "f")
        }
    }

    @Test func missingFileAndCorruptGzipNameTheFile() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: IDXError.cannotRead(file: folder + "/none", reason: "No such file or directory")) {
            try IDX(contentsOf: folder + "/none")
        }
        #expect(throws: IDXError.cannotRead(file: folder, reason: "is a folder, not a regular file")) { try IDX(contentsOf: folder) }
        let cut = Array(try Gzip.compress(Self.handWritten).dropLast(12))
        try Data(cut).write(to: URL(fileURLWithPath: folder + "/cut.gz"))
        do {
            _ = try IDX(contentsOf: folder + "/cut.gz")
            Issue.record("a cut gzip file parsed")
        } catch {
            guard case .gzip(let file, _) = error else { Issue.record("\(error)"); return }
            #expect(file == folder + "/cut.gz")
        }
    }

    @Test func everyErrorIsOneLineNamingTheFile() {
        let errors: [IDXError] = [
            .cannotRead(file: "F", reason: "r"), .gzip(file: "F", message: "m"), .badMagic(file: "F", found: [1, 2, 3, 4]),
            .badMagic(file: "F", found: []), .unsupportedType(file: "F", code: 9), .truncated(file: "F", expected: 9, got: 1),
            .trailingBytes(file: "F", expected: 1, got: 9), .tooLarge(file: "F", dimensions: [1, 2]),
            .wrongRank(file: "F", expected: 3, dimensions: [1]), .wrongRank(file: "F", expected: 1, dimensions: [1, 2]),
            .labelOutOfRange(file: "F", index: 1, label: 12), .countMismatch(images: "F", imageCount: 1, labels: "L", labelCount: 2),
            .imageSizeMismatch(file: "F", size: [1, 2], expected: [2, 2]),
        ]
        for error in errors {
            #expect(error.description.hasPrefix("F"), "\(error)")
            #expect(!error.description.contains("\n"), "\(error)")
            #expect(error.file == "F")
        }
        #expect(IDXError.badMagic(file: "F", found: [0x1F, 0x8B, 0, 1]).description.contains("1f 8b 00 01"))
    }

    /// Random bytes, every prefix of a good file, and good files with one byte changed: each parses or
    /// throws an `IDXError`, and none crashes.
    @Test func fuzz() throws {
        var source = Fixture.Bytes(seed: 2024)
        var parsed = 0, rejected = 0
        func attempt(_ bytes: [UInt8]) {
            do { _ = try IDX(parsing: bytes, file: "fuzz"); parsed += 1 } catch { rejected += 1 }
        }
        for _ in 0..<2000 { attempt(source.bytes(source.below(64))) }
        let good = Fixture.images(count: 3, rows: 2, columns: 2, seed: 5).encoded()
        for length in 0...good.count { attempt(Array(good[..<length])) }
        for _ in 0..<2000 {
            var mutated = good
            mutated[source.below(16)] = source.byte()  // a header byte
            attempt(mutated)
        }
        // Header-shaped noise: valid magic, random rank and sizes.
        for _ in 0..<2000 {
            let rank = source.below(5)
            attempt([0, 0, 8, UInt8(rank)] + source.bytes(4 * rank).map { $0 & 0x03 } + source.bytes(source.below(40)))
        }
        #expect(parsed + rejected == 2000 + good.count + 1 + 2000 + 2000)
        #expect(parsed > 0 && rejected > 0)
    }

    /// The same through files and gzip: random `.gz`-looking bytes never crash the reader.
    @Test func fuzzThroughGzip() throws {
        var source = Fixture.Bytes(seed: 77)
        let good = try Gzip.compress(Fixture.labels(count: 50, seed: 1).encoded())
        for _ in 0..<500 {
            var bytes = good
            for _ in 0..<(1 + source.below(4)) { bytes[2 + source.below(bytes.count - 2)] = source.byte() }
            if source.below(3) == 0 { bytes = Array(bytes[..<source.below(bytes.count)]) }
            do { _ = try IDX(parsing: try FileContentTesting.decode(bytes), file: "fuzz.gz") } catch {}
        }
    }
}

/// Decodes bytes as `FileContent.read` does, without a file.
enum FileContentTesting {
    static func decode(_ bytes: [UInt8]) throws -> [UInt8] { Gzip.isCompressed(bytes) ? try Gzip.decompress(bytes) : bytes }
}
