import Logging
import ServiceLifecycle

/// The daemon's one service: finishes what a previous run left, then processes every file the
/// watcher reports, one at a time, in workflow order within each batch of arrivals.
///
/// A job that fails part-way (the outbox or the data volume full, the database locked past its
/// busy timeout, ...) stays in the ledger at the stage it reached, and the error is logged. It is
/// retried every `watcher.rescanEvery` (and before each new batch) until it finishes, so freeing
/// the space is enough: no new drop is needed to wake it.
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
        let pending = PendingFiles()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await file in watcher.arrivals() { await pending.add(file) }
            }
            group.addTask {
                // Wakes an idle processor, so unfinished jobs are retried without a new drop.
                while !Task.isCancelled {
                    try? await Task.sleep(for: watcher.rescanEvery)
                    await pending.wake()
                }
            }
            group.addTask {
                var retryUnfinished = !recoverUnfinished()
                while let batch = await pending.next() {
                    if retryUnfinished { retryUnfinished = !recoverUnfinished() }
                    let ordered = processor.workflowOrder(batch.map { ($0.path, $0.modified) })
                    for path in ordered {
                        if Task.isShuttingDownGracefully || Task.isCancelled { break }
                        do {
                            try processor.process(inboxPath: path)
                        } catch {
                            // The job stays in the ledger at the stage it reached; recovery
                            // finishes it at the next wake-up or batch.
                            logger.error(
                                "job failed, will retry",
                                metadata: ["error": "\(Self.redacted(error))"])
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

    /// An error for the log: its paths may hold a dropped file's name, and names may hold an ID.
    private static func redacted(_ error: any Error) -> String {
        Redact.fileName("\(error)")
    }

    /// Finishes the jobs a previous run, a crash or a failure left; false (the error logged)
    /// when one of them still fails.
    private func recoverUnfinished() -> Bool {
        do {
            try processor.recover()
            return true
        } catch {
            logger.error(
                "unfinished job failed again, will retry",
                metadata: ["error": "\(Self.redacted(error))"])
            return false
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

    /// Ends a pending `next()` with no files (a wake-up to retry unfinished jobs); no effect
    /// when no one waits.
    func wake() {
        waiter?.resume(returning: [])
        waiter = nil
    }

    /// Everything waiting, or (when nothing is) the next arrival or wake-up; nil once closed.
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
