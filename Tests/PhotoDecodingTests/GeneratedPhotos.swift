import Foundation
import XCTest

/// The photos and ZIPs `Tests/Fixtures/make_photos.py` draws with Pillow, made once into
/// `Tests/Fixtures/generated/photos/` (ignored by git) and reused by later runs.
enum GeneratedPhotos {
    static let directory: String = {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures")
        let dir = fixtures.appendingPathComponent("generated/photos").path
        try! makeIfMissing(script: fixtures.appendingPathComponent("make_photos.py").path, dir)
        return dir
    }()

    /// Runs `make_photos.py` into `dir` unless an earlier run completed there.
    static func makeIfMissing(script: String, _ dir: String) throws {
        guard !FileManager.default.fileExists(atPath: dir + "/ids.txt") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, dir]
        try process.run()
        process.waitUntilExit()
        precondition(
            process.terminationStatus == 0, "make_photos.py failed (is Pillow installed?)")
    }

    static func photo(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: directory + "/photos/" + name))
    }
}
