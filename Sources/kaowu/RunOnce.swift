import ArgumentParser
import KaowuCore

struct RunOnce: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-once",
        abstract: "Process everything waiting in the inbox, then exit.",
        discussion: "The same stages as serve; files still being copied are waited for.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let installation = try Installation(options)
            let processor = installation.processor
            try processor.recover()
            let files = await InboxWatcher.scanOnce(
                inboxRoot: installation.root.inbox,
                settle: .milliseconds(installation.config.settleMilliseconds),
                logger: installation.logger)
            for path in processor.workflowOrder(files.map { ($0.path, $0.modified) }) {
                try processor.process(inboxPath: path)
            }
            try installation.exportRefresher.refreshStale()
        }
    }
}
