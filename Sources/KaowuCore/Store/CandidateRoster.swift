import GRDB

extension KaowuStore {
    /// Calls `body` with every candidate of `school`, 院校考生 first, then in the order they were
    /// added, from one consistent snapshot (a job committing meanwhile is either all in or not
    /// at all). Rows are streamed, so memory does not grow with the school.
    public func forEachCandidate(
        school: String, _ body: (Candidate, _ hasPhoto: Bool) throws -> Void
    ) throws {
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(SQLiteCandidateRepository.columns),
                        \(SQLitePhotoRepository.hasPhotoColumn)
                    FROM candidate WHERE school = ? ORDER BY population, id
                    """, arguments: [school])
            while let row = try rows.next() {
                try body(SQLiteCandidateRepository.candidate(from: row), row["hasPhoto"])
            }
        }
    }
}
