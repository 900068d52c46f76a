/// The unit vector u that separates labelled points through the origin with the largest margin
/// γ = min_t y_t·(u·x_t): the best γ the perceptron convergence theorem can use.
///
/// Solves min ½‖w‖² subject to y_t·(w·x_t) ≥ 1 for all t (a hard-margin SVM without a separate bias; the
/// augmented x_t = (1, x_t1, …) carry the bias), then u = w/‖w‖ and γ = 1/‖w‖. Small problems only: it
/// tries every set S of samples as the support vectors, solving y_s·(w·x_s) = 1 with w = Σ_S α_s y_s x_s,
/// and keeps the shortest w with every α ≥ 0 that satisfies every constraint (the KKT conditions of this
/// convex problem). O(2ⁿ·n³) for n points; nil when no w separates them. Degenerate support sets (linearly
/// dependent y_s x_s) are skipped, which loses nothing here: a dependent set has an independent subset
/// spanning the same optimum.
enum MaximumMargin {
    static func solve(points: [[Double]], labels: [Double]) -> (w: [Double], gamma: Double)? {
        let n = points.count
        guard n > 0, n <= 16 else { return nil }
        let z = zip(points, labels).map { x, y in x.map { $0 * y } }
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        var best: [Double]?
        for mask in 1..<(1 << n) {
            let s = (0..<n).filter { mask & (1 << $0) != 0 }
            guard s.count <= points[0].count else { continue }
            let gram = s.map { i in s.map { j in dot(z[i], z[j]) } }
            guard let alpha = solveLinear(gram, Array(repeating: 1, count: s.count)),
                  alpha.allSatisfy({ $0 >= -1e-12 }) else { continue }
            var w = Array(repeating: 0.0, count: points[0].count)
            for (k, i) in s.enumerated() { for d in w.indices { w[d] += alpha[k] * z[i][d] } }
            guard z.allSatisfy({ dot($0, w) >= 1 - 1e-9 }) else { continue }
            if best == nil || dot(w, w) < dot(best!, best!) { best = w }
        }
        guard let w = best else { return nil }
        return (w, 1 / dot(w, w).squareRoot())
    }

    /// Gaussian elimination with partial pivoting; nil when the matrix is (numerically) singular.
    static func solveLinear(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let n = b.count
        var m = zip(a, b).map { $0 + [$1] }
        for col in 0..<n {
            guard let pivot = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[pivot][col]) > 1e-12 else {
                return nil
            }
            m.swapAt(col, pivot)
            for r in 0..<n where r != col {
                let f = m[r][col] / m[col][col]
                for c in col...n { m[r][c] -= f * m[col][c] }
            }
        }
        return (0..<n).map { m[$0][n] / m[$0][$0] }
    }
}
