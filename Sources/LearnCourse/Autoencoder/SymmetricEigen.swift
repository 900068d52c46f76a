import Foundation

/// The eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method, in `Double`:
/// `A = V · diag(λ) · Vᵀ` with V orthogonal.
///
/// Each sweep visits every pair (p, q) above the diagonal and applies the plane rotation that makes
/// `A[p][q]` zero (Golub & Van Loan, algorithm 8.5.3, with the stable choice of tan θ); the off-diagonal
/// mass falls quadratically once it is small. Sweeps stop when the off-diagonal sum of squares is below
/// `(1e-15 · ‖A‖_F)²` or after 100 sweeps. Eigenvalues come out to about 1e-15 · ‖A‖ and eigenvectors
/// to about 1e-15 / (gap between eigenvalues). Complexity `O(n³)` per sweep; meant for the small
/// matrices of the lessons (n up to a few dozen).
struct SymmetricEigen {
    /// The eigenvalues, largest first.
    let values: [Double]
    /// `vectors[k]` is the unit eigenvector of `values[k]` (its largest component made positive, so the
    /// sign is fixed).
    let vectors: [[Double]]

    init(_ matrix: [[Double]]) {
        let n = matrix.count
        precondition(matrix.allSatisfy { $0.count == n }, "SymmetricEigen: the matrix is not square")
        var a = matrix
        var v = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : 0 } }
        let norm = a.reduce(0) { $0 + $1.reduce(0) { $0 + $1 * $1 } }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<n { for q in 0..<n where p != q { off += a[p][q] * a[p][q] } }
            if off <= 1e-30 * norm { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) where a[p][q] != 0 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {  // A ← A·J (columns p and q)
                        let (akp, akq) = (a[k][p], a[k][q])
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {  // A ← Jᵀ·A (rows p and q)
                        let (apk, aqk) = (a[p][k], a[q][k])
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                    for k in 0..<n {  // V ← V·J
                        let (vkp, vkq) = (v[k][p], v[k][q])
                        v[k][p] = c * vkp - s * vkq
                        v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0][$0] > a[$1][$1] }
        values = order.map { a[$0][$0] }
        vectors = order.map { k in
            let column = (0..<n).map { v[$0][k] }
            let largest = column.max { abs($0) < abs($1) } ?? 1
            return largest < 0 ? column.map { -$0 } : column
        }
    }
}

/// Helpers for small dense linear algebra in `Double` (rows of arrays).
enum SmallMatrix {
    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    /// An orthonormal basis of the span of `vectors` by modified Gram–Schmidt (twice, for accuracy).
    static func orthonormalBasis(_ vectors: [[Double]]) -> [[Double]] {
        var basis: [[Double]] = []
        for vector in vectors {
            var u = vector
            for _ in 0..<2 {
                for b in basis {
                    let projection = dot(u, b)
                    for i in u.indices { u[i] -= projection * b[i] }
                }
            }
            let length = dot(u, u).squareRoot()
            precondition(length > 0, "orthonormalBasis: the vectors are linearly dependent")
            basis.append(u.map { $0 / length })
        }
        return basis
    }

    /// The principal angles (radians, smallest first) between the spans of two sets of orthonormal vectors
    /// of the same count: the arccosines of the singular values of `Uᵀ·Q`.
    static func principalAngles(_ u: [[Double]], _ q: [[Double]]) -> [Double] {
        let m = u.count
        let c = (0..<m).map { i in (0..<m).map { j in dot(u[i], q[j]) } }        // Uᵀ Q
        let ctc = (0..<m).map { i in (0..<m).map { j in (0..<m).reduce(0) { $0 + c[$1][i] * c[$1][j] } } }
        return SymmetricEigen(ctc).values.map { acos(min(1, max(0, $0).squareRoot())) }
    }
}
