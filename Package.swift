// swift-tools-version: 6.0
// `learn`: a command-line notebook that works a neural-network course number by number.
// No package dependencies: only the Swift toolchain (and the system's zlib for `.gz` files).
import PackageDescription

// The tensor engine's kernels are written with SIMD types; on x86-64 they become AVX2/FMA code only
// when the compiler may use those instructions (otherwise `addingProduct` is a call to `fmaf` per lane).
// `haswell` (2013) is the oldest x86-64 CPU with AVX2 and FMA. Other architectures use their defaults.
// The kernels are also optimized in debug builds (`swift run`, `swift test`): unoptimized, they run about
// 30 times slower, which would make the MNIST lessons and the tensor tests crawl.
#if arch(x86_64)
let kernelFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"]), .unsafeFlags(["-O"], .when(configuration: .debug))]
#else
let kernelFlags: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]
#endif

let package = Package(
    name: "learn",
    products: [
        .executable(name: "learn", targets: ["learn"]),
    ],
    targets: [
        // Shared basics: number formatting, formulas, traces, a seeded RNG.
        .target(name: "LearnCore"),
        // The scalar engine: traced values with reverse-mode gradients; neurons, layers, networks.
        .target(name: "LearnScalar", dependencies: ["LearnCore"]),
        // The tensor engine: Float32 tensors, fast kernels, layers, optimizers, training.
        .target(name: "LearnTensor", dependencies: ["LearnCore", .target(name: "CMalloc", condition: .when(platforms: [.linux]))],
                swiftSettings: kernelFlags),
        // glibc's `mallopt`, to keep freed tensor memory for the next batch (see TensorMemory.swift).
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // zlib, for `.gz` files.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Datasets: IDX files, where to find them, downloading and checking them.
        .target(name: "LearnData", dependencies: ["LearnCore", "CZlib"]),
        // The course's MNIST networks: their settings, training sessions and saved models.
        .target(name: "LearnModels", dependencies: ["LearnCore", "LearnTensor", "LearnData"]),
        // The course's worked examples, one derivation per `run` name, each returning a trace.
        .target(name: "LearnCourse", dependencies: ["LearnCore", "LearnScalar", "LearnTensor", "LearnData", "LearnModels"]),
        // The typed document and its renderers: terminal (laid out to the width), Markdown, HTML; tables,
        // plots, pictures, progress bars.
        .target(name: "LearnText", dependencies: ["LearnCore"]),
        // Lessons: parsing, the cell language, evaluation into the typed document, verifying. The lessons
        // in lessons/ are built in (the EmbedLessons plugin), so a copied binary needs no lessons folder.
        .target(name: "LearnNotebook", dependencies: ["LearnCore", "LearnCourse", "LearnText"], plugins: ["EmbedLessons"]),
        // Turns lessons/*.md into one Swift file for LearnNotebook; run by the EmbedLessons plugin.
        .executableTarget(name: "EmbedLessonsTool"),
        .plugin(name: "EmbedLessons", capability: .buildTool(), dependencies: ["EmbedLessonsTool"]),
        // The thin command-line interface.
        .executableTarget(name: "learn", dependencies: ["LearnNotebook", "LearnText", "LearnModels", "LearnTensor", "LearnData"]),

        .testTarget(name: "LearnCoreTests", dependencies: ["LearnCore"]),
        .testTarget(name: "LearnScalarTests", dependencies: ["LearnScalar"]),
        .testTarget(name: "LearnTensorTests", dependencies: ["LearnTensor"]),
        .testTarget(name: "LearnDataTests", dependencies: ["LearnData"]),
        .testTarget(name: "LearnModelsTests", dependencies: ["LearnModels"]),
        .testTarget(name: "LearnCourseTests", dependencies: ["LearnCourse", "LearnModels", "LearnTensor", "LearnData"]),
        .testTarget(name: "LearnTextTests", dependencies: ["LearnText"]),
        .testTarget(name: "LearnNotebookTests", dependencies: ["LearnNotebook", "LearnText"]),
        .testTarget(name: "LessonTests", dependencies: ["LearnNotebook", "LearnText", "LearnCourse"]),
        .testTarget(name: "CLITests", dependencies: ["learn", "LearnCore", "LearnModels", "LearnTensor"]),
    ]
)
