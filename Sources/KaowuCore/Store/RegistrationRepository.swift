import GRDB

/// One registered subject of a candidate in a plan.
public struct RegisteredSubject: Sendable, Equatable {
    public var subject: String
    public var paid: Bool
}

/// A school's registrations: only its own candidates, and only their registrations.
public protocol RegistrationRepository {
    /// The school's candidate with this document number, or nil (also when only another
    /// school has one: the two cases look the same).
    func candidate(documentNumber: String) throws -> RegistrableCandidate?
    /// Registers a subject. Returns false, adding nothing, when the candidate already holds it
    /// in this plan.
    func register(
        candidate: Int64, plan: String, certificate: String, subject: String, job: Int64,
        row: Int
    ) throws -> Bool
    /// The candidate's registered subjects of one certificate in one plan.
    func registrations(candidate: Int64, plan: String, certificate: String) throws
        -> [RegisteredSubject]
    /// Deletes a registration unless it is paid (a paid one always stays).
    func deleteUnpaid(candidate: Int64, plan: String, subject: String) throws
}

/// SQLite's registrations, scoped to one school inside one job's transaction.
struct SQLiteRegistrationRepository: RegistrationRepository {
    let db: Database
    let school: String

    func candidate(documentNumber: String) throws -> RegistrableCandidate? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, \(SQLiteCandidateRepository.columns),
                        \(SQLitePhotoRepository.hasPhotoColumn)
                    FROM candidate WHERE school = ? AND documentNumber = ?
                    ORDER BY id LIMIT 1
                    """, arguments: [school, documentNumber.uppercased()])
        else { return nil }
        return RegistrableCandidate(
            id: row["id"], candidate: SQLiteCandidateRepository.candidate(from: row),
            hasPhoto: row["hasPhoto"])
    }

    func register(
        candidate: Int64, plan: String, certificate: String, subject: String, job: Int64,
        row: Int
    ) throws -> Bool {
        try db.execute(
            sql: """
                INSERT INTO registration (school, candidate, plan, certificate, subject,
                    createdJob, createdRow)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (candidate, plan, subject) DO NOTHING
                """, arguments: [school, candidate, plan, certificate, subject, job, row])
        return db.changesCount == 1
    }

    func registrations(candidate: Int64, plan: String, certificate: String) throws
        -> [RegisteredSubject]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT subject, paid FROM registration
                WHERE school = ? AND candidate = ? AND plan = ? AND certificate = ?
                ORDER BY subject
                """, arguments: [school, candidate, plan, certificate]
        ).map { RegisteredSubject(subject: $0["subject"], paid: $0["paid"]) }
    }

    func deleteUnpaid(candidate: Int64, plan: String, subject: String) throws {
        try db.execute(
            sql: """
                DELETE FROM registration
                WHERE school = ? AND candidate = ? AND plan = ? AND subject = ? AND paid = 0
                """, arguments: [school, candidate, plan, subject])
    }
}
