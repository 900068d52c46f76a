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
        self.init(model: model, network: network, facts: facts)
    }
}
