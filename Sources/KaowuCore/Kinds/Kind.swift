/// A kind of file staff drop: its template schema (`schemas/<id>.json`) plus its domain rules.
/// Adding a kind is one schema, one small type conforming to this protocol, and one line in
/// `KindCatalog.builtIn`.
public protocol Kind: Sendable {
    var schema: TableSchema { get }

    /// Starts applying one file. The applier runs inside the job's transaction: whatever it
    /// writes through `scope.records` is committed only if the whole file is accepted.
    func makeApplier(scope: JobScope) -> any RowApplier

    /// The outbox exports an applied file of this kind makes stale: rewritten once its data has
    /// committed (and again by recovery, should the daemon stop before the report is out).
    var staleExports: [OutboxExport] { get }
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
    /// cannot be (empty when applied). Throwing aborts the job: nothing is applied.
    mutating func apply(_ row: ValidatedRow) throws -> [FieldFailure]

    /// For kinds that modify records: what the applied rows changed so far (`column` left nil;
    /// the pipeline fills it in). Nil for kinds that only add.
    var changes: [Change]? { get }
}

extension RowApplier {
    public var changes: [Change]? { nil }
}

/// A domain rule's verdict on one field of a row; the pipeline adds the row, column and value.
public struct FieldFailure: Sendable {
    /// The schema field's name.
    public var field: String
    public var failure: CheckFailure

    public init(field: String, failure: CheckFailure) {
        self.field = field
        self.failure = failure
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
}
