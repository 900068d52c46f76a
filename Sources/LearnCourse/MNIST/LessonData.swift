import Foundation
import LearnData

/// How the MNIST lessons find their dataset: as `learn data` does (``DatasetLocator``: `$LEARN_DATA`,
/// `~/.cache/learn/NAME`, `/usr/share/datasets/NAME`), loaded once per process and kept, so that a
/// lesson whose cells run several derivations on the same data reads the files once.
enum LessonData {
    /// The dataset `name` (`mnist`), found by `locator`. Throws ``DerivationError/missingInput(_:)``
    /// (one line naming the places looked in and how to get the data) when no folder holds all four
    /// files or one cannot be read, and ``DerivationError/invalid(_:)`` when a file is malformed.
    static func load(_ name: String = "mnist", locator: DatasetLocator = DatasetLocator()) throws(DerivationError) -> Dataset {
        guard let found = locator.locate(name) else {
            let places = locator.candidates(for: name).map(\.folder.path).joined(separator: ", ")
            throw .missingInput("this lesson needs the \(name) dataset, and no folder holds all four files (looked in \(places)); "
                                + "run 'learn data fetch \(name)', or set LEARN_DATA=DIR to a folder that holds them")
        }
        let folder = found.folder.path
        if let cached = cache.dataset(at: folder) { return cached }
        do {
            let dataset = try Dataset.load(name: name, from: folder)
            cache.keep(dataset, at: folder)
            return dataset
        } catch {
            if case .cannotRead = error { throw .missingInput("\(name): \(error.description)") }
            throw .invalid("\(name): \(error.description)")
        }
    }

    /// Datasets already loaded, by folder.
    private static let cache = Cache()

    /// A lock-protected dictionary of loaded datasets (a lesson runs on one thread, tests on several).
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var byFolder: [String: Dataset] = [:]

        func dataset(at folder: String) -> Dataset? { lock.withLock { byFolder[folder] } }
        func keep(_ dataset: Dataset, at folder: String) { lock.withLock { byFolder[folder] = dataset } }
    }
}

extension Dataset.Split {
    /// Image `index` scaled to 0…1 as `Double`s, row-major: what the lessons draw and trace.
    func scaledPixels(_ index: Int, pixels: Int) -> [Double] {
        image(index, pixels: pixels).map { Double($0) / 255 }
    }
}

extension Parameters {
    /// A whole-number parameter that indexes something of `count` items, checked against that count
    /// (the declared range fits MNIST; a smaller dataset has fewer items).
    func index(_ name: String, below count: Int, of what: String) throws(DerivationError) -> Int {
        let i = self.count(name)
        guard i < count else {
            throw .badValue(name: name, value: String(i), expected: "an index below \(count) (the \(what) holds \(count))")
        }
        return i
    }
}
