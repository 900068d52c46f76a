import Foundation
import Testing
import LearnCore
@testable import LearnCourse

/// S(s) = 1/(1 + e^(−γs)), S'(s) = γ·y·(1 − y): the closed form written out here, independently.
@Suite struct SigmoidDerivativeTests {
    func closedForm(_ s: Double, _ gamma: Double) -> Double {
        let e = exp(-gamma * s)
        return gamma * e / ((1 + e) * (1 + e))
    }

    @Test(arguments: [(1.0, 1.0), (-2.0, 2.0), (0.3, 0.5), (4.0, 3.0)])
    func theEngineAndTheDifferenceAgreeWithTheClosedForm(s: Double, gamma: Double) throws {
        var p = Parameters(SigmoidDerivative.parameters)
        try p.set("s", to: String(s)); try p.set("gamma", to: String(gamma))
        let t = try SigmoidDerivative.run(p)
        #expect(abs(t.value("y")! - 1 / (1 + exp(-gamma * s))) <= 1e-15)
        #expect(abs(t.value("dy/ds")! - closedForm(s, gamma)) <= 1e-15)
        #expect(abs(t.value("central_difference")! - closedForm(s, gamma)) <= 1e-9)
    }

    @Test func theMaximumIsAQuarterOfTheGain() throws {
        let t = try SigmoidDerivative.run(Parameters(SigmoidDerivative.parameters))
        #expect(t.value("max_derivative") == 0.25)
        #expect(t.value("dS/ds(0,1)") == 0.25)
        #expect(t.value("dS/ds(0,2)") == 0.5)
        #expect(t.value("product_layers") == pow(0.25, 10))
        for s in stride(from: -6.0, through: 6.0, by: 0.01) { #expect(closedForm(s, 1) <= 0.25) }
    }
}
