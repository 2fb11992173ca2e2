import GRDB

/// The candidate records a job may touch: only those of the job's own school.
public protocol CandidateRepository {
    /// Adds the candidate to the job's school. Returns false, adding nothing, when the school
    /// already has a candidate with this document. (Duplicates within one file are caught
    /// earlier, by the schema's primary key.)
    func add(_ candidate: Candidate, job: Int64, row: Int) throws -> Bool
}

/// SQLite's candidate records, scoped to one school inside one job's transaction.
struct SQLiteCandidateRepository: CandidateRepository {
    let db: Database
    let school: String

    func add(_ c: Candidate, job: Int64, row: Int) throws -> Bool {
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO candidate (school, population, name, namePinyin, documentType,
                    documentNumber, mobile, major, majorLevel, enrollmentYear, employer, education,
                    createdJob, createdRow)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (school, documentType, documentNumber) DO NOTHING
                """)
        try insert.execute(arguments: [
            school, c.population.rawValue, c.name, c.namePinyin, c.documentType.rawValue,
            c.documentNumber, c.mobile, c.major, c.majorLevel, c.enrollmentYear, c.employer,
            c.education, job, row,
        ])
        return db.changesCount == 1
    }
}
