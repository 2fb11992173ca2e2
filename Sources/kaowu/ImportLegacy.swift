import ArgumentParser
import Foundation
import KaowuCore

struct ImportLegacy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-legacy",
        abstract:
            "Import last year's candidates of a school once, when only name and ID are known.",
        discussion: """
            For the operator taking over an earlier system's data: the file follows the
            legacy-candidates template (考生类别, 姓名*, 证件类型, 证件号码*, and any other
            candidate column). It runs as a job like any dropped file: all or nothing, a report
            in outbox/<CODE>/历史考生导入/, the school's 考生信息 export rewritten. The school then
            completes the records through that export and batch modify.
            """)

    @Argument(help: "The spreadsheet (.xlsx, .xls or .csv) to import.")
    var file: String

    @Option(help: "The school whose candidates these are.")
    var institution: String

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let installation = try Installation(options)
            guard let school = try installation.store.institution(code: institution),
                school.role == .school
            else {
                throw KaowuError.unknownInstitution(institution)
            }
            guard let kind = installation.catalog.kind(id: "legacy-candidates") else {
                throw KaowuError.unknownKind("legacy-candidates")
            }
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw KaowuError.io("无法读取 \(file)")
            }
            let job = try installation.processor.processOperatorFile(
                path: file, kind: kind, institution: school)
            try installation.exportRefresher.refreshStale()
            let outcome = job.outcome?.chineseLabel ?? "未完成"
            print("作业 \(job.id)：\(outcome)")
            if let report = job.reportName {
                print("报告：\(installation.root.absolute(report)).xlsx")
            }
        }
    }
}
