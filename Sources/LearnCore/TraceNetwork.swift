/// A small layered network drawn as a graph: neurons with the values computed in them, connections
/// with their weights, gradients and updated weights (the 2-2-2 network of the backprop example).
///
/// Layer 0 holds the inputs; bias units sit in the layer of the inputs they feed from. Every label is
/// a quantity name of the trace (`out_h1`, `w5`), so a renderer can typeset it as the trace does.
public struct TraceNetwork: Sendable, Equatable {
    /// A named number shown beside a node: `net_h1 = 0.3775`.
    public struct Label: Sendable, Equatable {
        public var name: String
        public var value: Double
        public init(_ name: String, _ value: Double) { self.name = name; self.value = value }
    }

    /// A neuron, an input or a bias unit.
    public struct Node: Sendable, Equatable {
        /// The name in the circle: `i1`, `h1`, `o2`, `b1`.
        public var name: String
        public var layer: Int
        public var isBias: Bool
        /// What is computed in it, in order: `net_h1`, `out_h1`, …
        public var labels: [Label]
        public init(name: String, layer: Int, isBias: Bool = false, labels: [Label] = []) {
            self.name = name; self.layer = layer; self.isBias = isBias; self.labels = labels
        }
    }

    /// A connection and its weight.
    public struct Edge: Sendable, Equatable {
        public var from: String
        public var to: String
        /// The weight's name (`w5`) and value.
        public var weight: Label
        /// ∂E/∂w, when the backward pass has run.
        public var gradient: Label?
        /// The updated weight w⁺, when the update has been worked out.
        public var updated: Label?
        public init(from: String, to: String, weight: Label, gradient: Label? = nil, updated: Label? = nil) {
            self.from = from; self.to = to; self.weight = weight; self.gradient = gradient; self.updated = updated
        }
    }

    public var title: String
    public var nodes: [Node]
    public var edges: [Edge]

    public init(title: String, nodes: [Node], edges: [Edge]) {
        precondition(edges.allSatisfy { e in nodes.contains { $0.name == e.from } && nodes.contains { $0.name == e.to } },
                     "TraceNetwork: an edge names a node that is not in the network")
        self.title = title; self.nodes = nodes; self.edges = edges
    }

    /// The number of layers (the largest layer index plus one).
    public var layerCount: Int { (nodes.map(\.layer).max() ?? -1) + 1 }
}
