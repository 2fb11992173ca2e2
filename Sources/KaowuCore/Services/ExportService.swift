import Logging
import ServiceLifecycle

/// Keeps the outbox exports current beside the inbox service: rewrites whatever applied jobs
/// marked stale, checking twice a second. The marks are in the store, so a stop at any moment
/// leaves nothing behind that the next start does not rewrite.
public struct ExportService: Service {
    let refresher: ExportRefresher
    let logger: Logger
    /// How long an idle check waits before the next.
    let interval: Duration

    public init(refresher: ExportRefresher, logger: Logger, interval: Duration = .milliseconds(500))
    {
        self.refresher = refresher
        self.logger = logger
        self.interval = interval
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try refresher.refreshStale()
            } catch {
                // The mark stays; the next check tries again.
                logger.error(
                    "export rewrite failed, will retry",
                    metadata: ["error": "\(Redact.fileName("\(error)"))"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
