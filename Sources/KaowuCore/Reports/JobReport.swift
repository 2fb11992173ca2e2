import Foundation
import SpreadsheetReading

/// How a job ended, as the report's name and its JSON `status` say it.
public enum JobOutcome: String, Codable, Sendable, CaseIterable {
    case applied
    case rejected
    case duplicate

    /// The word a clerk sees in the report's file name and summary.
    public var chineseLabel: String {
        switch self {
        case .applied: return "已导入"
        case .rejected: return "已拒绝"
        case .duplicate: return "重复文件"
        }
    }
}

/// One thing wrong (an error) or worth a look (a warning) in a submitted file.
/// File-level problems have neither `row` nor `entry`.
public struct Problem: Codable, Sendable, Equatable {
    /// The row number Excel shows, title rows included.
    public var row: Int?
    /// For ZIP files: the entry's name, in place of a row.
    public var entry: String?
    /// The column's header as the file has it (or the schema's title when the column is missing).
    public var column: String?
    /// 0-based column index in the submitted sheet, used to mark the cell in the report's copy.
    public var columnIndex: Int?
    /// The value as submitted, as text.
    public var value: String?
    /// A stable English id from `ProblemCode`.
    public var code: String
    /// What is wrong and how to fix it, in Chinese.
    public var message: String

    public init(
        row: Int? = nil, entry: String? = nil, column: String? = nil, columnIndex: Int? = nil,
        value: String? = nil, code: String, message: String
    ) {
        self.row = row
        self.entry = entry
        self.column = column
        self.columnIndex = columnIndex
        self.value = value
        self.code = code
        self.message = message
    }
}

public struct RowCounts: Codable, Sendable, Equatable {
    public var total: Int
    public var applied: Int
    public var error: Int
    public var warning: Int
    /// Photo ZIPs: how many of the applied entries replaced an earlier photo (nil for sheets).
    public var replaced: Int?

    public init(
        total: Int = 0, applied: Int = 0, error: Int = 0, warning: Int = 0, replaced: Int? = nil
    ) {
        self.total = total
        self.applied = applied
        self.error = error
        self.warning = warning
        self.replaced = replaced
    }
}

/// Everything a result report says. The XLSX report and its JSON twin are two renderings of it;
/// the JSON encoding of this type is the documented machine interface (see README, "JSON report").
public struct JobReport: Codable, Sendable {
    public var status: JobOutcome
    public var kind: String
    public var kindTitle: String
    public var institution: String
    public var institutionName: String
    public var job: Int64
    public var file: String
    public var sha256: String
    public var receivedAt: String
    public var finishedAt: String
    /// For a duplicate: the job that applied the same content before.
    public var duplicateOf: Int64?
    /// True when the report comes from `kaowu check`: nothing was applied.
    public var dryRun: Bool
    public var rows: RowCounts
    public var errors: [Problem]
    public var warnings: [Problem]
    /// ZIP kinds: one line per entry, in the ZIP's order (nil for sheets).
    public var entries: [EntryResult]?
    /// For kinds that modify records (batch modify): every field the file changed, in file
    /// order; empty when nothing changed or the file was rejected. Nil (absent from the JSON)
    /// for kinds that only add.
    public var changes: [Change]?

    public init(
        status: JobOutcome, kind: String, kindTitle: String, institution: String,
        institutionName: String, job: Int64, file: String, sha256: String, receivedAt: String,
        finishedAt: String, duplicateOf: Int64? = nil, dryRun: Bool = false, rows: RowCounts,
        errors: [Problem], warnings: [Problem], entries: [EntryResult]? = nil,
        changes: [Change]? = nil
    ) {
        self.status = status
        self.kind = kind
        self.kindTitle = kindTitle
        self.institution = institution
        self.institutionName = institutionName
        self.job = job
        self.file = file
        self.sha256 = sha256
        self.receivedAt = receivedAt
        self.finishedAt = finishedAt
        self.duplicateOf = duplicateOf
        self.dryRun = dryRun
        self.rows = rows
        self.errors = errors
        self.warnings = warnings
        self.entries = entries
        self.changes = changes
    }

    /// The report's JSON twin, as people read and diff it: indented, keys sorted, slashes
    /// unescaped. The ledger keeps these same bytes, so a report is encoded once and the twin
    /// written after a restart is the one a clean run writes.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// One field of one stored record that a row changed: the report's 变更 sheet.
public struct Change: Codable, Sendable, Equatable {
    /// The row number Excel shows.
    public var row: Int
    /// The schema field's name (`mobile`).
    public var field: String
    /// The column's header as the file has it (or the schema's title).
    public var column: String?
    /// The stored value before, as a template cell shows it; "" when it was empty.
    public var from: String
    /// The stored value after; "" when the row cleared it.
    public var to: String

    public init(row: Int, field: String, column: String? = nil, from: String, to: String) {
        self.row = row
        self.field = field
        self.column = column
        self.from = from
        self.to = to
    }
}

/// The submitted sheet, streamed again when the report copies it: the report's copy keeps the
/// original row numbers so a corrected copy can be dropped straight back.
public struct SubmittedSheet: Sendable {
    public var name: String
    public var headerRowNumber: Int
    /// Calls `body` with every non-empty row of the submitted sheet, in order.
    public var rows: @Sendable ((SheetRow) throws -> Void) throws -> Void

    public init(
        name: String, headerRowNumber: Int,
        rows: @escaping @Sendable ((SheetRow) throws -> Void) throws -> Void
    ) {
        self.name = name
        self.headerRowNumber = headerRowNumber
        self.rows = rows
    }
}
