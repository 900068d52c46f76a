import Foundation
import Testing

/// `learn data` through the built executable, against tiny datasets served by python3 on 127.0.0.1.
/// Every run gets its own `HOME` (so `~/.cache/learn` is a temporary folder) and no `LEARN_DATA` or
/// `LEARN_MIRROR` from the environment the tests run in.
@Suite(.enabled(if: DataFixture.python != nil, "python3 is not installed; the data tests need it to build fixtures and serve them"),
       .timeLimit(.minutes(3)))
struct DataCommandTests {
    /// A temporary root with a home folder, a mirror holding the tiny dataset (as `.gz`, with its
    /// `SHA256SUMS.content`) and a target folder.
    struct Sandbox {
        let root: URL
        var home: URL { root.appendingPathComponent("home") }
        var mirror: URL { root.appendingPathComponent("mirror") }
        var sums: String { mirror.appendingPathComponent("SHA256SUMS.content").path }
        var target: URL { root.appendingPathComponent("target") }
        var fetched: URL { target.appendingPathComponent("mnist") }

        init() throws {
            root = try LearnProcess.temporaryFolder()
            try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
            try DataFixture.write(to: root.appendingPathComponent("mirror"))
        }

        /// Runs `learn data ARGUMENTS` with this sandbox's home.
        func learn(_ arguments: [String], environment: [String: String] = [:]) throws -> LearnProcess.Result {
            var env = ["HOME": home.path, "LEARN_DATA": "", "LEARN_MIRROR": ""]
            for (k, v) in environment { env[k] = v }
            return try LearnProcess.run(["data"] + arguments, environment: env)
        }

        func fetch(_ server: MirrorServer, path: String = "", _ more: [String] = []) throws -> LearnProcess.Result {
            try learn(["fetch", "mnist", "--mirror", server.baseURL + path, "--to", target.path, "--checksums", sums] + more)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    static let gzNames = DataFixture.names.map { $0 + ".gz" }

    @Test func fetchDownloadsChecksThenSkipsThenForces() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let server = try MirrorServer(serving: box.mirror)
        defer { server.stop() }

        let first = try box.fetch(server)
        #expect(first.status == 0, "\(first.error)")
        #expect(DataFixture.names(in: box.fetched) == Self.gzNames.sorted())
        #expect(first.output.contains("mnist: all 4 files in \(box.fetched.path), content checked (4 downloaded, 0 already there)"))
        // Not a terminal: one line saying where from, then one per file, and no escape codes.
        let log = first.error.split(separator: "\n")
        #expect(log.count == 5, "\(first.error)")
        #expect(log.first == "mnist: from \(server.baseURL) into \(box.fetched.path)")
        for (line, name) in zip(log.dropFirst(), Self.gzNames) {
            #expect(line.hasPrefix("\(name): ") && line.hasSuffix("content SHA-256 checked"), "\(line)")
        }
        #expect(!first.error.contains("\u{1B}"))

        let again = try box.fetch(server)
        #expect(again.status == 0 && again.output.contains("(0 downloaded, 4 already there)"), "\(again.output) \(again.error)")
        #expect(again.error.contains("t10k-labels-idx1-ubyte.gz: already there with the right content"))

        let forced = try box.fetch(server, ["--force"])
        #expect(forced.status == 0 && forced.output.contains("(4 downloaded, 0 already there)"), "\(forced.output) \(forced.error)")
        #expect(DataFixture.names(in: box.fetched) == Self.gzNames.sorted())

        // The copy checks out against the fixture's sums, and not against the real MNIST's.
        let verified = try box.learn(["verify", "mnist", "--data", box.target.path, "--checksums", box.sums])
        #expect(verified.status == 0, "\(verified.error)")
        #expect(verified.output.contains("All 4 files have the published content."))
        let real = try box.learn(["verify", "mnist", "--data", box.target.path])
        #expect(real.status == 65)
        #expect(real.error.contains("train-images-idx3-ubyte.gz: checksum mismatch") && real.error.contains("(and 3 more)"), "\(real.error)")
        #expect(real.error.split(separator: "\n").count == 1)
    }

    /// Without --to the files go to ~/.cache/learn/NAME; $LEARN_MIRROR with {name} picks the folder.
    @Test func defaultDestinationAndMirrorFromTheEnvironment() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let served = box.root.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: box.mirror, to: served.appendingPathComponent("mnist"))
        let server = try MirrorServer(serving: served)
        defer { server.stop() }

        let sums = served.appendingPathComponent("mnist/SHA256SUMS.content").path
        let r = try box.learn(["fetch", "mnist", "--checksums", sums], environment: ["LEARN_MIRROR": server.baseURL + "{name}/"])
        #expect(r.status == 0, "\(r.error)")
        let cache = box.home.appendingPathComponent(".cache/learn/mnist")
        #expect(DataFixture.names(in: cache) == Self.gzNames.sorted())
        #expect(r.error.hasPrefix("mnist: from \(server.baseURL)mnist/ into \(cache.path)"))
        #expect(!r.output.contains("looks elsewhere"))

        // `list` now finds it there, and `show` draws from it.
        let list = try box.learn(["list", "mnist"])
        #expect(list.output.contains("→ ~/.cache/learn"), "\(list.output)")
        #expect(list.output.contains("uses \(cache.path)"))
    }

    @Test func aCorruptFileLeavesNothingUnderItsNameAndAnOldFileUntouched() throws {
        let box = try Sandbox()
        defer { box.remove() }
        // The mirror's test labels are other labels than the checksums promise.
        try DataFixture.writeGzip(DataFixture.idx([2], [7, 7]), to: box.mirror.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        try FileManager.default.createDirectory(at: box.fetched, withIntermediateDirectories: true)
        let old = box.fetched.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
        try Data("old".utf8).write(to: old)
        let server = try MirrorServer(serving: box.mirror)
        defer { server.stop() }

        let r = try box.fetch(server)
        #expect(r.status == 65, "\(r.error)")
        let last = r.error.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("learn: t10k-labels-idx1-ubyte.gz: checksum mismatch for \(server.baseURL)t10k-labels-idx1-ubyte.gz"), "\(r.error)")
        #expect(DataFixture.names(in: box.fetched) == Self.gzNames.sorted())          // 3 new, the old one, no .part
        #expect(FileManager.default.contents(atPath: old.path) == Data("old".utf8))
    }

    @Test func notGzipIsBadData() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try Data("<html>moved</html>".utf8).write(to: box.mirror.appendingPathComponent("train-images-idx3-ubyte.gz"))
        let server = try MirrorServer(serving: box.mirror)
        defer { server.stop() }
        let r = try box.fetch(server)
        #expect(r.status == 65 && r.error.contains("train-images-idx3-ubyte.gz: the file from") && r.error.contains("not valid gzip"), "\(r.error)")
        #expect(DataFixture.names(in: box.fetched).isEmpty)
    }

    @Test func anInterruptedTransferExits69AndLeavesNothing() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let server = try MirrorServer(serving: box.mirror)
        defer { server.stop() }
        let r = try box.fetch(server, path: "cut/")
        #expect(r.status == 69, "\(r.error)")
        #expect(r.error.contains("learn: train-images-idx3-ubyte.gz: the transfer from \(server.baseURL)cut/train-images-idx3-ubyte.gz broke off"), "\(r.error)")
        #expect(DataFixture.names(in: box.fetched).isEmpty)
    }

    @Test func noServerOrNoFileExits69() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let nobody = "http://127.0.0.1:\(try MirrorServer.unusedPort())/"
        let refused = try box.learn(["fetch", "mnist", "--mirror", nobody, "--to", box.target.path, "--checksums", box.sums])
        #expect(refused.status == 69 && refused.error.contains("cannot connect to \(nobody)train-images-idx3-ubyte.gz"), "\(refused.error)")

        let server = try MirrorServer(serving: box.root.appendingPathComponent("home"))
        defer { server.stop() }
        let missing = try box.fetch(server)
        #expect(missing.status == 69 && missing.error.contains("HTTP 404"), "\(missing.error)")
        #expect(DataFixture.names(in: box.fetched).isEmpty)
    }

    @Test func badCommandLinesAndFiles() throws {
        let box = try Sandbox()
        defer { box.remove() }
        func expectError(_ arguments: [String], _ status: Int32, _ mentions: String, environment: [String: String] = [:],
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
            let r = try box.learn(arguments, environment: environment)
            #expect(r.status == status, "\(arguments): \(r.status) \(r.error)", sourceLocation: sourceLocation)
            #expect(r.error.contains(mentions), "\(arguments): \(r.error)", sourceLocation: sourceLocation)
            // One error line (fetch's log of where from and to may come before it).
            #expect(r.error.split(separator: "\n").filter { $0.hasPrefix("learn: ") }.count == 1, "\(arguments): \(r.error)",
                    sourceLocation: sourceLocation)
            #expect(r.error.split(separator: "\n").last?.hasPrefix("learn: ") == true, "\(arguments): \(r.error)", sourceLocation: sourceLocation)
        }
        try expectError(["fetch", "mnsit"], 64, "unknown dataset 'mnsit' (did you mean mnist?)")
        try expectError(["verify", "fashion"], 64, "did you mean fashion-mnist")
        try expectError(["fetch"], 64, "which dataset? (mnist, fashion-mnist)")
        try expectError(["fetch", "mnist", "extra"], 64, "unexpected argument 'extra'")
        try expectError(["fetch", "mnist", "--wat"], 64, "unknown option '--wat'")
        try expectError(["fetch", "mnist", "--mirror"], 64, "--mirror needs a value")
        try expectError(["fetch", "mnist", "--mirror", "ftp://example.org/"], 64, "--mirror: mirror 'ftp://example.org/' is not an http:// or https:// URL")
        try expectError(["fetch", "mnist", "--mirror", "http://127.0.0.1:99999/"], 64,
                        "--mirror: mirror 'http://127.0.0.1:99999/': the port 99999 is not between 1 and 65535")
        try expectError(["fetch", "mnist"], 64, "$LEARN_MIRROR: mirror 'http://:80/': it names no host", environment: ["LEARN_MIRROR": "http://:80/"])
        try expectError(["fecth", "mnist"], 64, "unknown subcommand 'fecth' (did you mean fetch?)")
        try expectError(["show", "mnist", "--split", "validation"], 64, "--split: expected test or train")
        try expectError(["show", "mnist", "--index", "-1"], 64, "--index: expected a whole number")
        try expectError(["fetch", "mnist", "--checksums", box.root.path + "/none"], 66, "--checksums \(box.root.path)/none: cannot read it")
        let bad = box.root.appendingPathComponent("bad.sums")
        try "0123  train-images-idx3-ubyte\n".write(to: bad, atomically: true, encoding: .utf8)
        try expectError(["fetch", "mnist", "--checksums", bad.path], 65, "\(bad.path):1: expected '64 hex digits")
        try expectError(["verify", "mnist"], 66, "mnist: no folder holds all four files (looked in \(box.home.path)/.cache/learn/mnist, /usr/share/datasets/mnist)")
        try expectError(["show", "fashion-mnist", "--data", box.home.path], 66, "fashion-mnist: no folder holds all four files")
        // A destination under a file cannot be created.
        let file = box.root.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        try expectError(["fetch", "mnist", "--mirror", "http://127.0.0.1:1/", "--to", file.path + "/sub", "--checksums", box.sums], 73,
                        "\(file.path)/sub/mnist: cannot write (\(file.path) is not a folder)")
    }

    /// `list` shows every place in order, what each holds, which is used, and where fetch would put the files.
    @Test func listWithDataAndLearnData() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let data = box.root.appendingPathComponent("data"), env = box.root.appendingPathComponent("env")
        try DataFixture.write(to: data.appendingPathComponent("mnist"))
        try DataFixture.write(to: env, raw: true)
        let r = try box.learn(["list", "--data", data.path], environment: ["LEARN_DATA": env.path])
        #expect(r.status == 0, "\(r.error)")
        let lines = r.output.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        func row(_ mark: String, _ source: String, _ path: String, _ summary: String) -> Bool {
            lines.contains { line in
                let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                return fields == (mark.isEmpty ? [] : [mark]) + source.split(separator: " ").map(String.init) + [path] + summary.split(separator: " ").map(String.init)
            }
        }
        let cache = box.home.path + "/.cache/learn"
        #expect(lines.first?.hasPrefix("mnist: MNIST handwritten digits") == true)
        #expect(row("→", "--data", data.path + "/mnist", "all 4 files (gz)"), "\(r.output)")
        #expect(row("", "--data", data.path, "none of the 4 files"), "\(r.output)")
        #expect(row("", "$LEARN_DATA", env.path + "/mnist", "no such folder"), "\(r.output)")
        #expect(row("", "$LEARN_DATA", env.path, "all 4 files (raw)"), "\(r.output)")
        #expect(row("", "~/.cache/learn", cache + "/mnist", "no such folder"), "\(r.output)")
        #expect(row("→", "$LEARN_DATA", env.path, "all 4 files (raw)"), "fashion-mnist uses the LEARN_DATA folder: \(r.output)")
        #expect(lines.contains("uses \(data.path)/mnist ('learn data verify mnist' checks it)"))
        #expect(lines.contains("'learn data fetch mnist' would put the files in \(cache)/mnist"))
        #expect(lines.contains("uses \(env.path) ('learn data verify fashion-mnist' checks it)"))
        // The order: --data before $LEARN_DATA before the cache before the system folder.
        let order = [data.path + "/mnist", env.path + "/mnist", cache + "/mnist", "/usr/share/datasets/mnist"].map { path in
            lines.firstIndex { $0.contains(" \(path) ") } ?? -1
        }
        #expect(order == order.sorted() && !order.contains(-1), "\(order)")

        // Nothing anywhere: where fetch would put it. `learn data` alone is `list`.
        let empty = try box.learn([])
        #expect(empty.status == 0)
        #expect(empty.output.contains("not found: 'learn data fetch fashion-mnist' downloads it to \(cache)/fashion-mnist"))
        #expect(!empty.output.contains("→"))
    }

    @Test func verifyNamesTheBrokenFile() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let folder = box.root.appendingPathComponent("copy/mnist")
        try DataFixture.write(to: folder)
        let contents = DataFixture.contents()
        // The train labels cut short: a truncated IDX file.
        try DataFixture.writeGzip(Array(contents["train-labels-idx1-ubyte"]!.dropLast(1)),
                                  to: folder.appendingPathComponent("train-labels-idx1-ubyte.gz"))
        let r = try box.learn(["verify", "mnist", "--data", folder.path, "--checksums", box.sums])
        #expect(r.status == 65)
        #expect(r.error == "learn: \(folder.path)/train-labels-idx1-ubyte.gz: truncated: the header promises 11 bytes, the file has 10 (so its content SHA-256 differs)\n", "\(r.error)")
        #expect(r.output.contains("✓ \(folder.path)/train-images-idx3-ubyte.gz: content SHA-256 matches"))
        #expect(r.output.contains("✗ \(folder.path)/train-labels-idx1-ubyte.gz: truncated"))
    }

    @Test func showDrawsAnImageWithItsLabel() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.learn(["show", "mnist", "--data", box.mirror.path, "--index", "1", "--split", "train"])
        #expect(r.status == 0, "\(r.error)")
        // Not a terminal: the ASCII ramp, two pixel rows per line (their mean), in a frame.
        #expect(r.output == """
            mnist train #1: label 1
            +----+
            |+@++|
            | @  |
            +----+

            """)
        let fashion = try box.learn(["show", "fashion-mnist", "--data", box.mirror.path])
        #expect(fashion.status == 0 && fashion.output.hasPrefix("fashion-mnist test #0: label 1 (Trouser)\n"), "\(fashion.error)")
        let out = try box.learn(["show", "mnist", "--data", box.mirror.path, "--index", "2"])
        #expect(out.status == 64 && out.error.contains("--index 2: the test split of mnist has 2 images (0…1)"), "\(out.error)")
    }

    @Test func helpForTheCommandAndEachSubcommand() throws {
        let box = try Sandbox()
        defer { box.remove() }
        for arguments in [["--help"], ["help"], ["list", "--help"], ["fetch", "--help"], ["verify", "-h"], ["show", "--help"]] {
            let r = try box.learn(arguments)
            #expect(r.status == 0 && r.output.contains("learn data"), "\(arguments): \(r.error)")
        }
        let fetch = try box.learn(["fetch", "--help"])
        for option in ["--mirror", "--to", "--force", "--checksums", "LEARN_MIRROR", "SHA256SUMS.content"] {
            #expect(fetch.output.contains(option), "fetch --help lacks \(option)")
        }
        let top = try LearnProcess.run(["help"])
        #expect(top.output.contains("data"))
        let viaHelp = try LearnProcess.run(["help", "data"])
        #expect(viaHelp.status == 0 && viaHelp.output.contains("learn data fetch NAME"))
    }
}

/// The progress bar, when standard error is a terminal (util-linux `script` gives `learn` one).
@Suite(.enabled(if: DataFixture.python != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs python3 and util-linux script"),
       .timeLimit(.minutes(2)))
struct DataProgressTests {
    @Test func aBarOnATerminal() throws {
        let box = try DataCommandTests.Sandbox()
        defer { box.remove() }
        let server = try MirrorServer(serving: box.mirror)
        defer { server.stop() }
        let run = try LearnProcess.runOnTerminal(["data", "fetch", "mnist", "--mirror", server.baseURL, "--to", box.target.path,
                                                  "--checksums", box.sums],
                                                 environment: ["HOME": box.home.path, "COLUMNS": "100"])
        let text = run.output
        #expect(run.status == 0, "\(text)")
        #expect(text.contains("\r\u{1B}[2Ktrain-images-idx3-ubyte.gz ▕"), "\(text.debugDescription)")
        #expect(text.contains("▏ 100%"))
        #expect(text.contains("t10k-labels-idx1-ubyte.gz: "))
        #expect(DataFixture.names(in: box.fetched).count == 4)
    }
}
