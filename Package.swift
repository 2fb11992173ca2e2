// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kaowu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kaowu", targets: ["kaowu"]),
        .library(name: "KaowuCore", targets: ["KaowuCore"]),
        // For the fuzzers in Fuzz/, a package of their own that reaches the readers through these.
        .library(name: "SpreadsheetReading", targets: ["SpreadsheetReading"]),
        .library(name: "PhotoDecoding", targets: ["PhotoDecoding"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(
            url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // Thin module maps over Debian's -dev packages; Swift wrappers above them hide the pointers.
        .systemLibrary(
            name: "CXlsxWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CInotifyTools", providers: [.apt(["libinotifytools0-dev"])]),
        .systemLibrary(name: "CFreeXL", pkgConfig: "freexl", providers: [.apt(["libfreexl-dev"])]),
        .systemLibrary(name: "SystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(
            name: "CTurboJPEG", pkgConfig: "libturbojpeg",
            providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CSpng", pkgConfig: "spng", providers: [.apt(["libspng-dev"])]),

        // Reads .xlsx (own streaming scanner), .xls (libfreexl) and .csv into rows of cells.
        .target(
            name: "SpreadsheetReading",
            dependencies: [
                "CFreeXL", "SystemZlib",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // libjpeg's scanline API, which reports errors by longjmp: wrapped in C, behind setjmp.
        .target(name: "CJPEGRows", linkerSettings: [.linkedLibrary("jpeg")]),
        // Decodes JPEG (libjpeg-turbo) and PNG (libspng) photos, at reduced scale where it can.
        .target(name: "PhotoDecoding", dependencies: ["CTurboJPEG", "CJPEGRows", "CSpng"]),
        // libxlsxwriter's workbooks deflated at zlib's fastest level, a large part on every core
        // (see its xlsx_deflate.c).
        .target(name: "CXlsxWriterDeflate", linkerSettings: [.linkedLibrary("z")]),
        // A safe Swift face for libxlsxwriter.
        .target(name: "SpreadsheetWriting", dependencies: ["CXlsxWriter", "CXlsxWriterDeflate"]),
        // Everything between a dropped file and its report: intake, validation, kinds, store, reports.
        .target(
            name: "KaowuCore",
            dependencies: [
                "SpreadsheetReading", "SpreadsheetWriting", "PhotoDecoding", "CInotifyTools",
                "CDeflate",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .executableTarget(
            name: "kaowu",
            dependencies: [
                "KaowuCore", "SpreadsheetReading",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),

        // What several test targets share: running Python, reading workbooks back with openpyxl.
        .target(name: "KaowuTestSupport", path: "Tests/Support"),
        .testTarget(name: "SpreadsheetReadingTests", dependencies: ["SpreadsheetReading"]),
        .testTarget(
            name: "SpreadsheetWritingTests",
            dependencies: ["SpreadsheetWriting", "SpreadsheetReading", "KaowuTestSupport"]),
        .testTarget(name: "PhotoDecodingTests", dependencies: ["PhotoDecoding"]),
        .testTarget(
            name: "KaowuCoreTests",
            dependencies: [
                "KaowuCore", "PhotoDecoding", "KaowuTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "KaowuCore", "KaowuTestSupport", "SpreadsheetReading",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Support/kaowu_fixtures.py"]),
    ]
)
