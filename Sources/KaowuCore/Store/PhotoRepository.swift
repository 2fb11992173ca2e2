import Foundation
import GRDB
import PhotoDecoding

/// A photo as it is stored: the original bytes and what the checks found.
public struct StoredPhoto: Sendable, Equatable {
    public var format: PhotoFormat
    public var width: Int
    public var height: Int
    /// SHA-256 of `data`, lowercase hex.
    public var sha256: String
    public var data: Data
    /// The job that stored it.
    public var job: Int64

    public init(
        format: PhotoFormat, width: Int, height: Int, sha256: String, data: Data, job: Int64
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.sha256 = sha256
        self.data = data
        self.job = job
    }
}

/// The candidate photos a job may touch: only those of the job's own school.
public protocol PhotoRepository {
    /// The school's candidate with this document number (of any document type), or nil.
    func candidate(documentNumber: String) throws -> (id: Int64, name: String)?

    /// Whether the candidate has a photo: whether `store` would replace one.
    func hasPhoto(candidate: Int64) throws -> Bool

    /// Stores `photo` as the candidate's photo, replacing any earlier one, as part of the
    /// job's transaction. Returns true when an earlier photo was replaced.
    func store(_ photo: StoredPhoto, candidate: Int64, entry: String) throws -> Bool
}

/// SQLite's candidate photos, scoped to one school inside one job's transaction.
struct SQLitePhotoRepository: PhotoRepository {
    /// A result column `hasPhoto` for queries over `candidate`: whether the row has a photo.
    static let hasPhotoColumn = """
        EXISTS (SELECT 1 FROM candidate_photo WHERE candidate = candidate.id) AS hasPhoto
        """

    let db: Database
    let school: String

    func candidate(documentNumber: String) throws -> (id: Int64, name: String)? {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id, name FROM candidate WHERE school = ? AND documentNumber = ?
                    ORDER BY id LIMIT 1
                    """), arguments: [school, documentNumber])
        return row.map { ($0["id"], $0["name"]) }
    }

    func hasPhoto(candidate: Int64) throws -> Bool {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM candidate_photo WHERE candidate = ?"),
            arguments: [candidate]) != nil
    }

    func store(_ photo: StoredPhoto, candidate: Int64, entry: String) throws -> Bool {
        let existed = try hasPhoto(candidate: candidate)
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO candidate_photo
                    (candidate, format, width, height, bytes, sha256, data, job, entry)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            candidate, photo.format.rawValue, photo.width, photo.height, photo.data.count,
            photo.sha256, photo.data, photo.job, entry,
        ])
        return existed
    }
}

extension KaowuStore {
    /// Whether the school's candidate with this document has a photo.
    public func hasPhoto(school: String, documentType: DocumentType, documentNumber: String)
        throws -> Bool
    {
        try pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT 1 FROM candidate_photo p JOIN candidate c ON c.id = p.candidate
                    WHERE c.school = ? AND c.documentType = ? AND c.documentNumber = ?
                    """, arguments: [school, documentType.rawValue, documentNumber]) != nil
        }
    }

    /// How many of the school's candidates have a photo.
    public func photoCount(school: String) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM candidate_photo p JOIN candidate c ON c.id = p.candidate
                    WHERE c.school = ?
                    """, arguments: [school]) ?? 0
        }
    }

    /// The photo of the school's candidate with this document, or nil (for sign-in sheets,
    /// desk stickers, admission tickets).
    public func photo(school: String, documentType: DocumentType, documentNumber: String)
        throws -> StoredPhoto?
    {
        try pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT p.* FROM candidate_photo p JOIN candidate c ON c.id = p.candidate
                    WHERE c.school = ? AND c.documentType = ? AND c.documentNumber = ?
                    """, arguments: [school, documentType.rawValue, documentNumber]
            ).map { row in
                StoredPhoto(
                    format: PhotoFormat(rawValue: row["format"]) ?? .jpeg, width: row["width"],
                    height: row["height"], sha256: row["sha256"], data: row["data"],
                    job: row["job"])
            }
        }
    }
}
