import Foundation
import LearnData
import LearnNotebook

/// `learn data [list|fetch|verify|show]`: where the datasets are, downloading them, checking them, and
/// one image drawn in the terminal. Each subcommand is in `DataCommand+NAME.swift`; the work is done
/// by `LearnData`.
enum DataCommand {
    static let help = HelpCommand.Command(name: "data", summary: "find, list, download and check datasets (MNIST, Fashion-MNIST)", usage: """
        learn data [list] [NAME] [--data DIR]
        learn data fetch NAME [--mirror URL] [--to DIR] [--force] [--checksums FILE]
        learn data verify NAME [--data DIR] [--checksums FILE]
        learn data show NAME [--index N] [--split test|train] [--data DIR]

        Datasets: \(KnownDataset.all.map(\.name).joined(separator: ", ")). Each is four files in the MNIST layout
        (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte),
        raw or .gz, looked for in this order, the first folder holding all four winning:
          1. --data DIR            DIR/NAME, then DIR itself
          2. $LEARN_DATA           likewise
          3. ~/.cache/learn/NAME   where 'learn data fetch' puts them
          4. /usr/share/datasets/NAME

          list     every folder looked in, what it holds, which one is used, and where fetch puts the files
          fetch    download the four files, check their content's SHA-256, keep them
          verify   check the content of the copy that would be used against the published SHA-256
          show     draw one image with its label

        'learn data COMMAND --help' tells more about each.
        Exit status: 0 done, 64 bad command line or unknown dataset, 65 a file with the wrong content or
        not a valid IDX file, 66 no copy found, 69 the mirror cannot be reached or the transfer broke off,
        73 the destination cannot be written.
        """)

    /// The subcommands and their help.
    static let subcommands: [(name: String, usage: String)] = [
        ("list", """
            learn data [list] [NAME] [--data DIR]

            For each dataset (or NAME only): every folder looked in, in order, and what it holds; the
            first holding all four files is the one used (→). Whether their content is right is checked
            by 'learn data verify'. Last, where 'learn data fetch' would put the files.

              --data DIR   look in DIR/NAME and DIR first ($LEARN_DATA is looked in next)
            """),
        ("fetch", """
            learn data fetch NAME [--mirror URL] [--to DIR] [--force] [--checksums FILE]

            Downloads NAME's four .gz files, checks the SHA-256 of each file's decompressed content against
            the published one, and keeps it. Each file is written to a temporary file (.NAME.PID.part) and
            takes its name only once checked: a failed or interrupted download leaves nothing under the
            final name (Ctrl-C or kill removes the .part; one left by a killed fetch is removed by the next),
            and a file already there is replaced only by a checked one. Files already there
            with the right content are not downloaded again. On a terminal, standard error shows a progress
            bar; otherwise one line per file.

              --mirror URL       the folder URL the four .gz files are under (default: the dataset's usual
                                 mirror, or $LEARN_MIRROR when set); {name} in it becomes the dataset's
                                 name, so LEARN_MIRROR=http://host/{name}/ serves both datasets
              --to DIR           put the files in DIR/NAME, or in DIR when it is named NAME
                                 (default ~/.cache/learn/NAME; use --data DIR to find them there)
              --force            download again even files that are already there and right
              --checksums FILE   expect the SHA-256 sums in FILE instead of the catalogue's: lines
                                 'HEX  NAME' as sha256sum writes them, for the decompressed files
                                 (SHA256SUMS.content); for a mirror of other data, and for tests

            Exit status: 0 done, 64 bad option or mirror URL, 65 a file's content is not the published one
            (or not gzip), 69 the mirror cannot be reached, answers an error, or the transfer broke off,
            73 the destination cannot be written. An interrupt (Ctrl-C) removes the partial file (130).
            """),
        ("verify", """
            learn data verify NAME [--data DIR] [--checksums FILE]

            Finds NAME as 'learn data list' shows, and checks the SHA-256 of each file's decompressed content
            against the published one. A file that differs is named with the reason when it can be told:
            truncated or not an IDX file, or the content of another known file (e.g. Fashion-MNIST's).

              --data DIR         look in DIR/NAME and DIR first
              --checksums FILE   expect the sums in FILE ('HEX  NAME' lines, as SHA256SUMS.content)

            Exit status: 0 all four match, 65 one does not, 66 no complete copy found.
            """),
        ("show", """
            learn data show NAME [--index N] [--split test|train] [--data DIR]

            Draws image N (default 0) of the test split (or --split train) with its label. On a terminal
            each character shows two pixels with half blocks (▀ ▄ █); otherwise, or with NO_COLOR, with
            the ASCII ramp ' .:-=+*#%@'.

            Exit status: 0 shown, 64 bad index or split, 65 a malformed file, 66 no complete copy found.
            """),
    ]

    static func run(_ arguments: [String]) throws -> ExitStatus {
        let first = arguments.first ?? "list"
        let rest = Array(arguments.dropFirst())
        switch first {
        case "list": return try list(rest)
        case "fetch": return try fetch(rest)
        case "verify": return try verify(rest)
        case "show": return try show(rest)
        case "--help", "-h", "help":
            Output.standard(help.usage)
            return .ok
        default:
            if first.hasPrefix("-") || KnownDataset.named(first) != nil { return try list(arguments) }
            let names = subcommands.map(\.name)
            let near = LessonLibrary.nearest(to: first, in: names)
            let hint = near.isEmpty ? "subcommands: \(names.joined(separator: ", "))" : "did you mean \(near.joined(separator: " or "))?"
            throw UsageError("data: unknown subcommand '\(first)' (\(hint))")
        }
    }

    /// Parses a subcommand's arguments; `--help` is always a switch.
    static func arguments(_ raw: [String], _ subcommand: String, valued: Set<String>, switches: Set<String> = [])
        throws(UsageError) -> Arguments {
        try Arguments(raw, command: "data \(subcommand)", valued: valued, switches: switches.union(["--help"]))
    }

    /// Prints `subcommand`'s help.
    static func showHelp(_ subcommand: String) -> ExitStatus {
        Output.standard(subcommands.first { $0.name == subcommand }?.usage ?? help.usage)
        return .ok
    }

    /// The dataset named by the one positional argument, or a usage error suggesting the nearest name.
    static func dataset(_ arguments: Arguments, _ subcommand: String) throws(UsageError) -> KnownDataset {
        let names = KnownDataset.all.map(\.name)
        guard let name = arguments.positionals.first else {
            throw UsageError("data \(subcommand): which dataset? (\(names.joined(separator: ", ")))")
        }
        guard arguments.positionals.count == 1 else {
            throw UsageError("data \(subcommand): unexpected argument '\(arguments.positionals[1])'")
        }
        return try known(name)
    }

    /// The dataset called `name`, or a usage error suggesting the nearest name.
    static func known(_ name: String) throws(UsageError) -> KnownDataset {
        if let dataset = KnownDataset.named(name) { return dataset }
        let names = KnownDataset.all.map(\.name)
        let near = LessonLibrary.nearest(to: name, in: names)
        let hint = near.isEmpty ? "datasets: \(names.joined(separator: ", "))" : "did you mean \(near.joined(separator: " or "))?"
        throw UsageError("unknown dataset '\(name)' (\(hint))")
    }

    /// The locator for `--data DIR`, `$LEARN_DATA` and `$HOME`.
    static func locator(_ arguments: Arguments) -> DatasetLocator {
        DatasetLocator(dataOption: arguments.last("--data"))
    }

    /// The expected content checksums: `--checksums FILE` when given, else the catalogue's.
    static func checksums(_ arguments: Arguments, for dataset: KnownDataset) throws(CommandError) -> [DatasetFile: String] {
        guard let file = arguments.last("--checksums") else { return dataset.contentSHA256 }
        do {
            return try ChecksumList.read(file)
        } catch {
            if case .cannotRead = error { throw CommandError(message: "--checksums \(error)", status: .noInput) }
            throw CommandError(message: "--checksums \(error)", status: .dataError)
        }
    }

    /// The folder `learn` would use for `dataset`, or exit 66 naming every place looked.
    static func located(_ dataset: KnownDataset, _ locator: DatasetLocator) throws(CommandError) -> DatasetLocator.Candidate {
        if let found = locator.locate(dataset.name) { return found }
        let places = locator.candidates(for: dataset.name).map(\.folder.path).joined(separator: ", ")
        throw CommandError(message: "\(dataset.name): no folder holds all four files (looked in \(places)); try 'learn data fetch \(dataset.name)'",
                           status: .noInput)
    }
}
