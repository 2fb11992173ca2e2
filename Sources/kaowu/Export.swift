import ArgumentParser
import KaowuCore

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite every outbox export from the store now, then exit.",
        discussion: """
            The exports (考生信息, 考试计划, 报考名单) are rewritten whenever a job changes their
            data, and all of them when serve starts. This does the same rewrite at once, without
            the daemon: for an export deleted or edited by mistake, or after an upgrade.
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let installation = try Installation(options)
            try installation.store.markEveryExportStale()
            let rewritten = try installation.exportRefresher.refreshStale()
            print("已重写 \(rewritten) 项导出")
        }
    }
}
