import Testing
import LearnTensor
@testable import LearnModels

/// A model file's facts are what `learn train` writes, or the file is refused: a file that says it was
/// trained for −5 epochs at a learning rate of inf would otherwise be described as if that were so.
@Suite struct SavedModelFactsTests {
    static let good = ["dataset": "mnist", "epochs": "40", "batch": "128", "optimizer": "adam", "learning rate": "0.002",
                       "decay": "0.9", "weight decay": "0.0", "shift": "0", "seed": "18446744073709551615",
                       "training images": "60000", "test accuracy": "0.9281"]

    func reread(_ facts: [String: String]) throws(ModelArchiveError) -> SavedModel {
        let saved = SavedModel(model: .logreg, network: CourseNetwork.logreg.build(seed: 1), facts: facts)
        return try SavedModel(saved.archive())
    }

    @Test func theFactsTrainWritesAreRead() throws {
        #expect(try reread(Self.good).facts == Self.good)
        #expect(try reread([:]).facts.isEmpty, "a file without facts is still a model")
    }

    @Test(arguments: [("epochs", "-5"), ("epochs", "0"), ("batch", "x"), ("learning rate", "inf"), ("learning rate", "nan"),
                      ("learning rate", "-0.1"), ("decay", "2"), ("test accuracy", "1.5"), ("seed", "-1"),
                      ("dataset", "foo"), ("optimizer", "lbfgs"), ("training images", "1e3")])
    func aFactThatCannotBeIsMalformed(key: String, value: String) {
        var facts = Self.good
        facts[key] = value
        #expect {
            try reread(facts)
        } throws: { error in
            guard case ModelArchiveError.malformed(let why) = error else { return false }
            return why.contains(key) && why.contains("'\(value)'")
        }
    }
}
