import Foundation
import LearnCore
import LearnModels
import LearnTensor

/// The ULB deck's "Data parallelism" and "Model parallelism" slides (course file 004, lines 980–1040)
/// made concrete for two of the course's networks, `mlp` (784 → 625 sigmoid → 10) and `cnn` (three 3×3
/// convolutions with pooling, 625 ReLU, 10), as ``CourseNetwork`` builds them.
///
/// Compute: a dense layer `in → out` does `in·out` multiply-adds per image and a convolution
/// `C′·H′·W′·K·K·C` (``Conv2DGeometry/multiplyAdds``); one multiply-add is 2 FLOPs. Backward costs
/// about twice the forward (∂L/∂W and ∂L/∂input, each a product of the same size), so a training step
/// costs 3 × forward per image — the usual estimate (Kaplan et al. 2020, "Scaling Laws for Neural
/// Language Models", section 2.1: 2N forward + 4N backward FLOPs per example for N weights). Bias
/// additions, activations and pooling are left out (under 1 % here).
///
/// Data parallelism with N workers: each worker runs `B/N` of the batch's `B` images, then the workers
/// add up their gradients. The gradient is as large as the weights (4 bytes per Float32 parameter); a
/// ring all-reduce sends `2(N − 1)/N` × its size per worker (Patarasuk & Yuan 2009, "Bandwidth optimal
/// all-reduce algorithms for clusters of workstations"): N − 1 steps to reduce-scatter and N − 1 to
/// all-gather, each moving one N-th of the gradient.
///
/// Model parallelism with two workers, the MLP cut after its hidden layer: per step worker 1 sends the
/// `B × 625` hidden activations forward and worker 2 sends their `B × 625` gradients back.
public enum Parallelism: Derivation {
    public static let name = "parallelism"
    public static let summary = "The ULB deck's data and model parallelism for the course MLP and CNN: FLOPs per image forward and backward, gradient bytes, per-worker compute and ring all-reduce traffic 2(N − 1)/N × gradient for N = 1, 2, 4, 8, and the activations a two-worker layer split sends."
    public static let sections = ["networks", "data-parallel", "model-parallel"]
    public static let parameters: [Parameter] = [
        .count("batch", 128, "images per step B (Radford's batch)", in: 1...65_536),
        .count("workers", 8, "the largest number of workers N in the table (1, 2, 4, … up to it)", in: 1...1024),
    ]

    /// One network's count: weights, multiply-adds per image forward, and its largest layer's output.
    struct Count {
        var name: String
        var parameters: Int
        var multiplyAdds: Int
        /// Per weight layer: its summary, its multiply-adds per image, its parameters.
        var layers: [(summary: String, multiplyAdds: Int, parameters: Int)]
    }

    /// Walks `network` on one 28 × 28 image, counting each dense and convolution layer's multiply-adds.
    static func count(_ network: Network, name: String) -> Count {
        var x = Tensor(zeros: [1, 1, 28, 28])
        var layers: [(String, Int, Int)] = []
        for layer in network.layers {
            let weights = layer.parameters.reduce(0) { $0 + $1.value.count }
            if let dense = layer as? Dense {
                layers.append((dense.summary, dense.inputCount * dense.outputCount, weights))
            } else if let conv = layer as? Conv2D {
                let g = Conv2DGeometry(input: x.shape, weight: conv.weight.value.shape, stride: conv.stride, padding: conv.padding)
                layers.append((conv.summary, g.multiplyAdds, weights))
            }
            x = layer.forward(x, training: false)
        }
        return Count(name: name, parameters: network.parameterCount, multiplyAdds: layers.reduce(0) { $0 + $1.1 },
                     layers: layers.map { (summary: $0.0, multiplyAdds: $0.1, parameters: $0.2) })
    }

    /// The worker counts of the table: 1, 2, 4, … up to `largest`, and `largest` itself.
    static func workerCounts(upTo largest: Int) -> [Int] {
        var n = [1], k = 2
        while k <= largest { n.append(k); k *= 2 }
        if n.last != largest { n.append(largest) }
        return n
    }

    public static func run(_ p: Parameters) throws(DerivationError) -> Trace {
        let (batch, largest) = (p.count("batch"), p.count("workers"))
        guard largest <= batch else {
            throw .badValue(name: "workers", value: String(largest), expected: "at most the batch (batch = \(batch)): each worker needs at least one image")
        }
        let counts = [count(CourseNetwork.mlp.build(seed: 1), name: "mlp"), count(CourseNetwork.cnn.build(seed: 1), name: "cnn")]
        var sheet = Worksheet(inputs: ["B": Double(batch), "bytes": 4])

        sheet.section("networks")
        for c in counts {
            sheet.add(TraceTable(title: "The course's `\(c.name)`: multiply-adds per image, layer by layer", columns: ["layer", "multiply-adds per image", "weights + biases"],
                                 rows: c.layers.map { [.text($0.summary), .number(Double($0.multiplyAdds)), .number(Double($0.parameters))] }
                                     + [[.text("total"), .number(Double(c.multiplyAdds)), .number(Double(c.parameters))]]))
            sheet.record("\(c.name)_parameters", Double(c.parameters))
            sheet.record("\(c.name)_multiply_adds", Double(c.multiplyAdds))
            sheet.derive("\(c.name)_forward_flops", symbol: .text(plain: "forward FLOPs per image (\(c.name))", latex: "\\text{forward FLOPs per image (\(c.name))}"),
                         .product([2, .symbol("\(c.name)_multiply_adds")]), value: Double(2 * c.multiplyAdds), note: "A multiply-add is two floating-point operations.")
            sheet.derive("\(c.name)_training_flops", symbol: .text(plain: "training FLOPs per image (\(c.name))", latex: "\\text{training FLOPs per image (\(c.name))}"),
                         .product([3, .symbol("\(c.name)_forward_flops")]), value: Double(6 * c.multiplyAdds),
                         note: "Forward once, backward about twice (∂L/∂W and ∂L/∂input).")
            sheet.derive("\(c.name)_gradient_bytes", symbol: .text(plain: "gradient bytes (\(c.name))", latex: "\\text{gradient bytes (\(c.name))}"),
                         .product(["bytes", .symbol("\(c.name)_parameters")]), value: Double(4 * c.parameters),
                         note: "One Float32 (4 bytes) per weight and bias: what the workers must add up after every step.")
            sheet.derive("\(c.name)_flops_per_parameter", symbol: .text(plain: "forward FLOPs per weight (\(c.name))", latex: "\\text{forward FLOPs per weight (\(c.name))}"),
                         .quotient(.text(plain: "forward FLOPs", latex: "\\text{forward FLOPs}"), .text(plain: "weights", latex: "\\text{weights}")), value: Double(2 * c.multiplyAdds) / Double(c.parameters))
        }
        sheet.note("A dense weight is used once per image (2 FLOPs); a convolution weight is used at every position of its feature map. The CNN does more work per weight than the MLP, so it has more computation to hide each byte of gradient behind.")

        sheet.section("data-parallel")
        for c in counts {
            var rows: [[TraceTable.Cell]] = []
            let gradient = Double(4 * c.parameters), perImage = Double(6 * c.multiplyAdds)
            for n in workerCounts(upTo: largest) {
                let share = Double(batch) / Double(n)
                let flops = perImage * share
                let sent = 2 * Double(n - 1) / Double(n) * gradient
                rows.append([.number(Double(n)), .number(share), .number(flops), .number(sent), sent > 0 ? .number(flops / sent) : .text("no traffic")])
                if n == 1 || n == 2 || n == 4 || n == 8 || n == largest {
                    sheet.record("\(c.name)_flops_per_worker_\(n)", flops)
                    sheet.record("\(c.name)_sent_per_worker_\(n)", sent)
                }
            }
            sheet.add(TraceTable(title: "`\(c.name)`, B = \(batch): per worker and step, compute = \(NumberFormat().string(perImage)) FLOPs × B/N; sent = 2(N − 1)/N × \(NumberFormat().string(gradient)) bytes",
                                 columns: ["N", "images per worker B/N", "FLOPs per worker", "bytes sent per worker", "FLOPs per byte sent"], rows: rows))
        }
        if largest >= 2 {
            let mlp = counts[0]
            sheet.derive("mlp_allreduce_factor_2", symbol: .text(plain: "2(N − 1)/N at N = 2", latex: "2(N-1)/N \\text{ at } N = 2"),
                         .quotient(.product([2, .parentheses(.difference(2, 1))]), 2), value: 1,
                         note: "With two workers each sends exactly one gradient's worth (\(NumberFormat().string(Double(4 * mlp.parameters))) bytes for the MLP); the factor approaches 2 as N grows, so the traffic per worker hardly grows with N while its compute shrinks as 1/N.")
        }
        sheet.note("Compute per worker falls as 1/N, traffic per worker does not fall (it tends to twice the gradient): this is why data parallelism scales only while each worker has enough images to keep busy, and why the deck says the workers must \"sync models\".")

        sheet.section("model-parallel")
        let hidden = 625
        sheet.record("hidden_units", Double(hidden))
        sheet.derive("activation_bytes", symbol: .text(plain: "activation bytes per step, each way", latex: "\\text{activation bytes per step, each way}"),
                     .product(["B", "hidden_units", "bytes"]), value: Double(batch * hidden * 4),
                     note: "The MLP split after its hidden layer: worker 1 (784 → 625) sends B hidden outputs forward; worker 2 (625 → 10) sends their gradients back, as many bytes.")
        sheet.derive("model_parallel_bytes", symbol: .text(plain: "bytes between the two workers per step", latex: "\\text{bytes between the two workers per step}"),
                     .product([2, "activation_bytes"]), value: Double(2 * batch * hidden * 4))
        let split = counts[0].layers
        if split.count == 2 {
            sheet.record("worker1_parameters", Double(split[0].parameters))
            sheet.record("worker2_parameters", Double(split[1].parameters))
        }
        sheet.note("Each worker holds only its layer's weights (the deck: \"allows large models to be distributed\"), but worker 2 cannot start before worker 1's activations arrive and worker 1 waits for the gradients back: the two take turns unless the batch is cut into smaller pieces and pipelined, and they talk at every layer boundary of every step (\"much more frequent communication\").")
        return sheet.trace
    }
}
