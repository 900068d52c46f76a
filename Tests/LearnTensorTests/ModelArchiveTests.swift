import Testing
@testable import LearnTensor

@Suite struct ModelArchiveTests {
    let archive = ModelArchive(
        metadata: ["architecture": "mlp", "dataset": "mnist", "test accuracy": "0.9823"],
        tensors: [("dense1.weight", Tensor(shape: [2, 3], scalars: [1, -2, 0.5, .pi, -0.0, 1e-30])),
                  ("dense2.weight", Tensor(shape: [3], scalars: [7, 8, 9]))])

    @Test func roundTripKeepsEveryBit() throws {
        let decoded = try ModelArchive(decoding: archive.encoded())
        #expect(decoded == archive)
        #expect(decoded.tensors[0].tensor.scalars[4].sign == .minus)  // −0 survives as −0
    }

    @Test func layoutStartsWithMagicAndVersion() {
        let bytes = archive.encoded()
        #expect(Array(bytes.prefix(8)) == Array("LEARNMDL".utf8))
        #expect(Array(bytes[8..<12]) == [1, 0, 0, 0])
    }

    @Test func aForeignFileIsNotAModel() {
        #expect(throws: ModelArchiveError.notAModel) { try ModelArchive(decoding: Array("P5\n28 28\n255\n".utf8)) }
        #expect(throws: ModelArchiveError.notAModel) { try ModelArchive(decoding: []) }
    }

    @Test func everyTruncationIsCaught() {
        let bytes = archive.encoded()
        for length in 8..<bytes.count {
            #expect(throws: ModelArchiveError.self) { try ModelArchive(decoding: Array(bytes.prefix(length))) }
        }
    }

    @Test func everyDamagedByteIsCaught() {
        let bytes = archive.encoded()
        for i in 12..<bytes.count {
            var damaged = bytes
            damaged[i] ^= 0x10
            #expect(throws: ModelArchiveError.self) { try ModelArchive(decoding: damaged) }
        }
    }

    @Test func aNewerVersionIsNamed() {
        var bytes = archive.encoded()
        bytes[8] = 2
        #expect(throws: ModelArchiveError.unsupportedVersion(2)) { try ModelArchive(decoding: bytes) }
    }

    /// The FNV-1a 64 test vectors of its authors: "" and "a".
    @Test func checksumIsFNV1a() {
        #expect(ModelArchive.fnv1a([UInt8]()) == 0xcbf2_9ce4_8422_2325)
        #expect(ModelArchive.fnv1a(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
    }
}
