import Foundation
import GRDB

/// Certificates, subjects and exam plans. Reading is open to every institution (plans are
/// public); writing is scoped to the job's org, which may only touch codes it owns.
public protocol ExamCatalogRepository {
    /// The certificate and the org that owns it, or nil when no org has this code.
    func certificate(code: String) throws -> (certificate: Certificate, org: String)?
    /// The subject and the org that owns it, or nil when no org has this code.
    func subject(code: String) throws -> (subject: ExamSubject, org: String)?
    /// Every subject of a certificate, by code.
    func subjects(ofCertificate code: String) throws -> [ExamSubject]
    /// The org owning plan `code`, or nil when there is no such plan.
    func planOwner(code: String) throws -> String?
    /// One certificate of a plan, or nil when the plan does not cover it.
    func plan(code: String, certificate: String) throws -> ExamPlan?

    /// Adds or replaces a certificate of the job's org.
    func save(_ certificate: Certificate, job: Int64) throws
    /// Adds or replaces a subject of the job's org.
    func save(_ subject: ExamSubject, job: Int64) throws
    /// Adds or replaces one certificate of a plan of the job's org (windows in `timeZone`).
    func save(_ plan: ExamPlan, timeZone: TimeZone, job: Int64) throws
    /// Takes a certificate out of a plan of the job's org.
    func removePlan(code: String, certificate: String) throws

    /// How many registrations (of every school) a plan holds for a certificate.
    func registrationCount(plan: String, certificate: String) throws -> Int
    /// How many registrations (of every school, every plan) name a subject, by the registered
    /// candidates' population.
    func registrationCounts(subject: String) throws -> [CandidatePopulation: Int]
}

/// SQLite's exam catalog inside one job's transaction; `org` is the job's institution.
struct SQLiteExamCatalogRepository: ExamCatalogRepository {
    let db: Database
    let org: String

    func certificate(code: String) throws -> (certificate: Certificate, org: String)? {
        try Row.fetchOne(
            db, sql: "SELECT code, name, level, org FROM certificate WHERE code = ?",
            arguments: [code]
        ).map { (Certificate(code: $0["code"], name: $0["name"], level: $0["level"]), $0["org"]) }
    }

    func subject(code: String) throws -> (subject: ExamSubject, org: String)? {
        try Row.fetchOne(db, sql: "SELECT * FROM subject WHERE code = ?", arguments: [code])
            .map { (Self.subject($0), $0["org"]) }
    }

    func subjects(ofCertificate code: String) throws -> [ExamSubject] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM subject WHERE certificate = ? ORDER BY code", arguments: [code]
        ).map(Self.subject)
    }

    func planOwner(code: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT org FROM exam_plan WHERE code = ? LIMIT 1", arguments: [code])
    }

    func plan(code: String, certificate: String) throws -> ExamPlan? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM exam_plan WHERE code = ? AND certificate = ?",
            arguments: [code, certificate]
        ).map(Self.plan)
    }

    func save(_ c: Certificate, job: Int64) throws {
        try db.execute(
            sql: """
                INSERT INTO certificate (code, org, name, level, job) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
                    job = excluded.job
                """, arguments: [c.code, org, c.name, c.level, job])
    }

    func save(_ s: ExamSubject, job: Int64) throws {
        try db.execute(
            sql: """
                INSERT INTO subject (code, org, certificate, name, examType, durationMinutes,
                    fullMark, passMark, weightPercent, fee, audience, job)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET certificate = excluded.certificate,
                    name = excluded.name, examType = excluded.examType,
                    durationMinutes = excluded.durationMinutes, fullMark = excluded.fullMark,
                    passMark = excluded.passMark, weightPercent = excluded.weightPercent,
                    fee = excluded.fee, audience = excluded.audience, job = excluded.job
                """,
            arguments: [
                s.code, org, s.certificate, s.name, s.examType, s.durationMinutes, s.fullMark,
                s.passMark, s.weightPercent, s.fee, s.audience.text, job,
            ])
    }

    func save(_ p: ExamPlan, timeZone: TimeZone, job: Int64) throws {
        var windows: [String: [String]] = [:]
        for (window, span) in p.windows {
            windows[window.rawValue] = [TimeWindow.text(span.start), TimeWindow.text(span.end)]
        }
        let json = String(decoding: try JSONEncoder().encode(windows), as: UTF8.self)
        var threshold: Double?
        var minimum: Double?
        if case .weightedTotal(let t, let m) = p.passRule {
            threshold = t
            minimum = m
        }
        // A plan's name is one for all its certificates: the newest row names it.
        try db.execute(
            sql: "UPDATE exam_plan SET name = ? WHERE code = ?", arguments: [p.name, p.code])
        try db.execute(
            sql: """
                INSERT INTO exam_plan (code, certificate, org, name, timeZone, windows,
                    passThreshold, subjectMinimum, job)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code, certificate) DO UPDATE SET name = excluded.name,
                    timeZone = excluded.timeZone, windows = excluded.windows,
                    passThreshold = excluded.passThreshold,
                    subjectMinimum = excluded.subjectMinimum, job = excluded.job
                """,
            arguments: [
                p.code, p.certificate, org, p.name, timeZone.identifier, json, threshold,
                minimum, job,
            ])
    }

    func removePlan(code: String, certificate: String) throws {
        try db.execute(
            sql: "DELETE FROM exam_plan WHERE code = ? AND certificate = ? AND org = ?",
            arguments: [code, certificate, org])
    }

    func registrationCount(plan: String, certificate: String) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM registration WHERE plan = ? AND certificate = ?",
            arguments: [plan, certificate]) ?? 0
    }

    func registrationCounts(subject: String) throws -> [CandidatePopulation: Int] {
        var counts: [CandidatePopulation: Int] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT c.population, COUNT(*) AS n FROM registration r
                JOIN candidate c ON c.id = r.candidate
                WHERE r.subject = ? GROUP BY c.population
                """, arguments: [subject])
        {
            if let p = CandidatePopulation(rawValue: row["population"]) { counts[p] = row["n"] }
        }
        return counts
    }

    static func subject(_ row: Row) -> ExamSubject {
        ExamSubject(
            code: row["code"], name: row["name"], certificate: row["certificate"],
            examType: row["examType"], durationMinutes: row["durationMinutes"],
            fullMark: row["fullMark"], passMark: row["passMark"],
            weightPercent: row["weightPercent"], fee: row["fee"],
            audience: ExamAudience(row["audience"]))
    }

    static func plan(_ row: Row) -> ExamPlan {
        let zone = TimeZone(identifier: row["timeZone"]) ?? CivilDate.chinaTimeZone
        let stored =
            (try? JSONDecoder().decode(
                [String: [String]].self, from: Data((row["windows"] as String).utf8))) ?? [:]
        var windows: [PlanWindow: TimeWindow] = [:]
        for (key, span) in stored {
            guard let window = PlanWindow(rawValue: key), span.count == 2,
                let start = SheetDateParser.parse(span[0], withTime: true),
                let end = SheetDateParser.parse(span[1], withTime: true)
            else { continue }
            windows[window] = TimeWindow(start: start, end: end, timeZone: zone)
        }
        let threshold: Double? = row["passThreshold"]
        return ExamPlan(
            code: row["code"], name: row["name"], certificate: row["certificate"],
            windows: windows,
            passRule: threshold.map {
                .weightedTotal(threshold: $0, subjectMinimum: row["subjectMinimum"])
            }
                ?? .everySubject)
    }
}
