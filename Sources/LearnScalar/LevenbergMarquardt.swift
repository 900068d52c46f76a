/// Levenberg–Marquardt for a sum of squares E(w) = ½·Σₖ rₖ(w)²: Gauss–Newton blended with gradient descent
/// by a damping μ that it adapts as it goes.
///
/// With J the Jacobian (J[k][n] = ∂rₖ/∂wₙ, K residuals by N weights) and g = Jᵀr = ∇E, each step solves
///
///     (JᵀJ + μ·I) · δ = −Jᵀr,        w ← w + δ   if E(w + δ) < E(w)
///
/// JᵀJ is the Gauss–Newton approximation of the Hessian (second derivatives of the rₖ dropped). A step
/// that lowers E is kept and μ ← μ/10 (towards Gauss–Newton); one that does not is refused, μ ← μ·10
/// (towards a short gradient step, δ ≈ −g/μ), and tried again with the same J. N × N system solved by
/// Cholesky (JᵀJ + μI is symmetric positive definite for μ > 0); O(K·N² + N³) per try.
public struct LevenbergMarquardt: Sendable {
    /// The damping μ of the next step; the factor it is multiplied or divided by; its upper limit.
    public var damping: Double, factor: Double, maximumDamping: Double

    public init(damping: Double = 0.01, factor: Double = 10, maximumDamping: Double = 1e10) {
        precondition(damping > 0 && factor > 1 && maximumDamping >= damping,
                     "LevenbergMarquardt: μ \(damping), factor \(factor), μ max \(maximumDamping)")
        (self.damping, self.factor, self.maximumDamping) = (damping, factor, maximumDamping)
    }

    /// What one step did.
    public struct Step: Sendable {
        /// The change δ that was kept (zeros if none lowered E before μ reached its limit).
        public var change: [Double]
        /// The μ of the kept step, and how many systems were solved (refused tries + 1).
        public var damping: Double
        public var tries: Int
        /// E at the new weights.
        public var error: Double
    }

    /// δ solving (JᵀJ + μI)·δ = −Jᵀr.
    public static func change(jacobian: [[Double]], residuals: [Double], damping mu: Double) -> [Double] {
        precondition(jacobian.count == residuals.count && !jacobian.isEmpty,
                     "LevenbergMarquardt: \(jacobian.count) Jacobian rows, \(residuals.count) residuals")
        let n = jacobian[0].count
        var a = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        var b = Array(repeating: 0.0, count: n)
        for (row, r) in zip(jacobian, residuals) {
            precondition(row.count == n, "LevenbergMarquardt: ragged Jacobian")
            for i in 0..<n {
                b[i] -= row[i] * r
                for j in 0..<n { a[i][j] += row[i] * row[j] }
            }
        }
        for i in 0..<n { a[i][i] += mu }
        return choleskySolve(a, b)
    }

    /// One step from weights `w`: tries μ, μ·10, … until `error(w + δ)` is below `error(w)`.
    public mutating func step(weights w: [Double], jacobian: [[Double]], residuals: [Double],
                              error: ([Double]) -> Double) -> Step {
        let current = error(w)
        var tries = 0
        while true {
            tries += 1
            let delta = Self.change(jacobian: jacobian, residuals: residuals, damping: damping)
            let candidate = error(zip(w, delta).map { $0 + $1 })
            if candidate < current {
                let used = damping
                damping = max(damping / factor, 1e-300)
                return Step(change: delta, damping: used, tries: tries, error: candidate)
            }
            if damping * factor > maximumDamping {
                return Step(change: Array(repeating: 0, count: w.count), damping: damping, tries: tries, error: current)
            }
            damping *= factor
        }
    }

    /// x solving A·x = b for a symmetric positive definite A, by A = L·Lᵀ.
    public static func choleskySolve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        let n = b.count
        var l = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var s = a[i][j]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                if i == j {
                    precondition(s > 0, "LevenbergMarquardt: the matrix is not positive definite (pivot \(s) at \(i))")
                    l[i][i] = s.squareRoot()
                } else {
                    l[i][j] = s / l[j][j]
                }
            }
        }
        var y = Array(repeating: 0.0, count: n)
        for i in 0..<n { y[i] = (b[i] - (0..<i).reduce(0) { $0 + l[i][$1] * y[$1] }) / l[i][i] }
        var x = Array(repeating: 0.0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            x[i] = (y[i] - ((i + 1)..<n).reduce(0) { $0 + l[$1][i] * x[$1] }) / l[i][i]
        }
        return x
    }
}
