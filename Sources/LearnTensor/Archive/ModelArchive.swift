/// The bytes of a saved model: what it is (text metadata) and its named weight tensors.
///
/// Format, version 1 (all integers little-endian):
/// ```
/// "LEARNMDL"                      8 bytes, the magic
/// version                         UInt32 (1)
/// metadata length, metadata       UInt32, then UTF-8 lines "key=value\n"
/// tensor count                    UInt32
/// per tensor:  name length, name  UInt16, UTF-8
///              rank, dimensions   UInt8, rank × UInt32
///              elements           count × Float32 (IEEE 754 bits), row-major
/// checksum                        UInt64, FNV-1a of every byte before it
/// ```
/// The checksum catches a truncated or damaged file; the magic and version a foreign or newer one.
/// Writing the bytes to disk atomically is the caller's job.
public struct ModelArchive: Equatable, Sendable {
    /// The magic bytes that start every model file.
    public static let magic = Array("LEARNMDL".utf8)
    /// The format version this build writes and reads.
    public static let version: UInt32 = 1

    /// Text facts about the model: its architecture, the dataset, settings, accuracy. Keys and values
    /// hold no newline; keys hold no `=`.
    public var metadata: [String: String]
    /// The weight tensors in the order of the network's parameters.
    public var tensors: [(name: String, tensor: Tensor)]

    public init(metadata: [String: String], tensors: [(name: String, tensor: Tensor)]) {
        self.metadata = metadata
        self.tensors = tensors
    }

    public static func == (a: ModelArchive, b: ModelArchive) -> Bool {
        a.metadata == b.metadata && a.tensors.count == b.tensors.count
            && zip(a.tensors, b.tensors).allSatisfy { $0.name == $1.name && $0.tensor == $1.tensor }
    }

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var out = ByteWriter()
        out.bytes += Self.magic
        out.append(Self.version)
        let text = metadata.sorted { $0.key < $1.key }.map { key, value in
            precondition(!key.contains("=") && !key.contains("\n") && !value.contains("\n"),
                         "ModelArchive: metadata \(key)=\(value) holds '=' in the key or a newline")
            return "\(key)=\(value)\n"
        }.joined()
        out.append(UInt32(text.utf8.count))
        out.bytes += Array(text.utf8)
        out.append(UInt32(tensors.count))
        for (name, tensor) in tensors {
            let nameBytes = Array(name.utf8)
            precondition(nameBytes.count <= Int(UInt16.max) && tensor.rank <= Int(UInt8.max), "ModelArchive: tensor \(name) too large to name")
            out.append(UInt16(nameBytes.count))
            out.bytes += nameBytes
            out.bytes.append(UInt8(tensor.rank))
            for d in tensor.shape { out.append(UInt32(d)) }
            out.bytes.reserveCapacity(out.bytes.count + 4 * tensor.count + 8)
            for x in tensor.scalars { out.append(x.bitPattern) }
        }
        out.append(Self.fnv1a(out.bytes))
        return out.bytes
    }

    /// Reads the bytes of a model file. Throws ``ModelArchiveError`` for a foreign, newer, truncated or
    /// damaged file.
    public init(decoding bytes: [UInt8]) throws(ModelArchiveError) {
        guard bytes.count >= Self.magic.count, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            throw .notAModel
        }
        guard bytes.count >= Self.magic.count + 4 + 8 else { throw .truncated }
        let body = bytes.count - 8
        var reader = ByteReader(bytes: bytes, position: Self.magic.count, end: body)
        let version = try reader.uint32()
        guard version == Self.version else { throw .unsupportedVersion(Int(version)) }
        let stored = ByteReader.uint64(bytes, at: body)
        guard stored == Self.fnv1a(bytes[..<body]) else { throw .checksumMismatch }

        let text = try reader.string(count: Int(try reader.uint32()))
        var metadata: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { throw .malformed("metadata line '\(line)' has no '='") }
            metadata[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        var tensors: [(name: String, tensor: Tensor)] = []
        let count = Int(try reader.uint32())
        for _ in 0..<count {
            let name = try reader.string(count: Int(try reader.uint16()))
            let rank = Int(try reader.uint8())
            var shape: [Int] = []
            for _ in 0..<rank { shape.append(Int(try reader.uint32())) }
            let elements = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            guard elements <= (body - reader.position) / 4 else { throw .truncated }
            var scalars = [Float](repeating: 0, count: elements)
            for i in 0..<elements { scalars[i] = Float(bitPattern: try reader.uint32()) }
            tensors.append((name, Tensor(shape: shape, scalars: scalars)))
        }
        guard reader.position == body else { throw .malformed("\(body - reader.position) unexpected bytes after the last tensor") }
        self.init(metadata: metadata, tensors: tensors)
    }

    /// 64-bit FNV-1a: a fast checksum that any single damaged byte changes.
    static func fnv1a<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}

/// Why the bytes of a model file could not be read.
public enum ModelArchiveError: Error, Equatable, CustomStringConvertible {
    /// The file does not start with `LEARNMDL`: not a `learn` model.
    case notAModel
    /// Written by a newer (or unknown) format version.
    case unsupportedVersion(Int)
    /// The file ends early.
    case truncated
    /// The checksum does not match: the file was damaged.
    case checksumMismatch
    /// The structure is wrong in a way the checksum did not catch.
    case malformed(String)
    /// Element `index` (row-major, from 0) of the weight tensor `name` is NaN or infinite.
    case nonFiniteWeight(name: String, index: Int, value: Float)

    public var description: String {
        switch self {
        case .notAModel: return "not a learn model file (no LEARNMDL header)"
        case .unsupportedVersion(let v): return "model file format version \(v); this learn reads version \(ModelArchive.version)"
        case .truncated: return "the model file is truncated"
        case .checksumMismatch: return "the model file is damaged or truncated (checksum mismatch)"
        case .malformed(let what): return "the model file is malformed: \(what)"
        case .nonFiniteWeight(let name, let index, let value):
            return "weight \(index) of \(name) is \(value.isNaN ? "NaN (not a number)" : value < 0 ? "negative infinity" : "positive infinity"); a model's weights must all be finite numbers"
        }
    }
}
