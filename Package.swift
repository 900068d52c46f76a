// swift-tools-version: 6.0
// `learn`: a command-line notebook that works a neural-network course number by number.
// No package dependencies: only the Swift toolchain.
import PackageDescription

let package = Package(
    name: "learn",
    products: [
        .executable(name: "learn", targets: ["learn"]),
    ],
    targets: [
        // Shared basics: number formatting, formulas, traces.
        .target(name: "LearnCore"),
        // The scalar engine: traced values with reverse-mode gradients; neurons, layers, networks.
        .target(name: "LearnScalar", dependencies: ["LearnCore"]),
        // The course's worked examples, each a derivation that returns a trace.
        .target(name: "LearnCourse", dependencies: ["LearnCore", "LearnScalar"]),
        // Lessons: parsing, the cell language, running, verifying, rendering.
        .target(name: "LearnNotebook", dependencies: ["LearnCore", "LearnCourse"]),
        // The thin command-line interface.
        .executableTarget(name: "learn", dependencies: ["LearnNotebook"]),

        .testTarget(name: "LearnCoreTests", dependencies: ["LearnCore"]),
        .testTarget(name: "LearnScalarTests", dependencies: ["LearnScalar"]),
        .testTarget(name: "LearnCourseTests", dependencies: ["LearnCourse"]),
        .testTarget(name: "LearnNotebookTests", dependencies: ["LearnNotebook"]),
        .testTarget(name: "LessonTests", dependencies: ["LearnNotebook"]),
        .testTarget(name: "CLITests", dependencies: ["learn"]),
    ]
)
