import Foundation

/// Where the package's built `kaowu`, its `schemas/` and the test support scripts are.
///
/// `swift test` builds the executable next to the test bundle (`.build/<triple>/debug/`), so
/// that folder is tried first; then `.build/debug/` under the package root found by walking up
/// from this source file. `KAOWU_E2E_BINARY` overrides both (for a release build, say).
enum KaowuExecutable {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.path + "/Package.swift") {
                return url.path
            }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    }()

    static var schemas: String { packageRoot + "/schemas" }

    /// The Python producers' script.
    static var fixturesScript: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("kaowu_fixtures.py").path
    }

    /// The kaowu binary; throws with the places searched when there is none.
    static func path() throws -> String {
        var candidates: [String] = []
        if let override = ProcessInfo.processInfo.environment["KAOWU_E2E_BINARY"] {
            candidates.append(override)
        }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        // The bundle is `<dir>/kaowuPackageTests.xctest` (a file on Linux, a folder on macOS).
        for url in [testBinary, Bundle.main.bundleURL] {
            var dir = url.deletingLastPathComponent()
            while dir.path != "/" && !dir.lastPathComponent.hasSuffix("debug")
                && !dir.lastPathComponent.hasSuffix("release")
            {
                dir.deleteLastPathComponent()
            }
            candidates.append(dir.appendingPathComponent("kaowu").path)
        }
        candidates.append(packageRoot + "/.build/debug/kaowu")
        if let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) {
            return found
        }
        throw EndToEndError(
            "找不到 kaowu 可执行文件；请先在 \(packageRoot) 运行 `swift build`。已查找：\n"
                + candidates.joined(separator: "\n"))
    }
}
