import ArgumentParser
import Foundation
import KaowuCore

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show files waiting in the inbox, unfinished jobs and the latest jobs.")

    @Option(help: "How many recent jobs to show.")
    var last = 20

    @Flag(help: "Print JSON for other programs.")
    var json = false

    @OptionGroup var options: CommonOptions

    struct Snapshot: Encodable {
        var pending: [String]
        var unfinished: [Job]
        var recent: [Job]
    }

    struct Job: Encodable {
        var id: Int64
        var institution: String
        var kind: String?
        var file: String
        var stage: String
        var status: String?
        var receivedAt: String
        var finishedAt: String?
        var report: String?
    }

    func run() async throws {
        try await reportingErrors {
            let installation = try Installation(options)
            let root = installation.root
            let pending = await InboxWatcher.scanOnce(
                inboxRoot: root.inbox, settle: .zero, logger: installation.logger
            )
            .map { root.relative($0.path) }
            func job(_ r: JobRecord) -> Job {
                Job(
                    id: r.id, institution: r.institution, kind: r.kind, file: r.fileName,
                    stage: r.stage.rawValue, status: r.outcome?.rawValue,
                    receivedAt: r.receivedAt, finishedAt: r.finishedAt,
                    report: r.reportName.map { $0 + ".xlsx" })
            }
            let snapshot = Snapshot(
                pending: pending, unfinished: try installation.store.unfinishedJobs().map(job),
                recent: try installation.store.recentJobs(limit: last).map(job))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(snapshot), as: UTF8.self))
                return
            }
            print("收件箱待处理：\(snapshot.pending.count) 个文件")
            for p in snapshot.pending { print("  \(p)") }
            print("未完成作业：\(snapshot.unfinished.count) 个")
            print("最近作业：")
            for j in snapshot.recent {
                let label = j.status.flatMap(JobOutcome.init(rawValue:))?.chineseLabel ?? j.stage
                print("  #\(j.id)\t\(j.institution)\t\(j.kind ?? "-")\t\(label)\t\(j.file)")
            }
        }
    }
}
