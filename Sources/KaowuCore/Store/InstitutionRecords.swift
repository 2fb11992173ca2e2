import Foundation
import GRDB

extension KaowuStore {
    public func addInstitution(_ institution: Institution, at date: String) throws {
        try pool.write { db in
            if try Row.fetchOne(
                db, sql: "SELECT 1 FROM institution WHERE code = ?", arguments: [institution.code])
                != nil
            {
                throw KaowuError.institutionExists(institution.code)
            }
            try db.execute(
                sql: "INSERT INTO institution (code, name, role, createdAt) VALUES (?, ?, ?, ?)",
                arguments: [institution.code, institution.name, institution.role.rawValue, date])
        }
    }

    public func institution(code: String) throws -> Institution? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT code, name, role FROM institution WHERE code = ?",
                arguments: [code]
            ).map(Self.institution(from:))
        }
    }

    public func institutions() throws -> [Institution] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT code, name, role FROM institution ORDER BY code")
                .map(Self.institution(from:))
        }
    }

    private static func institution(from row: Row) -> Institution {
        Institution(
            code: row["code"], name: row["name"],
            role: InstitutionRole(rawValue: row["role"]) ?? .school)
    }
}
