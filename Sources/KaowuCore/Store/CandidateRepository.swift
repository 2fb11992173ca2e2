import GRDB

/// The candidate records a job may touch: only those of the job's own school.
public protocol CandidateRepository {
    /// Adds the candidate to the job's school. Returns false, adding nothing, when the school
    /// already has a candidate with this document. (Duplicates within one file are caught
    /// earlier, by the schema's primary key.)
    func add(_ candidate: Candidate, job: Int64, row: Int) throws -> Bool

    /// Whether the job's school has a candidate with this document: what `add` would refuse.
    func contains(documentType: DocumentType, documentNumber: String) throws -> Bool

    /// Whether the job's school has a candidate that `job` did not add. When it has none,
    /// `contains` can only find what the job itself added.
    func hasCandidates(notAddedBy job: Int64) throws -> Bool

    /// The job's school's candidate with this document; nil when the school has none, whether
    /// or not another school has one (a school never learns about other schools' candidates).
    func find(documentType: DocumentType, documentNumber: String) throws -> Candidate?

    /// Stores every field of `candidate` over the school's record with the same document and
    /// marks it as last changed by `job`. Returns false, changing nothing, when there is none.
    func update(_ candidate: Candidate, job: Int64) throws -> Bool
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

    func contains(documentType: DocumentType, documentNumber: String) throws -> Bool {
        let select = try db.cachedStatement(
            sql: """
                SELECT 1 FROM candidate
                WHERE school = ? AND documentType = ? AND documentNumber = ?
                """)
        return try Bool.fetchOne(
            select, arguments: [school, documentType.rawValue, documentNumber]) ?? false
    }

    func hasCandidates(notAddedBy job: Int64) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: "SELECT EXISTS (SELECT 1 FROM candidate WHERE school = ? AND createdJob <> ?)",
            arguments: [school, job]) ?? false
    }

    func find(documentType: DocumentType, documentNumber: String) throws -> Candidate? {
        let select = try db.cachedStatement(
            sql: """
                SELECT \(Self.columns) FROM candidate
                WHERE school = ? AND documentType = ? AND documentNumber = ?
                """)
        return try Row.fetchOne(
            select, arguments: [school, documentType.rawValue, documentNumber]
        ).map(Self.candidate(from:))
    }

    func update(_ c: Candidate, job: Int64) throws -> Bool {
        let update = try db.cachedStatement(
            sql: """
                UPDATE candidate SET population = ?, name = ?, namePinyin = ?, mobile = ?,
                    major = ?, majorLevel = ?, enrollmentYear = ?, employer = ?, education = ?,
                    updatedJob = ?
                WHERE school = ? AND documentType = ? AND documentNumber = ?
                """)
        try update.execute(arguments: [
            c.population.rawValue, c.name, c.namePinyin, c.mobile, c.major, c.majorLevel,
            c.enrollmentYear, c.employer, c.education, job, school, c.documentType.rawValue,
            c.documentNumber,
        ])
        return db.changesCount == 1
    }

    /// The columns `candidate(from:)` reads.
    static let columns = """
        population, name, namePinyin, documentType, documentNumber, mobile, major, majorLevel,
        enrollmentYear, employer, education
        """

    static func candidate(from row: Row) -> Candidate {
        Candidate(
            population: CandidatePopulation(rawValue: row["population"]) ?? .school,
            name: row["name"], namePinyin: row["namePinyin"],
            documentType: DocumentType(rawValue: row["documentType"]) ?? .residentIDCard,
            documentNumber: row["documentNumber"], mobile: row["mobile"], major: row["major"],
            majorLevel: row["majorLevel"], enrollmentYear: row["enrollmentYear"],
            employer: row["employer"], education: row["education"])
    }
}
