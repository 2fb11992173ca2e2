import Foundation
import XCTest

/// The base of every end-to-end test: makes roots, and on tear-down stops their daemons and
/// removes them (a failed test's root is kept and its path printed, for a look).
class EndToEndTestCase: XCTestCase {
    private var roots: [TestRoot] = []

    func makeRoot(schools: [String: String] = ["s1": "第一职业技术学院"]) throws -> TestRoot {
        let root = try TestRoot(schools: schools)
        roots.append(root)
        return root
    }

    override func tearDown() {
        let failed = (testRun?.failureCount ?? 0) + (testRun?.unexpectedExceptionCount ?? 0) > 0
        for root in roots {
            if failed { print("kaowu e2e: kept \(root.path) and \(root.scratch)") }
            root.close(keep: failed)
        }
        roots = []
        super.tearDown()
    }

    /// The SHA-256 of a file as `sha256sum` computes it.
    func sha256(_ path: String) throws -> String {
        let out = try ChildProcess.check("/usr/bin/sha256sum", [path]).stdout
        return String(out.prefix { $0 != " " })
    }
}
