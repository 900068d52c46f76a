import Foundation

/// Where a dataset's files are looked for, in order:
/// 1. `--data DIR` (the folder `DIR/NAME`, then `DIR` itself),
/// 2. `$LEARN_DATA` (likewise),
/// 3. `~/.cache/learn/NAME` (where `learn data fetch` puts it),
/// 4. `/usr/share/datasets/NAME` (where Debian's `dataset-fashion-mnist` installs).
///
/// `DIR` itself is not taken for NAME when it is named after another dataset `learn` knows (so
/// `--data …/mnist` is never mistaken for Fashion-MNIST, whose files have the same names).
public struct DatasetLocator: Sendable {
    /// Which rule put a folder on the list: the folder the caller gave, `$LEARN_DATA`, the user's cache,
    /// the system's datasets folder.
    public enum Source: Sendable, Equatable {
        case dataOption, environment, userCache, system
    }

    /// One place looked: where, why, and what it holds.
    public struct Candidate: Sendable, Equatable {
        public var source: Source
        public var folder: DatasetFolder
        /// Whether it holds all four files.
        public var qualifies: Bool { folder.isComplete }
    }

    /// The `--data` folder, if given.
    public var dataOption: String?
    /// `$LEARN_DATA`, if set and not empty.
    public var environmentFolder: String?
    /// The home folder (`$HOME`).
    public var home: String
    /// The system datasets folder, `/usr/share/datasets` (injectable for tests).
    public var systemFolder: String

    public init(dataOption: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                systemFolder: String = "/usr/share/datasets") {
        self.dataOption = dataOption
        self.environmentFolder = environment["LEARN_DATA"].flatMap { $0.isEmpty ? nil : $0 }
        self.home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        self.systemFolder = systemFolder
    }

    /// `~/.cache/learn/NAME`: where `learn data fetch NAME` puts the files by default.
    public func cacheFolder(for name: String) -> String {
        join(join(join(home, ".cache"), "learn"), name)
    }

    /// Where `learn data fetch NAME [--to DIR]` puts the files: `~/.cache/learn/NAME` without `--to`;
    /// `DIR` itself when it is named `NAME`, else `DIR/NAME`. So `--to ~/data` for both datasets keeps
    /// them apart (their files have the same names), and `--data ~/data` finds each again.
    public func destination(for name: String, to folder: String?) -> String {
        guard let folder else { return cacheFolder(for: name) }
        let base = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        return base == name ? folder : join(folder, name)
    }

    /// Every place looked for `name`, in order, with what each holds.
    public func candidates(for name: String) -> [Candidate] {
        var folders: [(Source, String)] = []
        for (source, folder) in [(Source.dataOption, dataOption), (.environment, environmentFolder)] {
            guard let folder else { continue }
            folders.append((source, join(folder, name)))
            let base = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
            let namedForAnother = base != name && KnownDataset.all.contains { $0.name == base }
            if !namedForAnother { folders.append((source, folder)) }
        }
        folders.append((.userCache, cacheFolder(for: name)))
        folders.append((.system, join(systemFolder, name)))
        return folders.map { Candidate(source: $0.0, folder: DatasetFolder(inspecting: $0.1)) }
    }

    /// The first place that holds all four files of `name`.
    public func locate(_ name: String) -> Candidate? {
        candidates(for: name).first { $0.qualifies }
    }

    private func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
