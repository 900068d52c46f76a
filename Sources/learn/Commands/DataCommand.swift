import LearnNotebook

/// `learn data`: placeholder until the data module lands.
enum DataCommand {
    static let help = HelpCommand.Command(name: "data", summary: "find, list and download datasets (MNIST, Fashion-MNIST)", usage: """
        learn data list | fetch NAME
        """)

    static func run(_ arguments: [String]) throws -> ExitStatus {
        throw UsageError("data: not available yet")
    }
}
