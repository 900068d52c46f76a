import LearnNotebook

/// `learn help [COMMAND]` and every `--help`.
enum HelpCommand {
    struct Command { let name: String; let summary: String; let usage: String }

    static let commands: [Command] = [
        Command(name: "list", summary: "the lessons, by part, with a line on each", usage: """
            learn list [--lessons DIR]

            Lists the lessons, grouped by part of the course: the ones built into learn, and those in
            DIR (or $LEARN_LESSONS), which replace built-in lessons of the same name. A NAME.md in DIR
            that cannot be read (a named pipe, a folder, no permission) is named on standard error, one
            line each, and left out; the others are listed (exit 0).

            \(LessonsFolder.help)
            """),
        Command(name: "lesson", summary: "step through a lesson, number by number", usage: """
            learn lesson NAME [--all] [--set name=value]… [--digits N] [--format terminal|markdown|html]
                              [--output FILE] [--no-checks] [--section N] [--lessons DIR]

            Shows the lesson NAME. On a terminal it shows one step at a time, laid out to the window's
            width (and again when the window is resized):
              Enter or space: next · b: back · a: all the rest · q: quit · Ctrl-C: stop (status 130)
            With --all, or when the output is not a terminal, it prints the whole lesson.

              --set name=value   change an input of the lesson's derivations (repeatable), e.g.
                                 --set i1=0.1 --set eta=0.25. A banner lists your values beside the
                                 slides'; passages about the slides' numbers are left out and the
                                 published numbers are not checked
              --digits N         decimal places of printed numbers (default 9, as the slides print them)
              --format F         terminal (default), markdown (Markdown with math in $…$ for GitHub,
                                 KaTeX, MathJax or Pandoc) or html (one self-contained page: MathML,
                                 SVG figures, a print stylesheet)
              --output FILE      write to FILE instead of standard output (atomically)
              --no-checks        leave out the "✓ Reproduced" lines and how to check your numbers:
                                 a handout
              --section N        only section N (the N-th "##" heading; 0: the introduction)

            Text is ASCII when the locale is not UTF-8 (LANG=C); colour only on a terminal and never
            with NO_COLOR.
            \(LessonsFolder.help)

            Exit status: 0 when every published number is reproduced, 65 when one is not or the
            lesson file is malformed, 64 for a bad command line or an unknown lesson, 66 when the
            lessons folder or a lesson's dataset is not found (the MNIST lessons look in $LEARN_DATA,
            ~/.cache/learn, /usr/share/datasets).
            """),
        Command(name: "verify", summary: "check your own numbers against a lesson or an exercise", usage: """
            learn verify NAME name=value… [--answers FILE] [--seed N] [--set name=value]…
                         [--min-digits N] [--digits N] [--lessons DIR]
            learn verify NAME --names [--seed N]

            Judges your numbers in the order the lesson computes them. The rules:
            - An answer is judged at the precision you write it: 0.5933 stands for 0.59325…0.59335, so
              it matches 0.593269992; 0.5934 does not.
            - It must carry at least 3 significant digits (--min-digits N to change that): 0.15 is
              "too few digits to check", never ✓. A whole number such as 56 or -3 is exact.
            - When your answer also matches what a known slip gives (w1+ = 0.150 is 0.149780716
              rounded, and also w1 never updated), verify asks for more digits instead of ✓.
            - A wrong answer is recomputed from your own earlier answers: if it follows from them it is
              marked → "follows from your …" (a consequential error), not counted as a new mistake.
              Worked from your own rounded numbers (out_h1 = 0.5933 carried on), it is ✓ with a note.
            - Otherwise the first wrong steps are named with their likely slip: sign flipped; the
              update not applied (w+ = w); η left out or applied twice; σ′ left out, written
              out(1 + out) or taken at net; net used for out or out for net; a factor 2 (the ½ not
              cancelled); a neighbouring weight or transposed indices (w6 for w5); updated weights
              where the original ones belong or the reverse; the bias left out or counted twice; an
              intermediate rounded or truncated early. A slip may sit in a step you did not write down.
            The report ends with the first wrong step and a count: right, consequential, wrong, and
            answers that need more digits.

              --answers FILE     read answers from FILE, one 'name = value' per line ('#' comments);
                                 a line '# seed: N' checks them against that exercise
              --seed N           check against 'learn exercise NAME --seed N' instead of the lesson
              --names            list the names you can check, by section, with their symbols
              --min-digits N     significant digits an answer needs (default 3)
              --set name=value   use other inputs, as in 'learn lesson'
              --digits N         significant digits of the lesson's numbers in the report (default 9)
            \(LessonsFolder.help)

            Example:  learn verify backprop out_h1=0.5933 E_total=0.298371109 w5+=0.35891648
                      learn exercise backprop --seed 7, then learn verify backprop --seed 7 net_h1=…
            An unknown name gets the nearest names ("did you mean"); --names lists them all.
            Exit status: 0 when every answer is right, 1 when one is not, 64/65/66 for bad input.
            """),
        ExerciseCommand.help,
        DataCommand.help,
        TrainCommand.help,
        EvalCommand.help,
        PredictCommand.help,
        GradeCommand.help,
        Command(name: "bench", summary: "time the tensor engine: GEMM, training epochs, inference", usage: """
            learn bench [--samples N] [--only LIST] [--repeats N] [--layers | --json]

            Times the tensor engine on this machine, each kernel verified against its reference first,
            after a warm-up, with a monotonic clock; prints the best and median, and for each network
            its FLOP per image, the GFLOP/s it reached and that as a percentage of the 2048³ GEMM's rate
            in the same run (timed first when gemm is not among the workloads). Needs a release build:
              swift run -c release learn bench

              --samples N   images per timed epoch (default 60000, all of MNIST's training set)
              --only LIST   comma-separated workloads: \(BenchWorkload.all.map(\.key).joined(separator: ", "))
              --repeats N   time each epoch N times and keep the best (default 1)
              --layers      after each training epoch, where a step's time goes: every layer's forward
                            and backward pass timed apart on one batch, with its GFLOP/s
              --json        one JSON object of the numbers, for bench/peers.sh

            bench/peers.sh runs the same workloads in NumPy, PyTorch, Keras and scikit-learn and prints
            the ratios.
            """),
        Command(name: "help", summary: "this help, or a command's; the derivations lessons run", usage: """
            learn help [COMMAND]
            learn help derivations [NAME]

            'learn help derivations' lists every derivation a lesson's 'run' line can name, with what it
            works through and its parameters; 'learn help derivations NAME' gives its sections and a table
            of its parameters (default, the values it takes, what it is).
            """),
    ]

    static func run(_ arguments: [String]) throws -> ExitStatus {
        if arguments.first == "derivations" { return try DerivationsHelp.run(Array(arguments.dropFirst())) }
        let words = arguments.filter { !$0.hasPrefix("-") }
        if let name = words.first {
            guard let command = commands.first(where: { $0.name == name }) else {
                throw UsageError("help: no command '\(name)' (commands: \(commands.map(\.name).joined(separator: ", ")))")
            }
            // `learn help data fetch`: a subcommand's own help; any other word after a command is a mistake.
            if words.count > 1 {
                guard name == "data", words.count == 2, DataCommand.subcommands.contains(where: { $0.name == words[1] }) else {
                    throw UsageError("help: unexpected argument '\(words[1])' after '\(name)'")
                }
                return DataCommand.showHelp(words[1])
            }
            Output.standard(command.usage)
            return .ok
        }
        var text = """
            learn \(Learn.version): a notebook that works a neural-network course number by number.

            Usage: learn COMMAND [options]

            Commands:

            """
        for c in commands { text += "  \(c.name.padding(toLength: 10, withPad: " ", startingAt: 0))\(c.summary)\n" }
        text += """

            Start with:  learn lesson backprop
            Then check:  learn verify backprop out_h1=0.5933 w5+=0.35892
            'learn help COMMAND' or 'learn COMMAND --help' tells more; 'learn help derivations' lists what
            lessons can run; 'learn --version' the version.
            """
        Output.standard(text)
        return .ok
    }
}

import Foundation
