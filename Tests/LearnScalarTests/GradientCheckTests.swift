import Foundation
import Testing
import LearnScalar

/// Every operation's backward pass against a central finite difference, in Double.
///
/// Tolerance: the central difference with h = 1e-6 has truncation error ~h²·|f'''| ≈ 1e-12 and rounding
/// error ~ε·|f|/h ≈ 1e-10 for |f| ≲ 1; so atol 1e-7 plus rtol 1e-7 leaves a wide margin while catching
/// any wrong derivative (which would be off by O(1)).
@Suite struct GradientCheckTests {
    static let h = 1e-6

    /// Checks ∂f/∂x_i for every input at `point`.
    func check(_ point: [Double], _ f: ([Value]) -> Value, sourceLocation: SourceLocation = #_sourceLocation) {
        let inputs = point.map { Value($0) }
        let out = f(inputs)
        out.backward()
        for i in point.indices {
            var plus = point, minus = point
            plus[i] += Self.h; minus[i] -= Self.h
            let numeric = (f(plus.map { Value($0) }).data - f(minus.map { Value($0) }).data) / (2 * Self.h)
            let tolerance = 1e-7 + 1e-7 * abs(numeric)
            #expect(abs(inputs[i].grad - numeric) <= tolerance,
                    "input \(i): backward \(inputs[i].grad), central difference \(numeric)", sourceLocation: sourceLocation)
        }
    }

    @Test func add() { check([0.3, -1.7]) { $0[0] + $0[1] } }
    @Test func subtract() { check([0.3, -1.7]) { $0[0] - $0[1] } }
    @Test func multiply() { check([0.3, -1.7]) { $0[0] * $0[1] } }
    @Test func divide() { check([0.3, -1.7]) { $0[0] / $0[1] } }
    @Test func negate() { check([0.3]) { -$0[0] } }
    @Test func power() {
        check([1.3]) { $0[0].pow(2) }
        check([1.3]) { $0[0].pow(-1.5) }
        check([0.7]) { $0[0].pow(0.5) }
    }
    @Test func sum() { check([0.3, -1.7, 2.2, 0.01]) { Value.sum($0) } }
    @Test func exp() { check([0.3]) { $0[0].exp() }; check([-2.5]) { $0[0].exp() } }
    @Test func log() { check([0.3]) { $0[0].log() }; check([7.5]) { $0[0].log() } }
    @Test(arguments: [0.5, 1.0, 2.0]) func sigmoid(gain: Double) {
        for x in [-3.0, -0.2, 0, 0.7, 4] { check([x]) { $0[0].sigmoid(gain: gain) } }
    }
    @Test func tanh() { for x in [-2.0, 0, 0.4] { check([x]) { $0[0].tanh() } } }
    @Test func relu() { check([0.8]) { $0[0].relu() }; check([-0.8]) { $0[0].relu() } }
    @Test func stepAndSignAreFlatAwayFromZero() {
        check([0.8]) { $0[0].step() }; check([-0.8]) { $0[0].step() }
        check([0.8]) { $0[0].sign() }; check([-0.8]) { $0[0].sign() }
    }

    @Test func aComposedExpression() {
        // A neuron with an error: ½(t − σ(w1·x1 + w2·x2 + b))² reaches every input.
        check([0.15, 0.2, 0.05, 0.1, 0.35, 0.01]) { v in
            let out = Value.sum([v[0] * v[2], v[1] * v[3], v[4]]).sigmoid()
            return 0.5 * (v[5] - out).pow(2)
        }
    }

    @Test func aValueUsedTwiceGetsBothContributions() {
        check([1.7]) { $0[0] * $0[0] + $0[0].tanh() * $0[0] }
    }
}

@Suite struct BackwardTests {
    @Test func backwardTwiceDoesNotDoubleGradients() {
        let x = Value(2), y = x * x + 3 * x
        y.backward()
        let first = x.grad
        y.backward()
        #expect(first == 2 * 2 + 3)
        #expect(x.grad == first)
    }

    @Test func aVeryDeepGraphDoesNotOverflowTheStack() {
        var v = Value(1, name: "x")
        let x = v
        for _ in 0..<200_000 { v = v * 1.0 + 0.0 }
        v.backward()
        #expect(x.grad == 1)
    }

    @Test func derivativeLeavesGradientsAlone() {
        let a = Value(3), b = Value(4), c = a * b, d = c + a
        d.backward()
        #expect(c.derivative(withRespectTo: a) == 4)
        #expect(d.derivative(withRespectTo: a) == 5)
        #expect(a.grad == 5 && b.grad == 3)
    }

    @Test func stepAndSignFollowThePerceptronConvention() {
        #expect(Value(0).sign().data == 1)
        #expect(Value(-0.1).sign().data == -1)
        #expect(Value(0).step().data == 1)
        #expect(Value(-0.1).step().data == 0)
    }
}
