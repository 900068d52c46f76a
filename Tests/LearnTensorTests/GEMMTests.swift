import Testing
@testable import LearnTensor

/// The four (opA, opB) combinations.
private let transpositions = Transposition.allCases.flatMap { opA in Transposition.allCases.map { (opA, $0) } }
/// Sizes around the 6 × 16 micro-tile and its multiples.
private let raggedSizes = [1, 3, 15, 16, 17, 33, 65]

@Suite("gemm against gemmReference")
struct GEMMTests {
    @Test("every m, n, k in 1, 3, 15, 16, 17, 33, 65", arguments: transpositions)
    func raggedShapes(opA: Transposition, opB: Transposition) {
        for m in raggedSizes {
            for n in raggedSizes {
                for k in raggedSizes {
                    let problem = GEMMProblem(opA, opB, m: m, n: n, k: k)
                    let wrong = problem.mismatches(problem.fast(alpha: 1, beta: 0), alpha: 1, beta: 0)
                    #expect(wrong.isEmpty, "\(opA) \(opB) m = \(m) n = \(n) k = \(k): \(wrong.prefix(3))")
                }
            }
        }
    }

    @Test("larger shapes, one and two threads", arguments: transpositions)
    func largerShapes(opA: Transposition, opB: Transposition) {
        for (m, n, k) in [(130, 97, 211), (97, 130, 300), (300, 40, 513), (7, 700, 70)] {
            let problem = GEMMProblem(opA, opB, m: m, n: n, k: k)
            for threads in [1, 2] {
                let wrong = problem.mismatches(problem.fast(alpha: 1, beta: 0, threads: threads), alpha: 1, beta: 0)
                #expect(wrong.isEmpty, "\(opA) \(opB) \(m)×\(n)×\(k), \(threads) threads: \(wrong.prefix(3))")
            }
        }
    }

    @Test("alpha and beta; beta = 0 ignores NaN in C", arguments: transpositions)
    func alphaBeta(opA: Transposition, opB: Transposition) {
        for (alpha, beta) in [(1, 1), (-0.5, 0.25), (2, -1), (0, 0.5), (0, 0), (1.5, 0)] as [(Float, Float)] {
            for (m, n, k) in [(17, 33, 15), (65, 16, 300)] {
                let problem = GEMMProblem(opA, opB, m: m, n: n, k: k, cFill: beta == 0 ? .nan : nil)
                let wrong = problem.mismatches(problem.fast(alpha: alpha, beta: beta), alpha: alpha, beta: beta)
                #expect(wrong.isEmpty, "\(opA) \(opB) \(m)×\(n)×\(k) alpha \(alpha) beta \(beta): \(wrong.prefix(3))")
            }
        }
    }

    @Test("leading dimensions wider than the matrices (padding holds NaN and is never read or written)",
          arguments: transpositions)
    func leadingDimensions(opA: Transposition, opB: Transposition) {
        for (m, n, k) in [(3, 17, 33), (33, 15, 16), (130, 97, 211)] {
            let problem = GEMMProblem(opA, opB, m: m, n: n, k: k, extra: 5)
            let wrong = problem.mismatches(problem.fast(alpha: 0.75, beta: 0.5), alpha: 0.75, beta: 0.5)
            #expect(wrong.isEmpty, "\(opA) \(opB) \(m)×\(n)×\(k) with ld + 5: \(wrong.prefix(3))")
        }
    }

    @Test("tiny blocks: many row, column and depth passes, and three threads", arguments: transpositions)
    func tinyBlocking(opA: Transposition, opB: Transposition) {
        let blocking = GEMMBlocking(mc: 12, kc: 7, nc: 32)
        for (m, n, k) in [(50, 70, 30), (13, 100, 15), (100, 13, 8)] {
            let problem = GEMMProblem(opA, opB, m: m, n: n, k: k, extra: 2)
            for threads in [1, 3] {
                let result = problem.fast(alpha: -1, beta: 2, blocking: blocking, threads: threads, minimumFlopsPerThread: 0)
                let wrong = problem.mismatches(result, alpha: -1, beta: 2)
                #expect(wrong.isEmpty, "\(opA) \(opB) \(m)×\(n)×\(k), \(threads) threads: \(wrong.prefix(3))")
            }
        }
    }

    @Test("A read in place (the Winograd GEMMs): ragged rows, several depth passes, NaN padding never read",
          arguments: transpositions)
    func inPlaceA(opA: Transposition, opB: Transposition) {
        for (m, n, k) in [(1, 16, 5), (6, 17, 33), (13, 40, 300), (50, 70, 30), (294, 64, 32)] {
            let problem = GEMMProblem(opA, opB, m: m, n: n, k: k, extra: 3)
            for blocking in [GEMMBlocking.default, GEMMBlocking(mc: 12, kc: 7, nc: 32)] {
                for (alpha, beta): (Float, Float) in [(1, 0), (-1, 2)] {
                    let wrong = problem.mismatches(problem.fastInPlaceA(alpha: alpha, beta: beta, blocking: blocking), alpha: alpha, beta: beta)
                    #expect(wrong.isEmpty, "\(opA) \(opB) \(m)×\(n)×\(k), mc \(blocking.mc): \(wrong.prefix(3))")
                }
            }
        }
    }

    @Test("k = 0 gives beta · C, and C = 0 when beta = 0 even over NaN")
    func emptyDepth() {
        for beta in [0, 1, -2] as [Float] {
            let problem = GEMMProblem(.identity, .transposed, m: 5, n: 19, k: 0, cFill: beta == 0 ? .nan : nil)
            let wrong = problem.mismatches(problem.fast(alpha: 1, beta: beta), alpha: 1, beta: beta)
            #expect(wrong.isEmpty, "beta \(beta): \(wrong.prefix(3))")
        }
    }

    @Test("the array wrapper: dense storage, m or n = 0 leaves C alone")
    func arrayWrapper() {
        let a: [Float] = [1, 2, 3, 4, 5, 6]  // [2 × 3]
        let b: [Float] = [1, 0, 0, 1, 1, 1]  // [3 × 2]
        var c = [Float](repeating: .nan, count: 4)
        gemm(m: 2, n: 2, k: 3, a: a, b: b, c: &c)
        #expect(c == [4, 5, 10, 11])
        // Aᵀ · A with A = [2 × 3] stored as is: op(A) = Aᵀ is [3 × 2], op(B) = A is [2 × 3].
        var gram = [Float](repeating: 0, count: 9)
        gemm(opA: .transposed, m: 3, n: 3, k: 2, a: a, b: a, c: &gram)
        #expect(gram == [17, 22, 27, 22, 29, 36, 27, 36, 45])
        var empty: [Float] = []
        gemm(m: 0, n: 4, k: 3, a: [], b: [Float](repeating: 1, count: 12), c: &empty)
        #expect(empty.isEmpty)
    }

    @Test("the thread plan keeps small products on one thread and splits the wider side")
    func threadPlan() {
        #expect(gemmThreadPlan(m: 128, n: 10, k: 625, maxThreads: 2).threads == 1)
        let wide = gemmThreadPlan(m: 128, n: 625, k: 784, maxThreads: 2)
        #expect(wide.threads == 2 && wide.splitColumns && wide.tiles == 40)
        let tall = gemmThreadPlan(m: 784, n: 625, k: 128, maxThreads: 2)
        #expect(tall.threads == 2 && !tall.splitColumns && tall.tiles == 131)
        #expect(gemmThreadPlan(m: 3, n: 3, k: 100_000, maxThreads: 2).threads == 1)  // one tile each way
    }

    @Test("bad leading dimensions stop the process with the shapes in the message")
    func badLeadingDimension() async {
        await #expect(processExitsWith: .failure) {
            let a = [Float](repeating: 1, count: 12), b = [Float](repeating: 1, count: 12)
            var c = [Float](repeating: 0, count: 9)
            a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in
                gemm(m: 3, n: 3, k: 4, a: a.baseAddress!, lda: 3, b: b.baseAddress!, ldb: 3, c: &c, ldc: 3)
            } }
        }
        await #expect(processExitsWith: .failure) {
            var c = [Float](repeating: 0, count: 4)
            gemm(m: 2, n: 2, k: 3, a: [1, 2, 3], b: [1, 2, 3, 4, 5, 6], c: &c)
        }
    }

    @Test("the packing's 8 × 8 transpose in registers")
    func transposeInRegisters() {
        func row(_ r: Int) -> SIMD8<Float> { SIMD8((0..<8).map { Float(8 * r + $0) }) }
        let t = transposed8x8((row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7)))
        let columns = [t.0, t.1, t.2, t.3, t.4, t.5, t.6, t.7]
        for c in 0..<8 {
            for r in 0..<8 { #expect(columns[c][r] == Float(8 * r + c), "element (\(r), \(c))") }
        }
    }
}
