import ArgumentParser
import KaowuCore
import Logging
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
            // The signal handlers go up before anything else: setup (the store, the templates)
            // runs as a service, so a SIGTERM during it is a graceful stop too, not signal 15.
            Installation.bootstrapLogging(verbose: options.verbose)
            let logger = Logger(label: "kaowu")
            let group = ServiceGroup(
                configuration: .init(
                    services: [DaemonService(options: options, logger: logger)],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}
