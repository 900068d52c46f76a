import LearnCore
import LearnScalar

/// Builds a trace the way a derivation is written on paper: each step shows its formula, the same
/// formula with numbers, and its value, and every shown formula is checked to give the shown value.
struct Worksheet {
    private(set) var trace = Trace()
    /// Parameter values, visible to formulas by name.
    private var inputs: [String: Double] = [:]

    init(inputs: [String: Double] = [:]) {
        self.inputs = inputs
        trace.givens = inputs
    }

    func lookup(_ name: String) -> Double? { trace.value(name) ?? inputs[name] }

    mutating func section(_ name: String) { trace.section = name }
    mutating func note(_ markdown: String) { trace.note(markdown) }
    mutating func add(_ table: TraceTable) { trace.add(table) }
    mutating func add(_ plot: TracePlot) { trace.add(plot) }
    mutating func add(_ image: TraceImage) { trace.add(image) }
    mutating func add(_ map: TraceRegionMap) { trace.add(map) }
    mutating func add(_ network: TraceNetwork) { trace.add(network) }
    mutating func record(_ name: String, _ value: Double) { trace.record(name, value) }
    /// Marks the quantity `name` as not finite on purpose (undefined, or an overflow the lesson shows).
    mutating func mark(_ name: String, _ why: NonFinite) { trace.mark(name, why) }

    /// A named engine value: `net_h1 = w1·i1 + w2·i2 + b1 = 0.15·0.05 + … = 0.3775`.
    mutating func show(_ value: Value, note: String? = nil) {
        guard let name = value.name else { preconditionFailure("show: the value \(value) has no name") }
        trace.add(Step(name, forms: [value.formula, value.substitutedFormula], value: value.data, note: note))
    }

    /// A step whose formula the derivation writes out; `value` comes from the engine (or a direct
    /// computation) and must agree with the formula evaluated on the trace's numbers.
    mutating func derive(_ name: String, symbol: Formula? = nil, _ formula: Formula, value: Double,
                         note: String? = nil, substitute: Bool = true) {
        // Extreme inputs can overflow to ±∞; there the comparison says nothing, so only finite values are
        // checked, and only when every quantity the formula names is finite (e^z₁/S with S overflowed to ∞
        // gives 0 as written, while the stable value is not 0: the lesson shows that on purpose).
        let inputsFinite = formula.quantityNames.allSatisfy { lookup($0)?.isFinite ?? true }
        if inputsFinite, let check = formula.evaluated(lookup), check.isFinite, value.isFinite {
            let tolerance = 1e-11 + 1e-9 * abs(value)
            precondition(abs(check - value) <= tolerance,
                         "derive \(name): the formula gives \(check), the value is \(value)")
        }
        var forms = [formula]
        let numbers = formula.substituting(lookup)
        if case .number = numbers {
            // `∂net_o1/∂w5 = out_h1 = 0.593269992`: the number is the value itself.
        } else if substitute && numbers != formula {
            forms.append(numbers)
        }
        trace.add(Step(name, symbol: symbol, forms: forms, value: value, note: note))
    }

    /// A chain-rule step for ∂y/∂x: the product of the given derivative factors.
    mutating func chain(_ y: String, _ x: String, through factors: [(String, String)], value: Double,
                        note: String? = nil) {
        let product = Formula.product(factors.map { Formula.derivative(of: $0.0, withRespectTo: $0.1) })
        derive(Formula.derivativeKey(y, x), symbol: .derivative(of: y, withRespectTo: x), product,
               value: value, note: note)
    }

    /// A step ∂y/∂x = formula = value.
    mutating func partial(_ y: String, _ x: String, _ formula: Formula, value: Double, note: String? = nil) {
        derive(Formula.derivativeKey(y, x), symbol: .derivative(of: y, withRespectTo: x), formula,
               value: value, note: note)
    }
}
