import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// The `parallelism` derivation against the course networks' sizes worked out here by hand.
@Suite struct ParallelismTests {
    // The MLP, 784 → 625 → 10.
    static let mlpWeights = (784 * 625 + 625) + (625 * 10 + 10)
    static let mlpMultiplyAdds = 784 * 625 + 625 * 10
    // The CNN: conv 1 → 32 (3×3, 'full': 28 + 2·2 − 3 + 1 = 30), pool (ceil) → 15, conv 32 → 64 → 13, pool → 7,
    // conv 64 → 128 → 5, pool → 3, dense 128·3·3 = 1152 → 625 → 10.
    static let cnnWeights = (9 * 1 * 32 + 32) + (9 * 32 * 64 + 64) + (9 * 64 * 128 + 128) + (1152 * 625 + 625) + (625 * 10 + 10)
    static let cnnMultiplyAdds = 32 * 30 * 30 * 9 + 64 * 13 * 13 * 9 * 32 + 128 * 5 * 5 * 9 * 64 + 1152 * 625 + 625 * 10

    @Test func networksCountedByHand() throws {
        let t = try runDerivation(Parallelism.self)
        #expect(Self.mlpWeights == 496_885 && Self.cnnWeights == 819_557)
        #expect(t.value("mlp_parameters") == Double(Self.mlpWeights))
        #expect(t.value("cnn_parameters") == Double(Self.cnnWeights))
        #expect(t.value("mlp_multiply_adds") == Double(Self.mlpMultiplyAdds))
        #expect(t.value("cnn_multiply_adds") == Double(Self.cnnMultiplyAdds))
        #expect(Self.cnnMultiplyAdds == 5_943_658)
        #expect(t.value("mlp_gradient_bytes") == 1_987_540)
        #expect(t.value("cnn_gradient_bytes") == 3_278_228)
        #expect(t.value("mlp_training_flops") == Double(6 * Self.mlpMultiplyAdds))
        // The lesson's "twelve times the MLP's compute per image with only 1.65 times the weights".
        #expect((Double(Self.cnnMultiplyAdds) / Double(Self.mlpMultiplyAdds)).rounded() == 12)
        #expect((Double(Self.cnnWeights) / Double(Self.mlpWeights) * 100).rounded() / 100 == 1.65)
    }

    @Test func dataParallelTable() throws {
        let t = try runDerivation(Parallelism.self)
        for n in [1, 2, 4, 8] {
            // Compute: 3 × 2 FLOPs per multiply-add, B/N = 128/N images. Traffic: 2(N − 1)/N × 4 bytes per weight.
            #expect(t.value("mlp_flops_per_worker_\(n)") == Double(6 * Self.mlpMultiplyAdds * 128 / n))
            #expect(t.value("cnn_flops_per_worker_\(n)") == Double(6 * Self.cnnMultiplyAdds * 128 / n))
            #expect(t.value("mlp_sent_per_worker_\(n)") == Double(2 * (n - 1) * 4 * Self.mlpWeights) / Double(n))
            #expect(t.value("cnn_sent_per_worker_\(n)") == Double(2 * (n - 1) * 4 * Self.cnnWeights) / Double(n))
        }
        #expect(t.value("mlp_flops_per_worker_1") == 381_120_000)
        #expect(t.value("mlp_flops_per_worker_8") == 47_640_000)
        #expect(t.value("mlp_sent_per_worker_8") == 3_478_195)
        #expect(t.value("cnn_flops_per_worker_8") == 570_591_168)
        #expect(t.value("cnn_sent_per_worker_8") == 5_736_899)
    }

    @Test func modelParallelSplit() throws {
        let t = try runDerivation(Parallelism.self)
        // 128 images × 625 hidden outputs × 4 bytes, forward and (as gradients) back.
        #expect(t.value("activation_bytes") == 320_000)
        #expect(t.value("model_parallel_bytes") == 640_000)
        #expect(t.value("worker1_parameters") == 490_625 && t.value("worker2_parameters") == 6260)
    }

    @Test func workersBeyondTheBatchAreRefusedInOneLine() {
        #expect(throws: DerivationError.self) { try runDerivation(Parallelism.self, ["batch": "4", "workers": "8"]) }
        #expect(Parallelism.workerCounts(upTo: 6) == [1, 2, 4, 6])
        #expect(Parallelism.workerCounts(upTo: 1) == [1])
    }
}
