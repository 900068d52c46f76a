import Foundation
import Testing
@testable import LearnData

/// gzip through zlib: round trips, several members, and clear errors for corrupt or cut-off data.
@Suite struct GzipTests {
    @Test(arguments: [0, 1, 100, 65_536, 1_000_003])
    func roundTrip(size: Int) throws {
        var source = Fixture.Bytes(seed: UInt64(size) + 7)
        // Half random, half runs, so that deflate has something to compress.
        let bytes = source.bytes(size / 2) + [UInt8](repeating: 42, count: size - size / 2)
        let compressed = try Gzip.compress(bytes)
        #expect(Gzip.isCompressed(compressed))
        #expect(try Gzip.decompress(compressed) == bytes)
    }

    @Test func multipleMembersAreConcatenated() throws {
        let a = Array("first member\n".utf8), b = Array("second member\n".utf8)
        let joined = try Gzip.compress(a) + Gzip.compress(b, level: 9)
        #expect(try Gzip.decompress(joined) == a + b)
    }

    @Test func trailingZerosAreIgnoredButOtherGarbageIsNot() throws {
        let bytes = Array("padded".utf8)
        let compressed = try Gzip.compress(bytes)
        #expect(try Gzip.decompress(compressed + [0, 0, 0, 0]) == bytes)
        #expect(throws: GzipError.self) { try Gzip.decompress(compressed + [1, 2, 3]) }
    }

    @Test func notGzip() {
        #expect(throws: GzipError("not gzip data (no 1f 8b magic)")) { try Gzip.decompress(Array("hello".utf8)) }
        #expect(throws: GzipError.self) { try Gzip.decompress([]) }
    }

    @Test func corruptDataIsAnError() throws {
        var source = Fixture.Bytes(seed: 3)
        var compressed = try Gzip.compress(source.bytes(10_000))
        for i in stride(from: 20, to: compressed.count - 8, by: 97) { compressed[i] ^= 0x5A }
        #expect(throws: GzipError.self) { try Gzip.decompress(compressed) }
    }

    @Test func everyCutOffPrefixIsAnErrorNotACrash() throws {
        let bytes = Array(String(repeating: "the quick brown fox ", count: 50).utf8)
        let compressed = try Gzip.compress(bytes)
        for length in 0..<compressed.count {
            #expect(throws: GzipError.self, "prefix of \(length) bytes") { try Gzip.decompress(Array(compressed[..<length])) }
        }
    }

    @Test func theErrorForACutOffFileSaysSo() throws {
        let compressed = try Gzip.compress(Array(repeating: 1, count: 5000))
        do {
            _ = try Gzip.decompress(Array(compressed.dropLast(10)))
            Issue.record("a cut-off file decompressed")
        } catch {
            #expect(error.description.contains("cut off"), "\(error)")
        }
    }
}
