import ArgumentParser
import Foundation
import KaowuCore

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a file as the daemon would, without applying anything.",
        discussion: """
            Writes the same report the daemon would (<name>.检查结果.xlsx and .json) into --out
            and prints its summary. Nothing is applied and the ledger is not touched.
            """)

    @Argument(help: "The spreadsheet to check.")
    var file: String

    @Option(help: "The kind of file (see `kaowu kinds`).")
    var kind: String

    @Option(help: "Check as this institution (its existing records count); default: none.")
    var institution: String?

    @Option(help: "Where to write the report (default: the current folder).")
    var out: String = FileManager.default.currentDirectoryPath

    @Flag(help: "Print the JSON report instead of a summary.")
    var json = false

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let installation = try Installation(options)
            guard let kind = installation.catalog.kind(id: kind) else {
                throw KaowuError.unknownKind(self.kind)
            }
            let who: Institution
            if let code = institution {
                guard let found = try installation.store.institution(code: code) else {
                    throw KaowuError.unknownInstitution(code)
                }
                who = found
            } else {
                // Operator kinds (legacy-candidates) act on a school's behalf.
                let role = kind.role == .operator ? InstitutionRole.school : kind.role
                who = Institution(code: "-", name: "（未指定机构）", role: role)
            }
            let processor = installation.processor
            let report = try processor.dryRun(path: file, kind: kind, institution: who)
            let base = out + "/" + ReportFiles.stem(of: file) + ".检查结果"
            let encoded = try report.json()
            try ReportFiles.write(
                report: report, json: encoded,
                submitted: processor.submittedSheet(path: file, kind: kind, report: report),
                thumbnails: processor.thumbnails(path: file, kind: kind, report: report),
                path: base)
            if json {
                print(String(decoding: encoded, as: UTF8.self))
            } else {
                print(
                    "\(report.status == .applied ? "可以导入" : "不能导入")：共 \(report.rows.total) 行，错误 \(report.errors.count) 处，警告 \(report.warnings.count) 处"
                )
                print("报告：\(base).xlsx")
            }
        }
    }
}
