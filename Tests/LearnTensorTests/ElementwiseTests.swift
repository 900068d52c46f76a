import Foundation
import Testing
@testable import LearnTensor

/// The largest error of `vector` against `exact` (in Double) over `n + 1` points of [low, high], in units
/// in the last place of the exact result rounded to Float. `logarithmic` spaces the points evenly in log x.
private func worstUlps(_ low: Double, _ high: Double, logarithmic: Bool = false, n: Int = 200_000,
                       _ vector: (SIMD8<Float>) -> SIMD8<Float>, _ exact: (Double) -> Double) -> Double {
    var worst = 0.0
    for start in stride(from: 0, through: n, by: 8) {
        var x = SIMD8<Float>()
        for lane in 0..<8 {
            let t = Double(min(start + lane, n)) / Double(n)
            x[lane] = Float(logarithmic ? exp(log(low) + (log(high) - log(low)) * t) : low + (high - low) * t)
        }
        let y = vector(x)
        for lane in 0..<8 {
            let e = exact(Double(x[lane]))
            worst = max(worst, abs(Double(y[lane]) - e) / Double(Float(e).ulp))
        }
    }
    return worst
}

@Suite("Elementwise kernels")
struct ElementwiseTests {
    @Test("exp, tanh, sigmoid against Double libm, within a few ulp")
    func transcendental() {
        #expect(worstUlps(-86.5, 88.72, exp8, exp) <= 2)
        #expect(worstUlps(-10, 10, tanh8, tanh) <= 3)
        #expect(worstUlps(-0.7, 0.7, tanh8, tanh) <= 3)
        // Sigmoid where the result is a normal Float well above 0 (γx ≥ −80).
        #expect(worstUlps(-80, 30, { sigmoid8($0, gain: 1) }, { 1 / (1 + exp(-$0)) }) <= 3)
        // Overflow and underflow as documented; NaN stays NaN.
        #expect(exp8(SIMD8(repeating: 89))[0] == .infinity && exp8(SIMD8(repeating: -90))[0] == 0)
        #expect(exp8(SIMD8(repeating: .nan))[0].isNaN && exp8(SIMD8(repeating: 0))[0] == 1)
    }

    @Test("1/√x within 2 ulp and √x within 1 ulp over 1e-37 … 1e37; √0 = 0, √4 = 2")
    func roots() {
        #expect(worstUlps(1e-37, 1e37, logarithmic: true, reciprocalSquareRoot8, { 1 / $0.squareRoot() }) <= 2)
        #expect(worstUlps(1e-37, 1e37, logarithmic: true, squareRoot8, { $0.squareRoot() }) <= 1)
        #expect(squareRoot8(SIMD8(repeating: 0))[0] == 0 && squareRoot8(SIMD8(repeating: 4))[0] == 2)
    }

    @Test("mapElements stores only the real lanes of the last chunk")
    func ragged() {
        for count in [1, 7, 8, 9, 17] {
            let x = Tensor(shape: [count], scalars: (0..<count).map { Float($0) - 3 })
            #expect(mapElements(x, x, Product()).scalars == x.scalars.map { $0 * $0 })
            #expect(ReLU().forward(x, training: false).scalars == x.scalars.map { max(0, $0) })
        }
    }
}
