import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import LearnData

/// Where datasets are looked for, in which order, and what each place is reported to hold.
@Suite struct DatasetLocatorTests {
    /// A sandbox: a home folder, a system folder, and the folders given with --data and $LEARN_DATA.
    struct Sandbox {
        let root: String
        var home: String { root + "/home" }
        var system: String { root + "/system" }
        init() throws { root = try Fixture.temporaryFolder() }
        func locator(data: String? = nil, environment: String? = nil) -> DatasetLocator {
            var env = ["HOME": home]
            if let environment { env["LEARN_DATA"] = environment }
            return DatasetLocator(dataOption: data, environment: env, systemFolder: system)
        }
        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func theOrderIsDataOptionEnvironmentCacheSystem() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let places = box.locator(data: box.root + "/opt", environment: box.root + "/env").candidates(for: "mnist")
        #expect(places.map(\.source) == [.dataOption, .dataOption, .environment, .environment, .userCache, .system])
        #expect(places.map(\.folder.path) == [
            box.root + "/opt/mnist", box.root + "/opt", box.root + "/env/mnist", box.root + "/env",
            box.home + "/.cache/learn/mnist", box.system + "/mnist",
        ])
        #expect(places.allSatisfy { !$0.qualifies && !$0.folder.exists })
    }

    @Test func withoutOptionOrVariableOnlyCacheAndSystem() throws {
        let box = try Sandbox()
        defer { box.remove() }
        #expect(box.locator().candidates(for: "fashion-mnist").map(\.source) == [.userCache, .system])
        #expect(box.locator(environment: "").candidates(for: "mnist").count == 2)
    }

    @Test func aFolderQualifiesWithAllFourFilesRawOrGzip() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try Fixture.write(Fixture.tinyDataset(), to: box.system + "/fashion-mnist", compressed: true)
        var partial = Fixture.tinyDataset()
        partial[.trainImages] = nil; partial[.testLabels] = nil
        try Fixture.write(partial, to: box.home + "/.cache/learn/fashion-mnist", compressed: false)

        let locator = box.locator()
        let places = locator.candidates(for: "fashion-mnist")
        #expect(places[0].folder.exists && !places[0].qualifies)
        #expect(places[0].folder.missing == [.trainImages, .testLabels])
        #expect(places[0].folder.storage == "raw")
        #expect(places[1].qualifies && places[1].folder.storage == "gz")
        #expect(places[1].folder.files[.trainLabels] == box.system + "/fashion-mnist/train-labels-idx1-ubyte.gz")
        #expect(locator.locate("fashion-mnist")?.source == .system)
        #expect(locator.locate("mnist") == nil)
    }

    /// A file that is there but cannot be read is not "missing": the folder qualifies, and loading it
    /// names the file and says why (so the CLI prints that, exit 66, instead of "no folder holds all
    /// four files"). A readable copy (raw or `.gz`) is preferred to an unreadable one.
    @Test func anUnreadableFileIsNamedNotMissing() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let folder = box.root + "/data/mnist"
        var three = Fixture.tinyDataset()
        three[.trainLabels] = nil
        try Fixture.write(three, to: folder, compressed: false)
        let labels = folder + "/" + DatasetFile.trainLabels.fileName
        var cases: [(make: () throws -> Void, reason: String)] = [
            ({ try FileManager.default.createDirectory(atPath: labels, withIntermediateDirectories: false) }, "is a folder, not a regular file"),
            ({ try FileManager.default.createSymbolicLink(atPath: labels, withDestinationPath: labels) }, "Too many levels of symbolic links"),
            ({ try FileManager.default.createSymbolicLink(atPath: labels, withDestinationPath: box.root + "/nowhere") }, "No such file or directory"),
        ]
        // Root reads a file without permission anyway: that case runs only for another user.
        if geteuid() != 0 {
            cases.append(({ try Fixture.write([.trainLabels: Fixture.tinyDataset()[.trainLabels]!], to: folder, compressed: false)
                            #expect(chmod(labels, 0) == 0) }, "Permission denied"))
        }
        for (make, reason) in cases {
            try make()
            defer { try? FileManager.default.removeItem(atPath: labels) }
            let found = box.locator(data: box.root + "/data").locate("mnist")
            #expect(found?.folder.path == folder, "\(reason)")
            #expect(found?.folder.files[.trainLabels] == labels)
            #expect(throws: IDXError.cannotRead(file: labels, reason: reason)) { try Dataset.load(name: "mnist", from: folder) }
            // A readable .gz beside it is used instead.
            try Fixture.write([.trainLabels: Fixture.tinyDataset()[.trainLabels]!], to: box.root + "/gz", compressed: true)
            let gz = box.root + "/gz/" + DatasetFile.trainLabels.compressedName
            try FileManager.default.copyItem(atPath: gz, toPath: labels + ".gz")
            defer { try? FileManager.default.removeItem(atPath: labels + ".gz") }
            #expect(DatasetFolder(inspecting: folder).files[.trainLabels] == labels + ".gz", "\(reason)")
            #expect((try? Dataset.load(name: "mnist", from: folder)) != nil, "\(reason)")
        }
    }

    @Test func dataOptionTakesTheFolderItselfOrNameInside() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try Fixture.write(Fixture.tinyDataset(), to: box.root + "/data/mnist", compressed: true)
        try Fixture.write(Fixture.tinyDataset(), to: box.root + "/flat", compressed: false)
        #expect(box.locator(data: box.root + "/data").locate("mnist")?.folder.path == box.root + "/data/mnist")
        #expect(box.locator(data: box.root + "/data/mnist").locate("mnist")?.folder.path == box.root + "/data/mnist")
        #expect(box.locator(data: box.root + "/flat").locate("mnist")?.folder.path == box.root + "/flat")
        #expect(box.locator(environment: box.root + "/flat").locate("mnist")?.source == .environment)
        // --data wins over $LEARN_DATA and the cache.
        try Fixture.write(Fixture.tinyDataset(), to: box.home + "/.cache/learn/mnist", compressed: true)
        #expect(box.locator(data: box.root + "/data", environment: box.root + "/flat").locate("mnist")?.source == .dataOption)
        #expect(box.locator().locate("mnist")?.source == .userCache)
    }

    @Test func aFolderNamedForAnotherDatasetIsNotTakenForThisOne() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try Fixture.write(Fixture.tinyDataset(), to: box.root + "/mnist", compressed: true)
        let locator = box.locator(data: box.root + "/mnist")
        #expect(locator.locate("mnist")?.folder.path == box.root + "/mnist")
        #expect(locator.locate("fashion-mnist") == nil)
        #expect(locator.candidates(for: "fashion-mnist").map(\.folder.path).contains(box.root + "/mnist/fashion-mnist"))
    }

    @Test func theCacheFolderFollowsHome() {
        let locator = DatasetLocator(environment: ["HOME": "/home/ada/"])
        #expect(locator.cacheFolder(for: "mnist") == "/home/ada/.cache/learn/mnist")
    }

    @Test func fetchPutsFilesInTheCacheOrUnderToByName() {
        let locator = DatasetLocator(environment: ["HOME": "/home/ada"])
        #expect(locator.destination(for: "mnist", to: nil) == "/home/ada/.cache/learn/mnist")
        #expect(locator.destination(for: "mnist", to: "/data") == "/data/mnist")
        #expect(locator.destination(for: "mnist", to: "/data/") == "/data/mnist")
        #expect(locator.destination(for: "mnist", to: "/data/mnist") == "/data/mnist")
        #expect(locator.destination(for: "fashion-mnist", to: "/data/mnist") == "/data/mnist/fashion-mnist")
    }

    @Test func aFolderSaysWhatItHolds() throws {
        let box = try Sandbox()
        defer { box.remove() }
        #expect(DatasetFolder(inspecting: box.root + "/none").summary == "no such folder")
        #expect(DatasetFolder(inspecting: box.root).summary == "none of the 4 files")
        var files = Fixture.tinyDataset()
        files[.trainLabels] = nil
        try Fixture.write(files, to: box.root + "/a", compressed: true)
        #expect(DatasetFolder(inspecting: box.root + "/a").summary == "3 of 4 files, missing train-labels-idx1-ubyte")
        try Fixture.write([.trainLabels: Fixture.tinyDataset()[.trainLabels]!], to: box.root + "/a", compressed: false)
        #expect(DatasetFolder(inspecting: box.root + "/a").summary == "all 4 files (raw and gz)")
        try Fixture.write(Fixture.tinyDataset(), to: box.root + "/b", compressed: true)
        #expect(DatasetFolder(inspecting: box.root + "/b").summary == "all 4 files (gz)")
    }
}
