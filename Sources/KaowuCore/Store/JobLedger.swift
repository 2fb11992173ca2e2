import Foundation
import GRDB

/// Where a job stands. A job moves forward only: claimed → decided → reported → archived.
public enum JobStage: String, Sendable, Codable {
    /// The file sits in the work area; nothing of it is applied.
    case claimed
    /// Its outcome and report content are recorded. For an applied file this mark is written
    /// in the same transaction as the data, so the data is there exactly when the mark is.
    case decided
    /// The report files are in the outbox.
    case reported
    /// The original is in `archive/`: the job is finished.
    case archived
}

/// One row of the job ledger.
public struct JobRecord: Sendable {
    public var id: Int64
    public var institution: String
    public var kind: String?
    public var kindFolder: String
    public var fileName: String
    /// Relative to the root.
    public var workPath: String
    public var sha256: String
    public var size: Int64
    public var receivedAt: String
    public var stage: JobStage
    public var outcome: JobOutcome?
    public var duplicateOf: Int64?
    public var reportName: String?
    public var archivePath: String?
    public var finishedAt: String?

    init(row: Row) {
        id = row["id"]
        institution = row["institution"]
        kind = row["kind"]
        kindFolder = row["kindFolder"]
        fileName = row["fileName"]
        workPath = row["workPath"]
        sha256 = row["sha256"]
        size = row["size"]
        receivedAt = row["receivedAt"]
        stage = JobStage(rawValue: row["stage"]) ?? .claimed
        outcome = (row["outcome"] as String?).flatMap(JobOutcome.init(rawValue:))
        duplicateOf = row["duplicateOf"]
        reportName = row["reportName"]
        archivePath = row["archivePath"]
        finishedAt = row["finishedAt"]
    }
}

/// What a claim records before anything is read.
public struct JobClaim: Sendable {
    public var institution: String
    public var kind: String?
    public var kindFolder: String
    public var fileName: String
    public var workPath: String
    public var sha256: String
    public var size: Int64
    public var receivedAt: String
}

extension KaowuStore {
    /// Records a claimed file. Idempotent per work path: a restart that finds the same claimed
    /// file again gets the same job back.
    public func recordClaim(_ claim: JobClaim) throws -> JobRecord {
        try pool.write { db in
            if let existing = try Row.fetchOne(
                db, sql: "SELECT * FROM job WHERE workPath = ?", arguments: [claim.workPath])
            {
                return JobRecord(row: existing)
            }
            try db.execute(
                sql: """
                    INSERT INTO job (institution, kind, kindFolder, fileName, workPath, sha256,
                                     size, receivedAt, stage)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'claimed')
                    """,
                arguments: [
                    claim.institution, claim.kind, claim.kindFolder, claim.fileName,
                    claim.workPath, claim.sha256, claim.size, claim.receivedAt,
                ])
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM job WHERE id = ?", arguments: [db.lastInsertedRowID])!
            return JobRecord(row: row)
        }
    }

    public func job(id: Int64) throws -> JobRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [id])
                .map(JobRecord.init(row:))
        }
    }

    /// Jobs a crash or a stop left before `archived`, oldest first.
    public func unfinishedJobs() throws -> [JobRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM job WHERE stage != 'archived' ORDER BY id"
            ).map(JobRecord.init(row:))
        }
    }

    public func recentJobs(limit: Int) throws -> [JobRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM job ORDER BY id DESC LIMIT ?", arguments: [limit]
            ).map(JobRecord.init(row:))
        }
    }

    /// The job that already applied the same content of the same kind for this institution.
    public func earlierApplied(institution: String, kind: String, sha256: String) throws
        -> Int64?
    {
        try pool.read { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT id FROM job WHERE institution = ? AND kind = ? AND sha256 = ?
                    AND outcome = 'applied' ORDER BY id LIMIT 1
                    """, arguments: [institution, kind, sha256])
        }
    }

    /// Records a job's outcome and report content inside the caller's transaction.
    /// Throws if the job was already decided, so a retried job can never be applied twice.
    func recordDecision(
        _ db: Database, job: Int64, kind: String?, outcome: JobOutcome, duplicateOf: Int64?,
        report: Data
    ) throws {
        try db.execute(
            sql: """
                UPDATE job SET stage = 'decided', kind = ?, outcome = ?, duplicateOf = ?
                WHERE id = ? AND stage = 'claimed'
                """,
            arguments: [kind, outcome.rawValue, duplicateOf, job])
        guard db.changesCount == 1 else {
            throw KaowuError.io("作业 \(job) 已有结果，未重复处理")
        }
        try db.execute(
            sql: "INSERT INTO job_report (job, json) VALUES (?, ?)",
            arguments: [job, String(decoding: report, as: UTF8.self)])
    }

    /// The report content recorded with the job's decision (`JobReport.json()`'s bytes); nil
    /// before the decision.
    public func report(job: Int64) throws -> Data? {
        try pool.read { db in
            try String.fetchOne(
                db, sql: "SELECT json FROM job_report WHERE job = ?", arguments: [job]
            ).map { Data($0.utf8) }
        }
    }

    /// Records a decision in its own transaction (rejections and duplicates apply nothing).
    func recordDecision(
        job: Int64, kind: String?, outcome: JobOutcome, duplicateOf: Int64?, report: Data
    ) throws {
        try pool.write { db in
            try recordDecision(
                db, job: job, kind: kind, outcome: outcome, duplicateOf: duplicateOf,
                report: report)
        }
    }

    /// Whether another job already holds this report name (names are reserved before writing,
    /// so a restart rewrites its own report instead of adding a second one).
    func isReportNameTaken(_ name: String) throws -> Bool {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT 1 FROM job WHERE reportName = ?", arguments: [name])
                != nil
        }
    }

    func reserveReportName(job: Int64, name: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE job SET reportName = ? WHERE id = ?", arguments: [name, job])
        }
    }

    func markReported(job: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE job SET stage = 'reported' WHERE id = ?", arguments: [job])
        }
    }

    func markArchived(job: Int64, archivePath: String, finishedAt: String) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE job SET stage = 'archived', archivePath = ?, finishedAt = ? WHERE id = ?
                    """, arguments: [archivePath, finishedAt, job])
        }
    }
}
