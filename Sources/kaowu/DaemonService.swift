import KaowuCore
import Logging
import ServiceLifecycle

/// Everything `kaowu serve` does, as one service of the group that owns the signals: setup,
/// then the inbox and exports services in a group of their own.
///
/// Returns when a graceful shutdown (SIGTERM, SIGINT) has been honoured, at whatever moment it
/// came: during setup it stops between two institutions' folders (each template is written to
/// a temporary file and renamed, so none is ever half-written) or before the services start.
/// Throws a `KaowuError` when the root cannot be opened.
struct DaemonService: Service {
    let options: CommonOptions
    let logger: Logger

    func run() async throws {
        let installation = try Installation(loggingBootstrapped: options)
        for institution in try installation.store.institutions() {
            if Task.isShuttingDownGracefully { return stopped("preparing folders") }
            try InstitutionFolders.prepare(
                institution, root: installation.root, catalog: installation.catalog)
        }
        if Task.isShuttingDownGracefully { return stopped("preparing folders") }
        // Whatever a previous version or a crash left in the outbox is rewritten.
        try installation.store.markEveryExportStale()
        let watcher = InboxWatcher(
            inboxRoot: installation.root.inbox,
            settle: .milliseconds(installation.config.settleMilliseconds),
            rescanEvery: .seconds(installation.config.rescanSeconds),
            logger: installation.logger)
        // No signals of its own: the outer group's graceful shutdown reaches it.
        let services = ServiceGroup(
            configuration: .init(
                services: [
                    InboxService(
                        processor: installation.processor, watcher: watcher,
                        logger: installation.logger),
                    ExportService(
                        refresher: installation.exportRefresher, logger: installation.logger),
                ], logger: installation.logger))
        installation.logger.info("serving", metadata: ["root": "\(installation.root.path)"])
        try await services.run()
    }

    private func stopped(_ stage: String) {
        logger.notice("stopped before serving", metadata: ["during": "\(stage)"])
    }
}
