import Foundation
import XCTest

/// SIGTERM at any moment of `kaowu serve`'s start is a graceful stop: exit 0, no template left
/// half-written, and the next start finishes the setup. Before the fix, setup ran before the
/// signal handlers were installed, and a SIGTERM then killed the daemon with signal 15.
final class StartupSignalTests: EndToEndTestCase {
    func testSIGTERMDuringSetupIsAGracefulStop() throws {
        let schools = (1...20).map { String(format: "s%02d", $0) }
        let root = try makeRoot(
            schools: Dictionary(uniqueKeysWithValues: schools.map { ($0, "学校 \($0)") }))
        let outbox = root.path + "/outbox"
        // The moments, in the order setup reaches them. Setup rewrites every school's outbox
        // folders and templates, so the outbox is emptied before each start to watch it.
        let moments: [(String, (KaowuDaemon) -> Bool)] = [
            ("信号处理已接管", { Self.handlesSIGTERM($0.process.processIdentifier) }),
            ("第一所学校的发件箱已重建", { _ in FileManager.default.fileExists(atPath: outbox + "/s01") }),
            (
                "一半学校的发件箱已重建",
                { _ in FileManager.default.fileExists(atPath: outbox + "/s10") }
            ),
            ("已开始服务", { $0.log.contains("serving") }),
        ]
        for (moment, reached) in moments {
            try? FileManager.default.removeItem(atPath: outbox)
            let daemon = try root.serve()
            while !reached(daemon) {
                guard daemon.isRunning else {
                    return XCTFail("\(moment)：守护进程提前退出\n\(daemon.log)")
                }
                usleep(200)
            }
            kill(daemon.process.processIdentifier, SIGTERM)
            daemon.process.waitUntilExit()
            XCTAssertEqual(daemon.process.terminationReason, .exit, "\(moment)\n\(daemon.log)")
            XCTAssertEqual(daemon.process.terminationStatus, 0, "\(moment)\n\(daemon.log)")
            let leftovers = root.files(under: outbox).filter { $0.contains(".tmp") }
            XCTAssertEqual(leftovers, [], moment)
        }
        // The next start prepares every school's folders and templates, and serves.
        try? FileManager.default.removeItem(atPath: outbox)
        let daemon = try root.serve()
        try waitUntil("开始服务", timeout: 60) { daemon.log.contains("serving") }
        let kinds =
            try JSONSerialization.jsonObject(
                with: Data(try root.kaowuChecked(["kinds", "--json"]).stdout.utf8))
            as? [[String: Any]]
        let expected = (kinds ?? []).filter { $0["role"] as? String == "school" }
            .compactMap { $0["template"] as? String }.sorted()
        XCTAssertFalse(expected.isEmpty)
        for school in schools {
            XCTAssertEqual(root.files(under: root.outbox(school, "模板")).sorted(), expected, school)
        }
        XCTAssertEqual(daemon.stop(), 0)
    }

    /// Whether the process has taken SIGTERM over (ignored or caught), from /proc.
    private static func handlesSIGTERM(_ pid: pid_t) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        else { return false }
        let bit: UInt64 = 1 << (UInt64(SIGTERM) - 1)
        return status.split(separator: "\n").contains { line in
            let parts = line.split(separator: "\t")
            guard parts.count == 2, parts[0] == "SigIgn:" || parts[0] == "SigCgt:",
                let mask = UInt64(parts[1], radix: 16)
            else { return false }
            return mask & bit != 0
        }
    }
}
