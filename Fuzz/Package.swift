// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses for kaowu's readers, kept out of the main package so that the default build
// and test run never compile them. Build and run them with `Fuzz/run.sh`; each executable is one
// fuzzer whose `LLVMFuzzerTestOneInput` feeds its input to a reader.
let package = Package(
    name: "kaowu-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "kaowu", path: ".."),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // libFuzzer's driver, declared for Swift.
        .target(name: "CLibFuzzer"),
        // What the harnesses share: running the driver, handing an input to a reader as a file.
        .target(
            name: "FuzzSupport",
            dependencies: ["CLibFuzzer", .product(name: "SpreadsheetReading", package: "kaowu")]),
        // The photo rules as shipped, for the two photo fuzzers.
        .target(
            name: "PhotoFuzzSupport", dependencies: [.product(name: "KaowuCore", package: "kaowu")]),
        // Any dropped spreadsheet: xlsx, xls or csv, told apart by content.
        .executableTarget(
            name: "fuzz-workbook",
            dependencies: [
                "FuzzSupport", .product(name: "SpreadsheetReading", package: "kaowu"),
            ]),
        // The XML parts of an xlsx, packed by the harness into a valid ZIP so that mutations
        // reach the XML scanner instead of dying at the deflate stream or the CRC.
        .executableTarget(
            name: "fuzz-xlsx-parts",
            dependencies: [
                "FuzzSupport", .product(name: "SpreadsheetReading", package: "kaowu"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // A photo ZIP through the daemon's own opening and entry reading (internal to
        // KaowuCore, hence built with -enable-testing by run.sh), each entry then decoded.
        .executableTarget(
            name: "fuzz-photo-zip",
            dependencies: [
                "FuzzSupport", "PhotoFuzzSupport", .product(name: "KaowuCore", package: "kaowu"),
            ]),
        // One photo's bytes through the whole photo check: JPEG and PNG decoders, background.
        .executableTarget(name: "fuzz-photo", dependencies: ["FuzzSupport", "PhotoFuzzSupport"]),
    ]
)
