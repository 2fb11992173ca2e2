import Foundation

/// A kind of file staff drop: its schema (`schemas/<id>.json`) plus its domain rules.
/// Adding a kind is one schema, one small type conforming to `SheetKind` or `EntryKind` (as
/// the schema's `kaowu.input` says), and one line in `KindCatalog.builtIn`.
public protocol Kind: Sendable {
    var schema: TableSchema { get }

    /// The outbox exports an applied file of this kind makes stale: rewritten once its data has
    /// committed (and again by recovery, should the daemon stop before the report is out).
    var staleExports: [OutboxExport] { get }
}

/// A kind dropped as a spreadsheet filled in from its template: validated and applied row by
/// row (`JobApplier`).
public protocol SheetKind: Kind {
    /// Starts applying one file. The applier runs inside the job's transaction: whatever it
    /// writes through `scope.records` is committed only if the whole file is accepted.
    func makeApplier(scope: JobScope) -> any RowApplier
}

/// A kind dropped as a ZIP whose entries are judged one by one (photos): read by
/// `ArchiveOpening`, checked on every core, then applied entry by entry in one transaction
/// (`JobApplier`), with the same all-or-nothing rule as sheets.
public protocol EntryKind: Kind {
    associatedtype Finding: Sendable
    associatedtype Applier: EntryApplier where Applier.Finding == Finding

    /// Entries larger than this are not read; `examine` gets nil data for them.
    var maxEntryBytes: Int { get }

    /// Judges one entry on its own, without records. Must be pure: it runs on several threads
    /// at once, outside the transaction.
    func examine(path: String, data: Data?, bytes: Int) -> Finding

    /// Starts applying one file whose (not skipped) entries have these paths, in order.
    /// The applier runs inside the job's transaction, like a `RowApplier`.
    func makeEntryApplier(scope: JobScope, paths: [String]) -> Applier
}

/// Applies a ZIP's entries, one at a time, in the ZIP's order.
public protocol EntryApplier {
    associatedtype Finding

    /// Applies an entry whose finding has no errors, or adds the errors saying why it cannot
    /// be; either way returns the entry's line for the report. Entries with errors are passed
    /// too (to fill their report line) and must not be applied. Throwing aborts the job:
    /// nothing is applied.
    mutating func apply(path: String, finding: Finding, data: Data?) throws -> EntryVerdict

    /// `apply`'s verdict without writing, where the kind can: called instead of `apply` once
    /// the file cannot be committed, as `RowApplier.judge` is. Must return exactly what `apply`
    /// would, whether or not the file's earlier entries were applied. The default applies.
    mutating func judge(path: String, finding: Finding, data: Data?) throws -> EntryVerdict
}

extension EntryApplier {
    public mutating func judge(path: String, finding: Finding, data: Data?) throws
        -> EntryVerdict
    {
        try apply(path: path, finding: finding, data: data)
    }
}

/// One entry's line in the report and the problems that go with it.
public struct EntryVerdict: Sendable {
    public var result: EntryResult
    public var errors: [CheckFailure]
    public var warnings: [CheckFailure]

    public init(result: EntryResult, errors: [CheckFailure], warnings: [CheckFailure]) {
        self.result = result
        self.errors = errors
        self.warnings = warnings
    }
}

extension Kind {
    public var staleExports: [OutboxExport] { [] }

    public var id: String { schema.name }
    public var title: String { schema.title }
    public var folder: String { schema.kaowu.folder }
    public var role: InstitutionRole { schema.kaowu.role }
}

/// Applies a file's rows, one at a time, in file order.
public protocol RowApplier {
    /// Applies a row that passed the schema's checks, or returns the errors saying why it
    /// cannot be; warnings may come with an applied row. Throwing aborts the job: nothing is
    /// applied.
    mutating func apply(_ row: ValidatedRow) throws -> [FieldFailure]

    /// Finds what `apply` would find for `row`, writing nothing where the kind can: called
    /// instead of `apply` once the file cannot be committed (it already has an error, or it
    /// is a dry run), so a rejected file does not write rows only to roll them back. Must
    /// return exactly what `apply` would, whether or not the file's earlier rows were
    /// applied. The default applies the row (the transaction is rolled back anyway).
    mutating func judge(_ row: ValidatedRow) throws -> [FieldFailure]

    /// For kinds that modify records: what the applied rows changed so far (`column` left nil;
    /// the pipeline fills it in). Nil for kinds that only add.
    var changes: [Change]? { get }
}

extension RowApplier {
    public var changes: [Change]? { nil }

    public mutating func judge(_ row: ValidatedRow) throws -> [FieldFailure] {
        try apply(row)
    }
}

/// A domain rule's verdict on one field of a row; the pipeline adds the row, column and value.
/// A warning is reported but does not stop the row from being applied.
public struct FieldFailure: Sendable {
    /// The schema field's name.
    public var field: String
    public var failure: CheckFailure
    public var isWarning: Bool

    public init(field: String, failure: CheckFailure, isWarning: Bool = false) {
        self.field = field
        self.failure = failure
        self.isWarning = isWarning
    }
}

/// What a kind may see and touch while applying one file.
public struct JobScope {
    public var institution: Institution
    public var job: Int64
    public var context: ValidationContext
    /// The records of this institution only.
    public var records: JobRecords
}

/// The repositories a job may use, already scoped to its institution.
public struct JobRecords {
    public var candidates: any CandidateRepository
    public var photos: any PhotoRepository
    /// Certificates, subjects and plans: readable by all, written only by their own org.
    public var examCatalog: any ExamCatalogRepository
    /// The job's school's registrations.
    public var registrations: any RegistrationRepository
}
