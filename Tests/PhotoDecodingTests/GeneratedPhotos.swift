import Foundation
import XCTest

/// The photos and ZIPs `Tests/Fixtures/make_photos.py` draws with Pillow, made once per test
/// process into a temporary folder.
enum GeneratedPhotos {
    static let directory: String = {
        let dir = NSTemporaryDirectory() + "kaowu-photos-" + UUID().uuidString
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/make_photos.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, dir]
        try! process.run()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "make_photos.py failed (is Pillow installed?)")
        return dir
    }()

    static func photo(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: directory + "/photos/" + name))
    }
}
