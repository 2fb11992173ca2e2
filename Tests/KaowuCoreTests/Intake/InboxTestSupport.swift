import Foundation
import KaowuCore
import Logging
import Synchronization
import XCTest

/// A throwaway `ROOT/inbox` under the temp directory, removed again by `tearDown`.
struct ScratchInbox {
    let root: String
    let inbox: String

    init() throws {
        root = NSTemporaryDirectory() + "kaowu-watch-" + UUID().uuidString
        inbox = root + "/inbox"
        try FileManager.default.createDirectory(
            atPath: inbox, withIntermediateDirectories: true)
    }

    func path(_ relative: String) -> String { inbox + "/" + relative }

    func makeFolder(_ relative: String) throws {
        try FileManager.default.createDirectory(
            atPath: path(relative), withIntermediateDirectories: true)
    }

    /// Writes `bytes` bytes to `relative` below the inbox with one open-write-close.
    @discardableResult
    func write(_ relative: String, bytes: Int = 100) throws -> String {
        let target = path(relative)
        try Data(repeating: 0x41, count: bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// A watcher's `arrivals()` stream being consumed by a background task that records every file.
final class RunningWatcher: Sendable {
    private let files = Mutex<[DroppedFile]>([])
    private let consumer = Mutex<Task<Void, Never>?>(nil)

    init(_ watcher: InboxWatcher) {
        let stream = watcher.arrivals()
        let task = Task { [self] in
            for await file in stream { files.withLock { $0.append(file) } }
        }
        consumer.withLock { $0 = task }
    }

    var all: [DroppedFile] { files.withLock { $0 } }

    func arrivals(at path: String) -> [DroppedFile] { all.filter { $0.path == path } }

    /// Waits (up to 10 s, generous for a busy 2-core machine) until `path` was reported `count`
    /// times; returns those reports.
    @discardableResult
    func waitForArrivals(at path: String, count: Int = 1) async -> [DroppedFile] {
        _ = await WatchTesting.eventually { self.arrivals(at: path).count >= count }
        return arrivals(at: path)
    }

    /// Cancels the consuming task and waits for the stream to end.
    func stop() async {
        let task = consumer.withLock { $0 }
        task?.cancel()
        await task?.value
    }
}

/// Shared waiting rules and logger for the intake tests.
enum WatchTesting {
    /// How long to wait before concluding that something is never reported.
    static let neverWindow = Duration.milliseconds(1500)

    static let logger: Logger = {
        var logger = Logger(label: "kaowu.test.watch")
        logger.logLevel = .debug
        return logger
    }()

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    static func eventually(
        timeout: Duration = .seconds(10), _ condition: @Sendable () -> Bool
    ) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}
