import Logging

/// Rewrites the outbox exports that applied jobs marked stale, off the jobs' own path: a job's
/// report does not wait for a 50,000-row roster to be rewritten, and ten files applied in a row
/// cost one rewrite, not ten. The marks live in the store, written in the transaction that made
/// an export stale, so a crash at any point leaves them for the next start.
public struct ExportRefresher: Sendable {
    let root: KaowuRoot
    let store: KaowuStore
    let catalog: KindCatalog
    let clock: KaowuClock
    let logger: Logger

    public init(
        root: KaowuRoot, store: KaowuStore, catalog: KindCatalog, clock: KaowuClock,
        logger: Logger
    ) {
        self.root = root
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.logger = logger
    }

    /// Rewrites every export marked stale now; returns how many marks it cleared.
    @discardableResult
    public func refreshStale() throws -> Int {
        let marks = try store.staleExports()
        for stale in marks {
            let started = ContinuousClock.now
            for institution in try stale.export.institutions(
                afterJobOf: stale.institution, store: store)
            {
                try stale.export.refresh(
                    institution: institution, root: root, store: store, catalog: catalog,
                    generatedAt: clock.iso(clock.now()))
            }
            try store.clearStale(stale)
            logger.info(
                "export rewritten",
                metadata: [
                    "institution": "\(stale.institution)", "export": "\(stale.export.rawValue)",
                    "took": "\(ContinuousClock.now - started)",
                ])
        }
        return marks.count
    }
}
