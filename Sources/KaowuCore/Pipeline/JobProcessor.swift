import Foundation
import Logging
import SpreadsheetReading

/// Takes a dropped file through the stages, each in its own place:
/// watch (`InboxWatcher`) → claim (`DropClaimer`) → read (`SheetOpening`) →
/// validate and apply (`JobApplier`) → report (`ReportPublisher`) → archive (`Archiver`).
///
/// A job resumes from the stage the ledger says it reached, so a restart after a crash at any
/// point finishes it without applying it twice. Jobs run one at a time (one SQLite writer).
public final class JobProcessor: Sendable {
    public let root: KaowuRoot
    public let store: KaowuStore
    public let catalog: KindCatalog
    public let config: KaowuConfig
    public let clock: KaowuClock
    /// Where dropped .xls files are parsed: `kaowu` passes a child process of itself.
    public let xlsReading: XLSReading
    let logger: Logger

    public init(
        root: KaowuRoot, store: KaowuStore, catalog: KindCatalog, config: KaowuConfig,
        clock: KaowuClock, xlsReading: XLSReading, logger: Logger
    ) {
        self.root = root
        self.xlsReading = xlsReading
        self.store = store
        self.catalog = catalog
        self.config = config
        self.clock = clock
        self.logger = logger
    }

    private var claimer: DropClaimer {
        DropClaimer(root: root, store: store, clock: clock, logger: logger)
    }

    /// Claims one settled inbox file and takes it through every stage.
    public func process(inboxPath: String) throws {
        guard let job = try claimer.claim(inboxPath: inboxPath) else { return }
        try finish(job)
    }

    /// Finishes every job a stop or a crash left unfinished, oldest first.
    public func recover() throws {
        try claimer.adoptOrphans()
        for job in try store.unfinishedJobs() {
            logger.notice("resuming", metadata: ["job": "\(job.id)", "stage": "\(job.stage)"])
            try finish(job)
        }
    }

    /// Orders inbox files the way institutions' workflows need them (see `DropOrder`):
    /// each institution's candidates before its photos before its registrations ..., then by
    /// arrival; institutions take turns.
    public func workflowOrder(_ files: [(path: String, arrived: Date)]) -> [String] {
        DropOrder.arrange(
            files.map { file in
                let placement = DropClaimer.placement(ofInboxPath: file.path, inbox: root.inbox)
                let kind = placement.flatMap { catalog.kind(folder: $0.kindFolder) }
                return DropOrder.File(
                    path: file.path, arrived: file.arrived,
                    institution: placement?.institution ?? "",
                    rank: kind?.schema.kaowu.order ?? Int.max)
            })
    }

    private func finish(_ claimed: JobRecord) throws {
        var job = claimed
        // What this run decided, its workbook already being written; after a restart, the
        // ledger's copy is read back instead.
        var decided: Decision?
        if job.stage == .claimed {
            decided = try decide(job)
            FaultPoint.check(.decided, after: { _ = try? decided?.workbook.take() })
            job = try store.job(id: job.id)!
        }
        if job.stage == .decided {
            let decision = try decided ?? recorded(job)
            try ReportPublisher(root: root, store: store, logger: logger).publish(
                job: job, report: decision.report, json: decision.json,
                workbook: decision.workbook)
            FaultPoint.check(.reported)
            job = try store.job(id: job.id)!
        }
        if job.stage == .reported {
            try Archiver(root: root, store: store, clock: clock).archive(job: job)
        }
    }

    /// Runs a file the operator hands to the CLI (`kaowu import-legacy`) through every stage
    /// as a job of `kind` for `institution`, which the operator role may do for any kind. The
    /// file is copied, not moved. Returns the finished job (its report is in the outbox).
    public func processOperatorFile(path: String, kind: any Kind, institution: Institution)
        throws -> JobRecord
    {
        let job = try claimer.claim(operatorFile: path, institution: institution.code, kind: kind)
        try finish(job)
        return try store.job(id: job.id) ?? job
    }

    /// A decided job's report: as recorded in the ledger (`JobReport.json()`'s bytes) and its
    /// workbook, in flight.
    private struct Decision {
        var report: JobReport
        var json: Data
        var workbook: WorkbookInFlight
    }

    /// The report the ledger recorded with a job's decision, its workbook started.
    private func recorded(_ job: JobRecord) throws -> Decision {
        let json = try store.report(job: job.id) ?? Data()
        let report = try JSONDecoder().decode(JobReport.self, from: json)
        let kind = job.kind.flatMap(catalog.kind(id:))
        return Decision(
            report: report, json: json, workbook: workbook(of: report, job: job, kind: kind))
    }

    /// Starts writing the XLSX rendering of `report`: the submitted sheet and the photo
    /// thumbnails are read again from the claimed file for it.
    private func workbook(of report: JobReport, job: JobRecord, kind: (any Kind)?)
        -> WorkbookInFlight
    {
        let path = root.absolute(job.workPath)
        return WorkbookInFlight(
            job: job.id,
            folder: ReportPublisher.folder(
                root: root, institution: job.institution, kindFolder: job.kindFolder)
        ) { [self] temporaryPath in
            // Thumbnails are made while the rows they sit beside are written.
            let pictures = InFlight { [self] in thumbnails(path: path, kind: kind, report: report) }
            try ReportWorkbook.write(
                report, submitted: submittedSheet(path: path, kind: kind, report: report),
                thumbnails: pictures.value, to: temporaryPath)
        }
    }

    /// Decides a claimed job: applied (data and decision in one transaction), rejected, or
    /// duplicate. Store failures throw and leave the job claimed, to be retried. Returns the
    /// report the ledger recorded, whose workbook is written while the decision is recorded.
    private func decide(_ job: JobRecord) throws -> Decision {
        let path = root.absolute(job.workPath)
        let target = try resolve(job)
        let institution = target.institution
        let kind = target.kind
        var report = JobReport(
            status: .rejected, kind: kind?.id ?? "", kindTitle: kind?.title ?? "未知类型",
            institution: job.institution, institutionName: institution?.name ?? "",
            job: job.id, file: job.fileName, sha256: job.sha256, receivedAt: job.receivedAt,
            finishedAt: "", rows: RowCounts(), errors: target.problems, warnings: [])
        // The report as recorded: finished now, encoded once, its workbook started.
        func decision(_ r: JobReport) throws -> Decision {
            var final = r
            final.finishedAt = clock.iso(clock.now())
            let workbook = workbook(of: final, job: job, kind: kind)
            return Decision(report: final, json: try final.json(), workbook: workbook)
        }
        if let institution, let kind, target.problems.isEmpty {
            if let earlier = try store.earlierApplied(
                institution: institution.code, kind: kind.id, sha256: job.sha256)
            {
                report.status = .duplicate
                report.duplicateOf = earlier
                let duplicate = try decision(report)
                try store.recordDecision(
                    job: job.id, kind: kind.id, outcome: .duplicate, duplicateOf: earlier,
                    report: duplicate.json)
                logger.info("duplicate", metadata: ["job": "\(job.id)", "of": "\(earlier)"])
                return duplicate
            }
            // Recorded inside the transaction that applies the file, when it commits.
            var applied: Decision?
            switch try readAndApply(
                path: path, kind: kind, institution: institution, job: job.id, dryRun: false,
                decide: { verdict in
                    applied = try decision(Self.fill(report, with: verdict))
                    return applied!.json
                })
            {
            case .failure(let rejection):
                report.errors = rejection.problems
            case .success(let verdict):
                report = Self.fill(report, with: verdict)
                if verdict.committed, let applied {
                    logger.info(
                        "applied",
                        metadata: ["job": "\(job.id)", "rows": "\(verdict.rows.applied)"])
                    return applied
                }
            }
        }
        let rejected = try decision(report)
        try store.recordDecision(
            job: job.id, kind: kind?.id, outcome: .rejected, duplicateOf: nil,
            report: rejected.json)
        logger.info(
            "rejected", metadata: ["job": "\(job.id)", "errors": "\(report.errors.count)"])
        return rejected
    }

    /// Checks a file without applying anything: the same stages and the same report, in one
    /// transaction that is always rolled back. `institution` may be one not registered.
    public func dryRun(path: String, kind: any Kind, institution: Institution) throws
        -> JobReport
    {
        let (digest, _) = try DropClaimer.sha256(of: path)
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        var report = JobReport(
            status: .rejected, kind: kind.id, kindTitle: kind.title,
            institution: institution.code, institutionName: institution.name, job: 0,
            file: fileName, sha256: digest, receivedAt: clock.iso(clock.now()),
            finishedAt: clock.iso(clock.now()), dryRun: true, rows: RowCounts(), errors: [],
            warnings: [])
        switch try readAndApply(
            path: path, kind: kind, institution: institution, job: nil, dryRun: true,
            decide: { _ in Data() })
        {
        case .failure(let rejection):
            report.errors = rejection.problems
        case .success(let verdict):
            report = Self.fill(report, with: verdict)
        }
        if report.errors.isEmpty { report.status = .applied }
        return report
    }

    /// The read stage and the validate + apply stage, as the kind's input needs them: a sheet
    /// row by row, or a ZIP entry by entry. Returns the file-level rejection when the file
    /// cannot be read at all.
    private func readAndApply(
        path: String, kind: any Kind, institution: Institution, job: Int64?, dryRun: Bool,
        decide: (JobApplier.Verdict) throws -> Data
    ) throws -> Result<JobApplier.Verdict, FileRejection> {
        let applier = JobApplier(store: store, clock: clock, config: config)
        if let kind = kind as? any EntryKind {
            guard let photos = kind.schema.kaowu.photo else {
                preconditionFailure("SchemaLint admits no entry kind without kaowu.photo")
            }
            switch ArchiveOpening.open(path: path, photos: photos, config: config) {
            case .failure(let rejection): return .failure(rejection)
            case .success(let archive):
                return .success(
                    try applier.run(
                        archive: archive, kind: kind, institution: institution, job: job,
                        dryRun: dryRun, decide: decide))
            }
        }
        guard let kind = kind as? any SheetKind else {
            preconditionFailure("KindCatalog admits only sheet and entry kinds")
        }
        switch try SheetOpening.open(
            path: path, schema: kind.schema, config: config, xls: xlsReading)
        {
        case .failure(let rejection): return .failure(rejection)
        case .success(let sheet):
            return .success(
                try applier.run(
                    sheet: sheet, kind: kind, institution: institution, job: job,
                    dryRun: dryRun, decide: decide))
        }
    }

    /// The sheet a report copies, re-read from the claimed file: only for reports that point at
    /// cells, and only for kinds read as sheets.
    public func submittedSheet(path: String, kind: (any Kind)?, report: JobReport)
        -> SubmittedSheet?
    {
        guard let kind = kind as? any SheetKind,
            report.errors.contains(where: { $0.row != nil && $0.columnIndex != nil })
                || report.warnings.contains(where: { $0.row != nil && $0.columnIndex != nil }),
            case .success(let sheet) = try? SheetOpening.open(
                path: path, schema: kind.schema, config: config, xls: xlsReading)
        else { return nil }
        let workbook = sheet.workbook
        let index = sheet.sheet
        return SubmittedSheet(
            name: sheet.sheetName, headerRowNumber: sheet.columns.headerRow,
            rows: { body in try workbook.forEachRow(sheet: index, body) })
    }

    /// Thumbnails of the rejected photos a report lists, re-read from the claimed ZIP: only
    /// for photo kinds.
    public func thumbnails(path: String, kind: (any Kind)?, report: JobReport) -> [String: Data] {
        guard let settings = kind?.schema.kaowu.photo else { return [:] }
        return PhotoThumbnails.make(
            zipPath: path, report: report, settings: settings, config: config)
    }

    private static func fill(_ report: JobReport, with verdict: JobApplier.Verdict) -> JobReport {
        var report = report
        report.status = verdict.committed ? .applied : .rejected
        report.rows = verdict.rows
        report.errors += verdict.errors
        report.warnings += verdict.warnings
        report.entries = verdict.entries
        report.changes = verdict.changes
        return report
    }

    /// Whose file this is and which kind: the folder it was dropped in decides both.
    private func resolve(_ job: JobRecord) throws -> (
        institution: Institution?, kind: (any Kind)?, problems: [Problem]
    ) {
        guard let institution = try store.institution(code: job.institution) else {
            return (
                nil, nil,
                [
                    Problem(
                        code: ProblemCode.fileUnknownInstitution.rawValue,
                        message:
                            "收件箱里没有登记代码为“\(job.institution)”的机构；请联系管理员用 kaowu institution add 登记后再放入"
                    )
                ]
            )
        }
        // Only the operator's CLI names the kind at claim; drops are known by their folder.
        if let id = job.kind, let kind = catalog.kind(id: id) { return (institution, kind, []) }
        let allowed = catalog.kinds(for: institution.role).map(\.folder).joined(separator: "、")
        if job.kindFolder.isEmpty {
            return (
                institution, nil,
                [
                    Problem(
                        code: ProblemCode.fileMisplaced.rawValue,
                        message: "文件要放进对应类型的文件夹里才能处理：\(allowed)")
                ]
            )
        }
        guard let kind = catalog.kind(folder: job.kindFolder) else {
            return (
                institution, nil,
                [
                    Problem(
                        code: ProblemCode.fileUnknownFolder.rawValue,
                        message: "“\(job.kindFolder)”不是可用的文件夹；请把文件放入以下文件夹之一：\(allowed)")
                ]
            )
        }
        guard kind.role == institution.role else {
            return (
                institution, kind,
                [
                    Problem(
                        code: ProblemCode.fileRoleForbidden.rawValue,
                        message:
                            "“\(kind.title)”只能由\(kind.role.chineseName)提交，\(institution.name)（\(institution.role.chineseName)）无权提交；本文件未做任何处理"
                    )
                ]
            )
        }
        let sizeLimit = Int64(config.limits.maxFileMegabytes) << 20
        if job.size > sizeLimit {
            return (
                institution, kind,
                [
                    Problem(
                        code: ProblemCode.fileTooLarge.rawValue,
                        message: "文件超过 \(config.limits.maxFileMegabytes) MB，超出处理上限；请拆分后重新放入")
                ]
            )
        }
        return (institution, kind, [])
    }
}
