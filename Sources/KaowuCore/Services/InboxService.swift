import Logging
import ServiceLifecycle

/// The daemon's one service: finishes what a previous run left, then processes every file the
/// watcher reports, one at a time, in workflow order within each batch of arrivals.
///
/// On graceful shutdown (SIGTERM, SIGINT) the file being processed is finished (its transaction
/// either commits or rolls back as a whole), and the service returns; files still waiting stay in
/// the inbox for the next start.
public struct InboxService: Service {
    let processor: JobProcessor
    let watcher: InboxWatcher
    let logger: Logger

    public init(processor: JobProcessor, watcher: InboxWatcher, logger: Logger) {
        self.processor = processor
        self.watcher = watcher
        self.logger = logger
    }

    public func run() async throws {
        try processor.recover()
        let pending = PendingFiles()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await file in watcher.arrivals() { await pending.add(file) }
            }
            group.addTask {
                var retryUnfinished = false
                while let batch = await pending.next() {
                    if retryUnfinished {
                        retryUnfinished = (try? processor.recover()) == nil
                    }
                    let ordered = processor.workflowOrder(batch.map { ($0.path, $0.modified) })
                    for path in ordered {
                        if Task.isShuttingDownGracefully || Task.isCancelled { break }
                        do {
                            try processor.process(inboxPath: path)
                        } catch {
                            // The job stays in the ledger at the stage it reached; recovery
                            // finishes it before the next batch.
                            logger.error("job failed, will retry", metadata: ["error": "\(error)"])
                            retryUnfinished = true
                        }
                    }
                    if Task.isShuttingDownGracefully || Task.isCancelled { break }
                }
            }
            try await gracefulShutdown()
            group.cancelAll()
            await pending.close()
            try await group.waitForAll()
        }
    }
}

/// Files that arrived and wait for the processor.
actor PendingFiles {
    private var files: [DroppedFile] = []
    private var waiter: CheckedContinuation<[DroppedFile]?, Never>?
    private var closed = false

    func add(_ file: DroppedFile) {
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: [file])
        } else {
            files.append(file)
        }
    }

    /// Everything waiting, or (when nothing is) the next arrival; nil once closed.
    func next() async -> [DroppedFile]? {
        if closed { return nil }
        if !files.isEmpty {
            defer { files.removeAll() }
            return files
        }
        return await withCheckedContinuation { waiter = $0 }
    }

    func close() {
        closed = true
        waiter?.resume(returning: nil)
        waiter = nil
    }
}
