import Foundation
import GRDB
import SpreadsheetReading

/// The validate and apply stages, streamed row by row inside one write transaction, so memory
/// does not grow with the file and there is one round trip per row, not per check. Rows' fields
/// are checked on the threads that read the file (that needs no database) a few batches ahead
/// of this one, which checks primary keys and applies the rows in file order.
///
/// ZIP kinds take the same path entry by entry (`JobApplier+Entries.swift`).
///
/// Exactly once: the job's decision (`applied`, with its report) is written in the same
/// transaction as the rows. Any error row, a read failure half-way, a crash or a dry run rolls
/// the whole transaction back: nothing of the file is applied. Once a file has an error, or in
/// a dry run, its remaining rows are judged (`RowApplier.judge`) instead of applied: the same
/// findings without writes that would only be rolled back.
struct JobApplier {
    let store: KaowuStore
    let clock: KaowuClock
    let config: KaowuConfig

    /// What validating and applying a file found.
    struct Verdict {
        var committed: Bool
        var rows: RowCounts
        var errors: [Problem]
        var warnings: [Problem]
        /// ZIP kinds: one line per entry.
        var entries: [EntryResult]?
        /// What the rows changed (kinds that modify only); empty unless the file is accepted.
        var changes: [Change]?
    }

    /// Validates and applies `sheet`. With `dryRun`, everything runs the same and is rolled back.
    /// `decide` builds the report from the verdict; on commit it is recorded with the data.
    func run(
        sheet: OpenedSheet, kind: any SheetKind, institution: Institution, job: Int64?,
        dryRun: Bool, decide: (Verdict) throws -> Data
    ) throws -> Verdict {
        try inTransaction(
            kind: kind, institution: institution, job: job, dryRun: dryRun, decide: decide
        ) { scope, verdict in
            verdict.warnings = sheet.warnings
            do {
                try validateAndApply(
                    sheet: sheet, kind: kind, scope: scope, dryRun: dryRun, verdict: &verdict)
            } catch let error as SpreadsheetReadError {
                verdict.errors.append(ReadFailure.problem(for: error))
            }
            if verdict.rows.total == 0 && verdict.errors.isEmpty {
                verdict.errors.append(
                    Problem(
                        code: ProblemCode.fileNoRows.rawValue,
                        message: "表头下面没有任何数据行；请从第 \(sheet.columns.headerRow + 1) 行起填写"))
            }
        }
    }

    /// The one place a job's data and its decision meet: runs `apply` in one write
    /// transaction and commits only when it found no error and this is not a dry run, writing
    /// the `applied` decision (built by `decide`) in the same transaction.
    func inTransaction(
        kind: any Kind, institution: Institution, job: Int64?, dryRun: Bool,
        decide: (Verdict) throws -> Data, apply: (JobScope, inout Verdict) throws -> Void
    ) throws -> Verdict {
        let context = ValidationContext(now: clock.now(), timeZone: config.zone)
        return try store.transaction { db in
            let jobID = try job ?? store.placeholderJob(db, institution: institution)
            let scope = JobScope(
                institution: institution, job: jobID, context: context,
                records: store.records(db, institution: institution.code))
            var verdict = Verdict(committed: false, rows: RowCounts(), errors: [], warnings: [])
            try apply(scope, &verdict)
            verdict.committed = verdict.errors.isEmpty && !dryRun
            if !verdict.committed {
                verdict.rows.applied = 0
                if verdict.rows.replaced != nil { verdict.rows.replaced = 0 }
                verdict.entries = verdict.entries?.map { entry in
                    var entry = entry
                    if entry.outcome == .added || entry.outcome == .replaced {
                        entry.outcome = .passed
                    }
                    return entry
                }
            }
            if verdict.committed, let job {
                try store.recordDecision(
                    db, job: job, kind: kind.id, outcome: .applied, duplicateOf: nil,
                    report: decide(verdict))
                try store.markStale(db, institution: institution.code, exports: kind.staleExports)
            }
            return (verdict, verdict.committed)
        }
    }

    private func validateAndApply(
        sheet: OpenedSheet, kind: any SheetKind, scope: JobScope, dryRun: Bool,
        verdict: inout Verdict
    ) throws {
        let validator = RowValidator(
            schema: kind.schema, columns: sheet.columns, context: scope.context)
        var keys = validator.makeKeyIndex()
        let fields = FieldColumns(schema: kind.schema, columns: sheet.columns)
        var applier = kind.makeApplier(scope: scope)
        let mapped = sheet.columns.columns.compactMap { $0 }
        let headerRow = sheet.columns.headerRow
        var rows = verdict.rows
        var errors = verdict.errors
        var warnings = verdict.warnings
        // Checking fields needs no database: it runs on the reading threads, while this one
        // settles the primary key (in row order) and applies. Once the file cannot commit they
        // stop working out values only stored (a blank pinyin's reading: a quarter of a
        // rejected 100,000-row roster's checking).
        let outlook = CommitOutlook(possible: !dryRun && errors.isEmpty)
        let checkFields: @Sendable (SheetRow) -> CheckedRow? = { row in
            guard row.number > headerRow, !Self.isBlank(row, columns: mapped) else { return nil }
            return CheckedRow(
                row: row, fields: validator.checkFields(row, fillingIn: outlook.isPossible))
        }
        try sheet.workbook.forEachRow(sheet: sheet.sheet, prepare: checkFields) { checked in
            guard let checked else { return }
            rows.total += 1
            let (valid, problems) = validator.settle(checked.fields, keys: &keys)
            var rowErrors = problems.errors
            var rowWarnings = problems.warnings
            if let valid {
                // A file that cannot commit any more only needs its rows judged, not written.
                let failures =
                    try dryRun || !errors.isEmpty ? applier.judge(valid) : applier.apply(valid)
                for failure in failures {
                    let found = fields.problem(failure, row: checked.row)
                    if failure.isWarning {
                        rowWarnings.append(found)
                    } else {
                        rowErrors.append(found)
                    }
                }
                if rowErrors.isEmpty {
                    rows.applied += 1
                    FaultPoint.checkApplied(rows: rows.applied)
                }
            }
            if !rowErrors.isEmpty {
                rows.error += 1
                outlook.ruleOut()
            }
            if !rowWarnings.isEmpty { rows.warning += 1 }
            errors += rowErrors
            warnings += rowWarnings
        }
        verdict.rows = rows
        verdict.errors = errors
        verdict.warnings = warnings
        // A rejected file changed nothing, whatever its accepted rows would have changed.
        verdict.changes = applier.changes.map { changes in
            errors.isEmpty ? changes.map(fields.locate) : []
        }
    }

    /// Rows whose template cells are all blank (spaces, formatting only) are not data.
    private static func isBlank(_ row: SheetRow, columns: [Int]) -> Bool {
        columns.allSatisfy { c in c >= row.cells.count || RowValidator.isBlank(row.cells[c]) }
    }
}

/// A data row with its fields checked.
private struct CheckedRow: Sendable {
    var row: SheetRow
    var fields: CheckedFields
}

/// Where a schema field sits in the submitted sheet, for pointing a kind's findings at cells.
private struct FieldColumns {
    let schema: TableSchema
    let columns: ColumnMap

    /// The problem `failure` (a kind's rule, found while applying) is, at its cell of `row`.
    func problem(_ failure: FieldFailure, row: SheetRow) -> Problem {
        let (column, title) = place(of: failure.field)
        return Problem(
            row: row.number, column: title, columnIndex: column,
            value: column.map { $0 < row.cells.count ? row.cells[$0].displayText : "" },
            code: failure.failure.code, message: failure.failure.message)
    }

    /// `change` with the submitted column's header (the schema's title when it has none).
    func locate(_ change: Change) -> Change {
        var change = change
        change.column = place(of: change.field).title
        return change
    }

    /// Field `name`'s column in the sheet, and the title a clerk reads for it: the sheet's
    /// header, else the schema's title (nil for a name the schema does not have).
    private func place(of name: String) -> (column: Int?, title: String?) {
        let field = schema.fields.firstIndex { $0.name == name }
        let column = field.flatMap { columns.columns[$0] }
        return (
            column, column.flatMap { columns.headers[$0] } ?? field.map { schema.fields[$0].title }
        )
    }
}

extension KaowuStore {
    /// The records a job of `institution` may use inside transaction `db`.
    func records(_ db: Database, institution: String) -> JobRecords {
        JobRecords(
            candidates: SQLiteCandidateRepository(db: db, school: institution),
            photos: SQLitePhotoRepository(db: db, school: institution),
            examCatalog: SQLiteExamCatalogRepository(db: db, org: institution),
            registrations: SQLiteRegistrationRepository(db: db, school: institution))
    }

    /// A dry run has no claimed job; this stand-in (and its institution, when the run names none
    /// that exists) lives only inside the dry run's transaction, which is always rolled back.
    func placeholderJob(_ db: Database, institution: Institution) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO institution (code, name, role, createdAt) VALUES (?, ?, ?, '')
                ON CONFLICT (code) DO NOTHING
                """, arguments: [institution.code, institution.name, institution.role.rawValue])
        try db.execute(
            sql: """
                INSERT INTO job (institution, kindFolder, fileName, workPath, sha256, size,
                                 receivedAt, stage)
                VALUES (?, '', '', ?, '', 0, '', 'claimed')
                """, arguments: [institution.code, "dry-run:" + UUID().uuidString])
        return db.lastInsertedRowID
    }
}

/// Whether a file can still commit, as the applying thread learns it and the checking threads
/// ask (once a row has an error, it cannot).
///
/// `@unchecked Sendable`: `possible` is only touched under `lock`.
private final class CommitOutlook: @unchecked Sendable {
    private let lock = NSLock()
    private var possible: Bool

    init(possible: Bool) {
        self.possible = possible
    }

    var isPossible: Bool { lock.withLock { possible } }

    func ruleOut() {
        lock.withLock { possible = false }
    }
}
