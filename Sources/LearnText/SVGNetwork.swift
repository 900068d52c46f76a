import Foundation
import LearnCore

/// Draws a `TraceNetwork` (the 2-2-2 network of the backprop lesson) as an SVG graph.
///
/// Layers run left to right, neurons as circles named inside (i₁, h₁, o₁), bias units as squares placed
/// between their layer and the next, below the neurons. Beside each neuron, what is computed in it
/// (`net_h1 = 0.3775`, `out_h1 = 0.593269992`, the target): above the first neuron of a layer, below
/// the last, right of any between (so the drawing stays narrow enough to print). On every
/// connection, a box with its weight and, when the
/// trace has them, ∂E/∂w (red) and the updated weight w⁺ (green); each box sits on its own line, moved
/// along it until it overlaps no neuron and no other box. A bias whose connections all carry the same
/// weight and nothing more shows that weight once, under the unit.
public struct SVGNetwork: Sendable {
    public let format: NumberFormat

    public init(format: NumberFormat = NumberFormat()) { self.format = format }

    static let fontSize = 15.0
    static let lineHeight = 19.0
    static let radius = 24.0
    static let layerGap = 340.0
    static let neuronGap = 250.0
    static let gradientColour = "#b3263a"
    static let updateColour = "#2e7d32"

    /// A rectangle, for keeping labels apart.
    struct Box {
        var x: Double, y: Double, w: Double, h: Double
        func overlap(_ o: Box) -> Double {
            max(0, min(x + w, o.x + o.w) - max(x, o.x)) * max(0, min(y + h, o.y + o.h) - max(y, o.y))
        }
    }

    /// Where each node sits.
    struct Layout {
        var position: [String: (x: Double, y: Double)] = [:]
        var width = 0.0
        var height = 0.0
        var labelSide: [String: Side] = [:]
    }

    enum Side { case right, above, below }

    /// The lines of text beside a node.
    func nodeLines(_ node: TraceNetwork.Node) -> [SVGText] {
        node.labels.map { SVGText.label($0.name, $0.value, format: format) }
    }

    /// A bias's one weight, when every connection from it carries that weight and nothing more.
    func sharedBiasWeight(_ n: TraceNetwork, _ node: TraceNetwork.Node) -> TraceNetwork.Label? {
        let edges = n.edges.filter { $0.from == node.name }
        guard node.isBias, let first = edges.first,
              edges.allSatisfy({ $0.weight == first.weight && $0.gradient == nil && $0.updated == nil }) else { return nil }
        return first.weight
    }

    func layout(_ n: TraceNetwork) -> Layout {
        var out = Layout()
        let layers = n.layerCount
        let neurons = (0..<layers).map { l in n.nodes.filter { $0.layer == l && !$0.isBias } }
        func halfWidest(_ nodes: [TraceNetwork.Node]) -> Double {
            (nodes.flatMap(nodeLines).map { $0.width(Self.fontSize) }.max() ?? 0) / 2
        }
        // The first neuron of a layer has its labels above it, the last below, any other on its right.
        for layer in neurons {
            for (k, node) in layer.enumerated() {
                out.labelSide[node.name] = k == 0 ? .above : k == layer.count - 1 ? .below : .right
            }
        }
        let left = max(Self.radius + 16, halfWidest(neurons.first ?? []) + 8)
        let right = max(Self.radius + 16, halfWidest(neurons.last ?? []) + 8)
        let most = neurons.map(\.count).max() ?? 1
        let aboveLines = neurons.compactMap { $0.first?.labels.count }.max() ?? 0
        let belowLines = neurons.compactMap { $0.count > 1 ? $0.last?.labels.count : nil }.max() ?? 0
        let top = 12 + Double(aboveLines) * Self.lineHeight + Self.radius + 8
        for l in 0..<layers {
            let x = left + Double(l) * Self.layerGap
            let offset = Double(most - neurons[l].count) * Self.neuronGap / 2
            for (k, node) in neurons[l].enumerated() {
                out.position[node.name] = (x, top + offset + Double(k) * Self.neuronGap)
            }
        }
        let lowest = top + Double(max(most - 1, 0)) * Self.neuronGap
        let labelsEnd = lowest + Self.radius + 8 + Double(belowLines) * Self.lineHeight
        let biasY = labelsEnd + 40
        var hasBias = false
        for node in n.nodes where node.isBias {
            hasBias = true
            out.position[node.name] = (left + (Double(node.layer) + 0.42) * Self.layerGap, biasY)
        }
        out.width = left + Double(max(layers - 1, 0)) * Self.layerGap + right
        out.height = hasBias ? biasY + 50 : labelsEnd + 12
        return out
    }

    public func draw(_ n: TraceNetwork) -> String {
        let layout = self.layout(n)
        let s = SVGNumber.string
        var out = "<svg class=\"figure network\" viewBox=\"0 0 \(s(layout.width)) \(s(layout.height))\" width=\"\(s(layout.width))\" role=\"img\">"
        out += "<title>\(HTMLEscape.text(n.title))</title>"
        var obstacles: [Box] = []
        var labels = ""
        // Neurons' labels.
        for node in n.nodes {
            guard let p = layout.position[node.name] else { continue }
            let r = Self.radius
            obstacles.append(Box(x: p.x - r - 4, y: p.y - r - 4, w: 2 * r + 8, h: 2 * r + 8))
            let lines = node.isBias ? (sharedBiasWeight(n, node).map { [SVGText.label($0.name, $0.value, format: format)] } ?? []) : nodeLines(node)
            guard !lines.isEmpty else { continue }
            let widths = lines.map { $0.width(Self.fontSize) }
            let w = widths.max() ?? 0, h = Double(lines.count) * Self.lineHeight
            var x: Double, y: Double, anchor: String
            switch node.isBias ? .below : (layout.labelSide[node.name] ?? .right) {
            case .right: (x, y, anchor) = (p.x + r + 10, p.y - h / 2 + 13, "start")
            case .above: (x, y, anchor) = (p.x, p.y - r - 8 - h + 14, "middle")
            case .below: (x, y, anchor) = (p.x, p.y + r + 8 + 14, "middle")
            }
            let boxX = anchor == "end" ? x - w : anchor == "middle" ? x - w / 2 : x
            obstacles.append(Box(x: boxX - 3, y: y - 14, w: w + 6, h: h + 2))
            for (k, line) in lines.enumerated() {
                labels += line.element(x: x, y: y + Double(k) * Self.lineHeight, size: Self.fontSize, anchor: anchor, fill: "#111")
            }
        }
        // Connections, then the boxes on them.
        var edges = "", boxes = ""
        for e in n.edges {
            guard let a = layout.position[e.from], let b = layout.position[e.to] else { continue }
            let bias = n.nodes.first { $0.name == e.from }?.isBias ?? false
            let (dx, dy) = (b.x - a.x, b.y - a.y)
            let length = max(hypot(dx, dy), 1)
            let (ux, uy) = (dx / length, dy / length)
            let startGap = bias ? 17.0 : Self.radius, endGap = Self.radius + 1
            let (x1, y1) = (a.x + ux * startGap, a.y + uy * startGap), (x2, y2) = (b.x - ux * endGap, b.y - uy * endGap)
            edges += "<line x1=\"\(s(x1))\" y1=\"\(s(y1))\" x2=\"\(s(x2 - ux * 8))\" y2=\"\(s(y2 - uy * 8))\" stroke=\"#777\" stroke-width=\"1.4\""
                + (bias ? " stroke-dasharray=\"5 3\"" : "") + "/>"
            // Arrowhead.
            let (px, py) = (-uy, ux)
            edges += "<path d=\"M\(s(x2)) \(s(y2))L\(s(x2 - ux * 10 + px * 4.5)) \(s(y2 - uy * 10 + py * 4.5))L\(s(x2 - ux * 10 - px * 4.5)) \(s(y2 - uy * 10 - py * 4.5))Z\" fill=\"#777\"/>"
            if bias, let node = n.nodes.first(where: { $0.name == e.from }), sharedBiasWeight(n, node) != nil { continue }
            var lines: [(SVGText, String)] = [(SVGText.label(e.weight.name, e.weight.value, format: format), "#111")]
            if let g = e.gradient { lines.append((SVGText.label(g.name, g.value, format: format), Self.gradientColour)) }
            if let u = e.updated { lines.append((SVGText.label(u.name, u.value, format: format), Self.updateColour)) }
            let w = (lines.map { $0.0.width(Self.fontSize) }.max() ?? 0) + 12
            let h = Double(lines.count) * Self.lineHeight + 6
            var best: (Box, Double)?
            // Level connections carry their box in the middle; slanted ones away from where they cross.
            let level = abs(dy) < 1
            let candidates = level ? [0.5, 0.42, 0.58, 0.35, 0.65] : [0.3, 0.7, 0.24, 0.76, 0.38, 0.62, 0.5, 0.18, 0.82]
            for t in candidates {
                let cx = a.x + dx * t, cy = a.y + dy * t
                let box = Box(x: cx - w / 2, y: cy - h / 2, w: w, h: h)
                let overlap = obstacles.reduce(0) { $0 + $1.overlap(box) }
                if best == nil || overlap < best!.1 { best = (box, overlap) }
                if overlap == 0 { break }
            }
            guard let (box, _) = best else { continue }
            obstacles.append(box)
            boxes += "<g class=\"edge-label\"><rect x=\"\(s(box.x))\" y=\"\(s(box.y))\" width=\"\(s(box.w))\" height=\"\(s(box.h))\" rx=\"4\" fill=\"white\" fill-opacity=\"0.94\" stroke=\"#bbb\" stroke-width=\"0.8\"/>"
            for (k, (text, colour)) in lines.enumerated() {
                boxes += text.element(x: box.x + box.w / 2, y: box.y + 4 + 14 + Double(k) * Self.lineHeight, size: Self.fontSize,
                                      anchor: "middle", fill: colour)
            }
            boxes += "</g>"
        }
        out += "<g class=\"edges\">" + edges + "</g>"
        // Nodes.
        out += "<g class=\"nodes\">"
        for node in n.nodes {
            guard let p = layout.position[node.name] else { continue }
            if node.isBias {
                out += "<rect x=\"\(s(p.x - 17))\" y=\"\(s(p.y - 17))\" width=\"34\" height=\"34\" rx=\"5\" fill=\"#f4f4f4\" stroke=\"#555\" stroke-width=\"1.5\"/>"
            } else {
                let fill = node.layer == 0 ? "#eef3fa" : node.layer == n.layerCount - 1 ? "#fbefe6" : "#eef7ee"
                out += "<circle cx=\"\(s(p.x))\" cy=\"\(s(p.y))\" r=\"\(s(Self.radius))\" fill=\"\(fill)\" stroke=\"#333\" stroke-width=\"1.6\"/>"
            }
            out += SVGText.symbol(node.name).element(x: p.x, y: p.y + 6, size: Self.fontSize + 3, anchor: "middle", fill: "#111")
        }
        out += "</g>" + "<g class=\"node-labels\">" + labels + "</g>" + boxes
        out += "</svg>"
        return out
    }
}
