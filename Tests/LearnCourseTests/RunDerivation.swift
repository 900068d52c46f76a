import LearnCore
@testable import LearnCourse

/// Runs derivation `d` with its defaults changed by `settings` (as a lesson's `run … name=value`), as the
/// golden tests of every lesson do.
func runDerivation(_ d: any Derivation.Type, _ settings: [String: String] = [:]) throws -> Trace {
    var p = Parameters(d.parameters)
    for (name, value) in settings { try p.set(name, to: value) }
    return try d.run(p)
}
