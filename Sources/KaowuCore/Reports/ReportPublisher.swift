import Foundation
import Logging

/// The report stage: writes a job's XLSX report and its JSON twin into the outbox folder that
/// mirrors the inbox folder the file came from. Both are written to a temporary name and renamed,
/// so no one ever opens half a report. The name is reserved in the ledger before writing, so a
/// restart rewrites the same report instead of adding a second one, and a later drop of the same
/// file name gets `(2)`, `(3)`, ... instead of overwriting.
struct ReportPublisher {
    let root: KaowuRoot
    let store: KaowuStore
    let logger: Logger

    /// `json` is the report as the ledger recorded it (`JobReport.json()`), `workbook` its
    /// XLSX rendering, written in the report's folder.
    func publish(job: JobRecord, report: JobReport, json: Data, workbook: WorkbookInFlight)
        throws
    {
        let folder = Self.folder(
            root: root, institution: job.institution, kindFolder: job.kindFolder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path: String
        if let reserved = job.reportName {
            path = root.absolute(reserved)
        } else {
            path = try freePath(
                in: folder, stem: ReportFiles.stem(of: job.fileName), label: report.status)
            try store.reserveReportName(job: job.id, name: root.relative(path))
        }
        try ReportFiles.place(workbook: workbook.take(), json: json, at: path)
        try store.markReported(job: job.id)
        logger.info(
            "reported",
            metadata: ["job": "\(job.id)", "status": "\(report.status.rawValue)"])
    }

    static func folder(root: KaowuRoot, institution: String, kindFolder: String) -> String {
        [root.outbox, institution, kindFolder].filter { !$0.isEmpty }.joined(separator: "/")
    }

    /// `考生.已导入`, else `考生.已导入(2)`, ...: the first name no file and no job holds
    /// (returned without extension).
    private func freePath(in folder: String, stem: String, label: JobOutcome) throws -> String {
        let fm = FileManager.default
        var n = 1
        while true {
            let path = folder + "/" + stem + "." + label.chineseLabel + (n == 1 ? "" : "(\(n))")
            if !fm.fileExists(atPath: path + ".xlsx"), !fm.fileExists(atPath: path + ".json"),
                try !store.isReportNameTaken(root.relative(path))
            {
                return path
            }
            n += 1
        }
    }
}

/// The two files of one report, written so no one ever sees half of them.
public enum ReportFiles {
    /// Writes both files of a report: `path.xlsx` and `path.json`, the latter `json`
    /// (`report.json()`'s bytes). `thumbnails` (JPEG by ZIP entry path) appear on the XLSX's
    /// 照片 sheet.
    public static func write(
        report: JobReport, json: Data, submitted: SubmittedSheet?,
        thumbnails: [String: Data] = [:], path: String
    ) throws {
        let workbook = try TemporaryFile(becoming: path + ".xlsx")
        try workbook.write { path in
            try ReportWorkbook.write(
                report, submitted: submitted, thumbnails: { thumbnails }, to: path)
        }
        try place(workbook: workbook, json: json, at: path)
    }

    /// Puts a written workbook (a temporary file in `path`'s folder, gone afterwards either
    /// way) at `path.xlsx` and the report's JSON twin (`JobReport.json()`'s bytes) at
    /// `path.json`, each under a temporary name first and renamed.
    static func place(workbook: TemporaryFile, json: Data, at path: String) throws {
        let tempJSON = try TemporaryFile(becoming: path + ".json")
        do {
            try json.write(to: URL(fileURLWithPath: tempJSON.path))
            try rename(workbook.path, to: path + ".xlsx")
            try rename(tempJSON.path, to: path + ".json")
        } catch {
            try? FileManager.default.removeItem(atPath: workbook.path)
            try? FileManager.default.removeItem(atPath: tempJSON.path)
            throw error
        }
    }

    /// A file name without its extension: the start of its report's name.
    public static func stem(of fileName: String) -> String {
        let url = URL(fileURLWithPath: fileName)
        let stem = url.deletingPathExtension().lastPathComponent
        return stem.isEmpty ? fileName : stem
    }

    private static func rename(_ from: String, to: String) throws {
        guard Foundation.rename(from, to) == 0 else {
            throw KaowuError.io("无法写入报告 \(to)：\(String(cString: strerror(errno)))")
        }
    }
}
