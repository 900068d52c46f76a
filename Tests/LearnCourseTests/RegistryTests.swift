import Testing
@testable import LearnCourse

/// The registry of derivations: one per `run` name, each type named after it.
@Suite struct RegistryTests {
    @Test func eachDerivationTypeIsNamedAfterItsRunName() {
        for d in Course.derivations {
            let type = String(describing: d).lowercased()
            let run = d.name.replacingOccurrences(of: "-", with: "")
            #expect(type == run, "the derivation run as '\(d.name)' is the type \(d)")
        }
    }

    @Test func runNamesAreUnique() {
        let names = Course.derivations.map { $0.name }
        #expect(Set(names).count == names.count)
    }
}
