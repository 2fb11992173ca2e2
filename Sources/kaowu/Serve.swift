import ArgumentParser
import KaowuCore
import ServiceLifecycle

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Watch the inbox and process every file dropped into it, until SIGTERM or SIGINT.",
        discussion: """
            Files left in the inbox or half-processed while the daemon was down are finished
            first. On SIGTERM the file being processed is finished, then the daemon exits 0.
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let installation = try Installation(options)
            for institution in try installation.store.institutions() {
                try InstitutionFolders.prepare(
                    institution, root: installation.root, catalog: installation.catalog)
            }
            // Whatever a previous version or a crash left in the outbox is rewritten.
            try installation.store.markEveryExportStale()
            let watcher = InboxWatcher(
                inboxRoot: installation.root.inbox,
                settle: .milliseconds(installation.config.settleMilliseconds),
                rescanEvery: .seconds(installation.config.rescanSeconds),
                logger: installation.logger)
            let service = InboxService(
                processor: installation.processor, watcher: watcher, logger: installation.logger)
            let group = ServiceGroup(
                configuration: .init(
                    services: [
                        service,
                        ExportService(
                            refresher: installation.exportRefresher, logger: installation.logger),
                    ], gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: installation.logger))
            installation.logger.info("serving", metadata: ["root": "\(installation.root.path)"])
            try await group.run()
        }
    }
}
