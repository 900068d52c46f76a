import Foundation
@testable import LearnData

/// Tiny datasets and byte strings built in the tests (never downloaded).
enum Fixture {
    /// A deterministic byte source (xorshift64*), so every run builds the same fixtures.
    struct Bytes {
        var state: UInt64
        init(seed: UInt64) { state = seed | 1 }
        mutating func next() -> UInt64 {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return state &* 0x2545_F491_4F6C_DD1D
        }
        mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next() >> 32) }
        mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in byte() } }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// `count` images of `rows × columns` random pixels.
    static func images(count: Int, rows: Int, columns: Int, seed: UInt64) -> IDX {
        var source = Bytes(seed: seed)
        return IDX(dimensions: [count, rows, columns], bytes: source.bytes(count * rows * columns))
    }

    /// `count` labels 0…9.
    static func labels(count: Int, seed: UInt64) -> IDX {
        var source = Bytes(seed: seed)
        return IDX(dimensions: [count], bytes: (0..<count).map { _ in UInt8(source.below(10)) })
    }

    /// A tiny dataset: 5 train and 3 test images of 4×3 pixels, as the IDX content of each file.
    static func tinyDataset(seed: UInt64 = 1) -> [DatasetFile: IDX] {
        [
            .trainImages: images(count: 5, rows: 4, columns: 3, seed: seed),
            .trainLabels: labels(count: 5, seed: seed + 1),
            .testImages: images(count: 3, rows: 4, columns: 3, seed: seed + 2),
            .testLabels: labels(count: 3, seed: seed + 3),
        ]
    }

    /// Writes `files` into `folder` (gzip-compressed under `NAME.gz` when `compressed`); returns the
    /// SHA-256 of each file's content.
    @discardableResult
    static func write(_ files: [DatasetFile: IDX], to folder: String, compressed: Bool) throws -> [DatasetFile: String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var checksums: [DatasetFile: String] = [:]
        for (file, idx) in files {
            let content = idx.encoded()
            checksums[file] = SHA256.hex(of: content)
            let name = compressed ? file.compressedName : file.fileName
            let bytes = compressed ? try Gzip.compress(content) : content
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        return checksums
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("learn-data-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The names in `folder`, sorted.
    static func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}
