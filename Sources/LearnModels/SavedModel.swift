import LearnData
import LearnTensor

/// A trained course network as saved in a model file: which network, its weights, and facts about
/// how it was trained (see ``ModelArchive`` for the file format).
public struct SavedModel {
    public var model: CourseNetwork
    public var network: Network
    /// Text facts: dataset, epochs, settings, test accuracy.
    public var facts: [String: String]

    public init(model: CourseNetwork, network: Network, facts: [String: String]) {
        self.model = model; self.network = network; self.facts = facts
    }

    /// The archive to write: `architecture` and `format` first, then the facts, then every parameter.
    public func archive() -> ModelArchive {
        var metadata = facts
        metadata["architecture"] = model.rawValue
        metadata["written by"] = "learn"
        return ModelArchive(metadata: metadata, tensors: network.parameters.map { ($0.name, $0.value) })
    }

    /// Rebuilds the network an archive describes and loads its weights. Throws when the architecture is
    /// unknown, a weight is missing, extra or of the wrong shape, or a weight is not a finite number
    /// (NaN or infinite: no trained network holds one, and every output it gave would be meaningless).
    public init(_ archive: ModelArchive) throws(ModelArchiveError) {
        guard let name = archive.metadata["architecture"] else { throw .malformed("no architecture named") }
        guard let model = CourseNetwork(rawValue: name) else {
            throw .malformed("unknown architecture '\(name)' (known: \(CourseNetwork.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let network = model.build(seed: 0)
        let parameters = network.parameters
        guard parameters.count == archive.tensors.count else {
            throw .malformed("\(name) has \(parameters.count) weight tensors, the file \(archive.tensors.count)")
        }
        for (parameter, stored) in zip(parameters, archive.tensors) {
            guard parameter.name == stored.name, parameter.value.shape == stored.tensor.shape else {
                throw .malformed("\(name) expects \(parameter.name) \(parameter.value.shape), the file has \(stored.name) \(stored.tensor.shape)")
            }
            if let i = stored.tensor.scalars.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteWeight(name: stored.name, index: i, value: stored.tensor.scalars[i])
            }
            parameter.value = stored.tensor
        }
        var facts = archive.metadata
        facts["architecture"] = nil
        facts["written by"] = nil
        try Self.check(facts)
        self.init(model: model, network: network, facts: facts)
    }

    /// The facts `learn train` writes, each with what a true one is: a file that says a model was
    /// trained for −5 epochs, at a learning rate of inf, or on an unknown dataset, was not written by
    /// `learn` (or was edited), and its facts would be printed as if they were so.
    static func check(_ facts: [String: String]) throws(ModelArchiveError) {
        func whole(_ key: String, from lowest: Int) throws(ModelArchiveError) {
            guard let text = facts[key] else { return }
            guard let n = Int(text), n >= lowest else { throw .malformed("its \(key) is '\(text)', not a whole number from \(lowest)") }
        }
        func number(_ key: String, in range: ClosedRange<Double>) throws(ModelArchiveError) {
            guard let text = facts[key] else { return }
            guard let x = Double(text), x.isFinite, range.contains(x) else {
                throw .malformed("its \(key) is '\(text)', not a number from \(range.lowerBound) to \(range.upperBound)")
            }
        }
        try whole("epochs", from: 1)
        try whole("batch", from: 1)
        try whole("training images", from: 1)
        try whole("shift", from: 0)
        if let text = facts["seed"], UInt64(text) == nil { throw .malformed("its seed is '\(text)', not a whole number from 0") }
        try number("learning rate", in: 0...100)
        try number("decay", in: 0...1)
        try number("weight decay", in: 0...1)
        try number("test accuracy", in: 0...1)
        if let name = facts["dataset"], KnownDataset.named(name) == nil {
            throw .malformed("its dataset is '\(name)' (known: \(KnownDataset.all.map(\.name).joined(separator: ", ")))")
        }
        if let name = facts["optimizer"], OptimizerChoice(rawValue: name) == nil {
            throw .malformed("its optimizer is '\(name)' (known: \(OptimizerChoice.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }
}
